import type { DedupeKey, DedupeMode, ImportCompanies, ImportedLeadKey } from '@kindling/contracts/imports';
import type { LeadValues } from './lead-values';
import { rejectRow, type ImportRow, type RejectedRow } from './normalise-row';
import type { RejectionReason } from './rejection-reasons';

export interface ExistingLead extends LeadValues {
  id: string;
}

export interface BatchOptions {
  mode: DedupeMode;
  keys: ReadonlySet<DedupeKey>;
  /** Owner and source of new leads when the row has none. */
  defaultOwnerId: string | null;
  defaultSource: string;
  /** Custom fields a new lead must have. */
  required: readonly { key: string; label: string }[];
  /** Mapped custom fields whose values must be unique among live leads. */
  unique: readonly { key: string; header: string }[];
  /** Name of the email column, for "already belongs to another lead". */
  emailHeader: string;
  /** Whether written leads are linked to companies, and missing companies created (contracts/imports.ts). */
  companies: ImportCompanies;
}

export interface NewLead {
  id: string;
  /** The row that created it (later rows of the file may have added to it). */
  row: number;
  values: LeadValues;
}

export interface LeadUpdate {
  id: string;
  rows: number[];
  before: LeadValues;
  after: LeadValues;
}

/** What one batch does: every row of it is counted exactly once (created, updated, skipped or rejected). */
export interface BatchPlan {
  creates: NewLead[];
  updates: LeadUpdate[];
  updatedRows: number;
  skippedRows: number;
  rejected: RejectedRow[];
}

/** Holders of unique custom field values among live leads: field key → JSON of the value → lead id. */
export type UniqueOwners = Map<string, Map<string, string>>;

interface WorkingLead {
  id: string;
  /** null for a lead this batch creates. */
  before: LeadValues | null;
  current: LeadValues;
  row: number;
  changedBy: number[];
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** Applies a row to a lead per the mode; true when anything changed. */
function mergeRow(lead: LeadValues, row: ImportRow, mode: DedupeMode): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(row.values) as [ImportedLeadKey, string][]) {
    const current = lead[key];
    if (current === value || (mode === 'update_empty' && !isEmpty(current))) continue;
    Object.assign(lead, { [key]: value });
    changed = true;
  }
  for (const [key, value] of Object.entries(row.attributes)) {
    const current = lead.attributes[key];
    if (mode === 'update_empty' && !isEmpty(current)) continue;
    if (JSON.stringify(current) === JSON.stringify(value)) continue;
    lead.attributes = { ...lead.attributes, [key]: value };
    changed = true;
  }
  return changed;
}

function newLeadValues(row: ImportRow, options: BatchOptions): LeadValues {
  const v = row.values;
  return {
    // A row has at least one of these (checked when it was read); the name falls back to the others.
    name: v.name ?? v.email ?? v.phone ?? v.wechatOpenid ?? '',
    email: v.email ?? null,
    phone: v.phone ?? null,
    companyName: v.companyName ?? null,
    jobTitle: v.jobTitle ?? null,
    industry: v.industry ?? null,
    province: v.province ?? null,
    city: v.city ?? null,
    wechatOpenid: v.wechatOpenid ?? null,
    wechatUnionid: v.wechatUnionid ?? null,
    source: v.source ?? options.defaultSource,
    ownerId: v.ownerId ?? options.defaultOwnerId,
    attributes: { ...row.attributes },
  };
}

/**
 * Decides what each row of a batch does, given the live leads its emails, phones and OpenIDs match. Rows are
 * taken in file order, and what earlier rows create or change is visible to later ones: a second row with the
 * same email is a duplicate of the lead the first one created, never a clash on the unique email index.
 * Matching tries email, then phone, then WeChat OpenID (those chosen as dedupe keys); an email is unique, so a
 * row whose email belongs to a lead other than its match is refused rather than written.
 */
