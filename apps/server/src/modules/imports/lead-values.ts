import { IMPORTED_LEAD_KEYS, type ImportedLeadKey } from '@kindling/contracts/imports';

const IMPORTED: ReadonlySet<string> = new Set(IMPORTED_LEAD_KEYS);
export const isImportedLeadKey = (key: string): key is ImportedLeadKey => IMPORTED.has(key);

/** A lead's importable values: what rows are matched against, merged into and written from. */
export interface LeadValues {
  name: string;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  wechatOpenid: string | null;
  wechatUnionid: string | null;
  source: string;
  ownerId: string | null;
  attributes: Record<string, unknown>;
}

/** What one row says about a lead: only the mapped, non-blank values (blank cells never clear anything). */
export type RowValues = Partial<Record<ImportedLeadKey, string>>;

/**
 * Maximum lengths of the built-in text fields, as `ZLeadWritable` (packages/contracts/src/leads.ts) enforces them;
 * a test keeps the two in step. Checked here without zod: an import checks millions of values.
 */
export const BUILT_IN_TEXT_LIMITS = {
  name: 200,
  companyName: 200,
  jobTitle: 200,
  industry: 100,
  province: 50,
  city: 50,
  wechatOpenid: 64,
  wechatUnionid: 64,
} as const satisfies Partial<Record<ImportedLeadKey, number>>;
