import type { CreateLeadBody, Lead, LeadSource, UpdateLeadBody } from '@kindling/contracts/leads';

export interface LeadFormValues {
  name: string;
  email?: string | null;
  phone?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  source: LeadSource;
  ownerId?: string | null;
}

const OPTIONAL_TEXT_FIELDS = ['email', 'phone', 'companyName', 'jobTitle'] as const;

/** Blank means "not set": the API stores null, never an empty string. */
function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function leadToFormValues(lead: Lead): LeadFormValues {
  return {
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    companyName: lead.companyName,
    jobTitle: lead.jobTitle,
    source: lead.source,
    ownerId: lead.ownerId,
  };
}

export function toCreateBody(values: LeadFormValues): CreateLeadBody {
  const body: CreateLeadBody = { name: values.name.trim(), source: values.source };
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== null) body[field] = value;
  }
  if (values.ownerId) body.ownerId = values.ownerId;
  return body;
}

/** Only what the user changed; an empty object means there is nothing to save. */
export function toUpdateBody(lead: Lead, values: LeadFormValues): UpdateLeadBody {
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
  return body;
}
