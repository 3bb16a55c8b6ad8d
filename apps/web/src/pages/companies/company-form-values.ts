import type { Company, CompanySize, CreateCompanyBody, UpdateCompanyBody } from '@kindling/contracts/companies';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { attributesToFormValues, formValuesToAttributes, type AttributeFormValues } from '../leads/custom-fields';

export interface CompanyFormValues {
  name: string;
  domain?: string | null;
  industry?: string | null;
  size?: CompanySize | null;
  region?: string | null;
  parentId?: string | null;
  legalName?: string | null;
  registrationId?: string | null;
  address?: string | null;
  attributes?: AttributeFormValues;
  /** New companies: fill registry data from the enrichment provider right after creating. */
  enrich?: boolean;
}

/** The company's optional text fields, in form order. */
export const COMPANY_TEXT_FIELDS = ['domain', 'industry', 'region', 'legalName', 'registrationId', 'address'] as const;

/** Blank means "not set": the API stores null, never an empty string. */
function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** `fields`: the custom company fields the form shows (not archived). */
export function companyToFormValues(company: Company, fields: FieldDefinition[] = []): CompanyFormValues {
  return {
    name: company.name,
    domain: company.domain,
    industry: company.industry,
    size: company.size,
    region: company.region,
    parentId: company.parentId,
    legalName: company.legalName,
    registrationId: company.registrationId,
    address: company.address,
    attributes: attributesToFormValues(fields, company.attributes),
  };
}

export function toCreateCompanyBody(values: CompanyFormValues, fields: FieldDefinition[] = []): CreateCompanyBody {
  const body: CreateCompanyBody = { name: values.name.trim() };
  for (const field of COMPANY_TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== null) body[field] = value;
  }
  if (values.size) body.size = values.size;
  if (values.parentId) body.parentId = values.parentId;
  const attributes = formValuesToAttributes(fields, values.attributes);
  if (Object.keys(attributes).length > 0) body.attributes = attributes;
  return body;
}

/**
 * Only what the user changed; an empty object means there is nothing to save. A domain typed differently from the
 * stored one is sent as typed; the server normalises it ("https://www.Acme.com" → "acme.com").
 */
export function toUpdateCompanyBody(
  company: Company,
  values: CompanyFormValues,
  fields: FieldDefinition[] = [],
): UpdateCompanyBody {
  const body: UpdateCompanyBody = {};
  const name = values.name.trim();
  if (name !== company.name) body.name = name;
  for (const field of COMPANY_TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== company[field]) body[field] = value;
  }
  if ((values.size ?? null) !== company.size) body.size = values.size ?? null;
  if ((values.parentId ?? null) !== company.parentId) body.parentId = values.parentId ?? null;
  const attributes = formValuesToAttributes(fields, values.attributes, company.attributes);
  if (Object.keys(attributes).length > 0) body.attributes = attributes;
  return body;
}
