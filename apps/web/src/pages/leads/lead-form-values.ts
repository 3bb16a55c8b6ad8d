import { LEAD_OPTIONAL_TEXT_FIELDS } from '@kindling/contracts/leads';
import type { FieldDefinition } from '@kindling/contracts/fields';
import type { CreateLeadBody, Lead, LeadSource, UpdateLeadBody } from '@kindling/contracts/leads';
import { attributesToFormValues, formValuesToAttributes, type AttributeFormValues } from './custom-fields';

export interface LeadFormValues {
  name: string;
  email?: string | null;
  phone?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  industry?: string | null;
  province?: string | null;
  city?: string | null;
  wechatOpenid?: string | null;
  wechatUnionid?: string | null;
  source: LeadSource;
  ownerId?: string | null;
  /** The linked company record (its id). */
  companyId?: string | null;
  attributes?: AttributeFormValues;
}

const OPTIONAL_TEXT_FIELDS = LEAD_OPTIONAL_TEXT_FIELDS;

/** Blank means "not set": the API stores null, never an empty string. */
function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** `fields`: the custom fields the form shows (not archived). */
export function leadToFormValues(lead: Lead, fields: FieldDefinition[] = []): LeadFormValues {
  return {
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    companyName: lead.companyName,
    jobTitle: lead.jobTitle,
    industry: lead.industry,
    province: lead.province,
    city: lead.city,
    wechatOpenid: lead.wechatOpenid,
    wechatUnionid: lead.wechatUnionid,
    source: lead.source,
    ownerId: lead.ownerId,
    companyId: lead.companyId,
    attributes: attributesToFormValues(fields, lead.attributes),
  };
}

export function toCreateBody(values: LeadFormValues, fields: FieldDefinition[] = []): CreateLeadBody {
  const body: CreateLeadBody = { name: values.name.trim(), source: values.source };
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== null) body[field] = value;
  }
  if (values.ownerId) body.ownerId = values.ownerId;
  if (values.companyId) body.companyId = values.companyId;
  const attributes = formValuesToAttributes(fields, values.attributes);
  if (Object.keys(attributes).length > 0) body.attributes = attributes;
  return body;
}

/** Only what the user changed; an empty object means there is nothing to save. */
export function toUpdateBody(lead: Lead, values: LeadFormValues, fields: FieldDefinition[] = []): UpdateLeadBody {
  const body: UpdateLeadBody = {};
  const name = values.name.trim();
  if (name !== lead.name) body.name = name;
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== lead[field]) body[field] = value;
  }
  if (values.source !== lead.source) body.source = values.source;
  const ownerId = values.ownerId ?? null;
  if (ownerId !== lead.ownerId) body.ownerId = ownerId;
  const companyId = values.companyId ?? null;
  if (companyId !== lead.companyId) body.companyId = companyId;
  const attributes = formValuesToAttributes(fields, values.attributes, lead.attributes);
  if (Object.keys(attributes).length > 0) body.attributes = attributes;
  return body;
}
