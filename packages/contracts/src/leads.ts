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
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Lead = z.infer<typeof ZLead>;

/** An owner's user id, `me`, or `none` (the public pool 公海: leads nobody owns). */
export const ZOwnerFilter = z.union([z.uuid(), z.enum(['me', 'none'])]);

export const LEAD_SORT_FIELDS = ['createdAt', 'updatedAt', 'name', 'email', 'companyName', 'source'] as const;

export const ZListLeadsQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  sort: z.enum(LEAD_SORT_FIELDS).default('createdAt'),
  order: ZSortOrder.default('desc'),
  source: ZLeadSource.optional(),
  ownerId: ZOwnerFilter.optional(),
  /** "deleted" lists the recycle bin (soft-deleted, restorable for 30 days). */
  view: z.enum(['active', 'deleted']).default('active'),
}).strict();
export type ListLeadsQuery = z.input<typeof ZListLeadsQuery>;

export const ZLeadPage = pageOf(ZLead);
export type LeadPage = z.infer<typeof ZLeadPage>;

export const ZExportLeadsBody = z
  .object({
    format: z.enum(['csv']).default('csv'),
    q: z.string().trim().max(200).optional(),
    source: ZLeadSource.optional(),
    ownerId: ZOwnerFilter.optional(),
    /** Export only the live leads matching this filter too (the console's "export all matching the filter"). */
    filter: ZFilter.optional(),
  })
  .strict();
