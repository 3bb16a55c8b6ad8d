import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { ZFilter } from './filters';
import { ZSortOrder, ZPageQuery, pageOf } from './pagination';

export const LEAD_SOURCES = [
  'manual',
  'import',
  'website',
  'form',
  'event',
  'wechat',
  'wecom',
  'referral',
  'live',
  'content',
  'api',
  'other',
] as const;
export const ZLeadSource = z.enum(LEAD_SOURCES);

/** The lead's optional text fields, in display order (forms, timeline, change tracking). */
export const LEAD_OPTIONAL_TEXT_FIELDS = [
  'email',
  'phone',
  'companyName',
  'jobTitle',
  'industry',
  'province',
  'city',
  'wechatOpenid',
  'wechatUnionid',
] as const;
export type LeadSource = z.infer<typeof ZLeadSource>;

const text = (max: number) => z.string().trim().max(max);

/** Empty input means "no value": the console sends "" for a cleared field. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** Email, trimmed and lower-cased; "" clears it. */
export const ZEmailField = z.preprocess(
  blankToNull,
  z.string().trim().toLowerCase().pipe(z.email('Invalid email address').max(254)).nullable(),
);

/** Phone normalised to E.164; numbers without a country code are read as mainland China (+86). */
export const ZPhoneField = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(40)
    .transform((value, ctx) => {
      const parsed = parsePhoneNumberFromString(value, 'CN');
      if (!parsed || !parsed.isValid()) {
        ctx.addIssue({ code: 'custom', message: 'Invalid phone number' });
        return z.NEVER;
      }
      return parsed.number;
    })
    .nullable(),
);

/** Fields a person can write; email and phone are normalised by the server (lower-case, E.164). */
export const ZLeadWritable = z.object({
  name: text(200).min(1, 'Name is required'),
  email: ZEmailField.optional(),
  phone: ZPhoneField.optional(),
  companyName: z.preprocess(blankToNull, text(200).nullable()).optional(),
  jobTitle: z.preprocess(blankToNull, text(200).nullable()).optional(),
  source: ZLeadSource.default('manual'),
  ownerId: z.uuid().nullable().optional(),
  wechatOpenid: z.preprocess(blankToNull, text(64).nullable()).optional(),
  wechatUnionid: z.preprocess(blankToNull, text(64).nullable()).optional(),
  province: z.preprocess(blankToNull, text(50).nullable()).optional(),
  city: z.preprocess(blankToNull, text(50).nullable()).optional(),
  industry: z.preprocess(blankToNull, text(100).nullable()).optional(),
  /** The company record (a company of the workspace); when `companyName` is empty it takes the company's name. */
  companyId: z.uuid().nullable().optional(),
  /** Custom field values by field key; validated against the workspace's field definitions. null clears one. */
  attributes: z.record(z.string(), z.unknown()).optional(),
});

export const ZCreateLeadBody = ZLeadWritable.strict();
export type CreateLeadBody = z.input<typeof ZCreateLeadBody>;

export const ZUpdateLeadBody = ZLeadWritable.partial()
  .extend({ source: ZLeadSource.optional() })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to update');
export type UpdateLeadBody = z.input<typeof ZUpdateLeadBody>;

export const ZLead = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  source: ZLeadSource,
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  wechatOpenid: z.string().nullable(),
  wechatUnionid: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  industry: z.string().nullable(),
  companyId: z.uuid().nullable(),
  /** The linked company record; `companyName` is the name as typed and stays when the link goes. */
  company: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Lead = z.infer<typeof ZLead>;

/** An owner's user id, `me`, or `none` (the public pool 公海: leads nobody owns). */
export const ZOwnerFilter = z.union([z.uuid(), z.enum(['me', 'none'])]);

/** Built-in fields the lists have always sorted by (lists that do not take custom sort keys use these). */
export const LEAD_SORT_FIELDS = ['createdAt', 'updatedAt', 'name', 'email', 'companyName', 'source'] as const;

/** How a sort key names a custom field: `attr.<key>` (a built-in field added later can never shadow it). */
export const CUSTOM_SORT_PREFIX = 'attr.';

/**
 * What the lead list sorts by: a built-in field key (`companyName`, `ownerId` sorts by the owner's name) or a
 * custom field as `attr.<key>`. The server checks it against the workspace's field catalogue (400 when unknown).
 */
export const ZLeadSortKey = z
  .string()
  .max(60)
  .regex(/^(?:[A-Za-z]+|attr\.[a-z][a-z0-9_]{1,39})$/, 'Use a field key, or attr.<key> for a custom field');
export type LeadSortKey = z.infer<typeof ZLeadSortKey>;

/** A request names at most this many leads; larger sets are "all matching" targets (see ./bulk.ts). */
export const MAX_BULK_IDS = 1000;
export const ZLeadIds = z.array(z.uuid()).min(1).max(MAX_BULK_IDS, `At most ${MAX_BULK_IDS} leads per request`);

export const ZListLeadsQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  sort: ZLeadSortKey.default('createdAt'),
  order: ZSortOrder.default('desc'),
  source: ZLeadSource.optional(),
  ownerId: ZOwnerFilter.optional(),
  /** Leads linked to this company. */
  companyId: z.uuid().optional(),
  /** "deleted" lists the recycle bin (soft-deleted, restorable for 30 days). */
  view: z.enum(['active', 'deleted']).default('active'),
}).strict();
export type ListLeadsQuery = z.input<typeof ZListLeadsQuery>;

export const ZLeadPage = pageOf(ZLead);
export type LeadPage = z.infer<typeof ZLeadPage>;

/** The lead list's own narrowing (search box, source picker, owner tab) plus a filter-language AST. */
export const ZLeadListScope = z.object({
  q: z.string().trim().max(200).optional(),
  source: ZLeadSource.optional(),
  ownerId: ZOwnerFilter.optional(),
  /** Only the live leads matching this filter too (the console's "all matching the filter"). */
  filter: ZFilter.optional(),
});
export type LeadListScope = z.infer<typeof ZLeadListScope>;

/** The scope's keys that are set: they narrow "all matching", so they never go with explicit ids. */
export const scopeKeysSet = (value: LeadListScope): string[] =>
  (['q', 'source', 'ownerId', 'filter'] as const).filter((key) => value[key] !== undefined);

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ZExportFormat>;

/** File format and columns of an export: field catalogue keys in order (custom fields by their key). */
export const ZExportOptions = z.object({
  format: ZExportFormat.default('csv'),
  /** Default: the requester's saved lead-list columns, or every built-in field when they never chose. */
  columns: z
    .array(z.string().min(1).max(60))
    .min(1)
    .max(200)
    .refine((keys) => new Set(keys).size === keys.length, 'Columns must not repeat')
    .optional(),
});

export const ZExportLeadsBody = ZLeadListScope.extend(ZExportOptions.shape)
  .extend({
    /** Export just these leads (the chosen rows) instead of the list's scope. */
    ids: ZLeadIds.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const [scoped] = scopeKeysSet(body);
    if (body.ids && scoped)
      ctx.addIssue({ code: 'custom', path: [scoped], message: 'List filters do not go with ids' });
  });
export type ExportLeadsBody = z.input<typeof ZExportLeadsBody>;