export function planBatch(
  rows: readonly ImportRow[],
  existing: readonly ExistingLead[],
  uniqueOwners: UniqueOwners,
  options: BatchOptions,
  newId: () => string,
): BatchPlan {
  const leads = new Map<string, WorkingLead>();
  const byEmail = new Map<string, string>();
  const byPhone = new Map<string, string>();
  const byOpenid = new Map<string, string>();
  const owners: UniqueOwners = new Map(options.unique.map((u) => [u.key, new Map(uniqueOwners.get(u.key))]));

  /**
   * Indexes a lead's current values; the oldest lead keeps a shared phone or OpenID. A value a lead gives up in
   * this batch stays indexed to it, so no other row of the batch can take it over: the writes of one batch then
   * never pass through a moment where two leads hold the same email.
   */
  const index = (lead: WorkingLead) => {
    const { email, phone, wechatOpenid, attributes } = lead.current;
    if (email) byEmail.set(email, lead.id);
    if (phone && !byPhone.has(phone)) byPhone.set(phone, lead.id);
    if (wechatOpenid && !byOpenid.has(wechatOpenid)) byOpenid.set(wechatOpenid, lead.id);
    for (const [key, values] of owners) {
      if (attributes[key] !== undefined) values.set(JSON.stringify(attributes[key]), lead.id);
    }
  };

  for (const lead of existing) {
    const { id, ...values } = lead;
    const working: WorkingLead = { id, before: values, current: { ...values }, row: 0, changedBy: [] };
    leads.set(id, working);
    index(working);
  }

  const plan: BatchPlan = { creates: [], updates: [], updatedRows: 0, skippedRows: 0, rejected: [] };
  const refuse = (row: ImportRow, reasons: RejectionReason[]) =>
    plan.rejected.push(rejectRow(row.row, row.cells, reasons));

  for (const row of rows) {
    const { email, phone, wechatOpenid } = row.values;
    const emailHolder = email ? byEmail.get(email) : undefined;
    const match =
      (options.keys.has('email') ? emailHolder : undefined) ??
      (options.keys.has('phone') && phone ? byPhone.get(phone) : undefined) ??
      (options.keys.has('wechatOpenid') && wechatOpenid ? byOpenid.get(wechatOpenid) : undefined);
    if (emailHolder !== undefined && emailHolder !== match) {
      refuse(row, [{ code: 'email_taken', column: options.emailHeader }]);
      continue;
    }
    const taken = options.unique.filter((u) => {
      const value = row.attributes[u.key];
      const holder = value === undefined ? undefined : owners.get(u.key)?.get(JSON.stringify(value));
      return holder !== undefined && holder !== match;
    });
    if (taken.length > 0) {
      refuse(
        row,
        taken.map((u) => ({ code: 'value_taken', column: u.header })),
      );
      continue;
    }
    const target = match === undefined ? undefined : leads.get(match);
    if (target) {
      if (options.mode === 'skip' || !mergeRow(target.current, row, options.mode)) {
        plan.skippedRows += 1;
        continue;
      }
      target.changedBy.push(row.row);
      plan.updatedRows += 1;
      index(target);
      continue;
    }
    const missing = options.required.filter((field) => row.attributes[field.key] === undefined);
    if (missing.length > 0) {
      refuse(
        row,
        missing.map((field) => ({ code: 'required', column: field.label })),
      );
      continue;
    }
    const created: WorkingLead = {
      id: newId(),
      before: null,
      current: newLeadValues(row, options),
      row: row.row,
      changedBy: [],
    };
    leads.set(created.id, created);
    index(created);
  }

  for (const lead of leads.values()) {
    if (lead.before === null) plan.creates.push({ id: lead.id, row: lead.row, values: lead.current });
    else if (lead.changedBy.length > 0) {
      plan.updates.push({ id: lead.id, rows: lead.changedBy, before: lead.before, after: lead.current });
    }
  }
  return plan;
}
