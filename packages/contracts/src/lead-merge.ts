import { z } from 'zod';
import { ZLead } from './leads';

/**
 * Built-in lead fields a merge can take from either lead, in display order. `companyId` is the company record
 * (modules/companies); `companyName` is the company as typed. Custom fields are chosen by their key.
 */
export const MERGE_BUILT_IN_FIELDS = [
  'name',
  'email',
  'phone',
  'companyName',
  'companyId',
  'jobTitle',
  'industry',
  'province',
  'city',
  'source',
  'ownerId',
  'wechatOpenid',
  'wechatUnionid',
] as const;
export type MergeBuiltInField = (typeof MERGE_BUILT_IN_FIELDS)[number];

/** Which lead's value a field keeps. */
export const ZMergeSide = z.enum(['primary', 'secondary']);
export type MergeSide = z.infer<typeof ZMergeSide>;

const ZMergeIds = z.object({
  /** The lead that survives. */
  primaryId: z.uuid(),
  /** The lead merged into it and then deleted. */
  secondaryId: z.uuid(),
});

const differentLeads = {
  check: (ids: { primaryId: string; secondaryId: string }) =>
    ids.primaryId.toLowerCase() !== ids.secondaryId.toLowerCase(),
  params: { path: ['secondaryId'], message: 'Choose two different leads' },
};

/**
 * POST /leads/merge. `values` picks a side per field (built-in key or custom field key); a field not listed keeps
 * the primary's value unless that is empty, then takes the secondary's.
 */
export const ZMergeLeadsBody = ZMergeIds.extend({
  values: z.record(z.string().min(1).max(100), ZMergeSide).optional(),
})
  .strict()
  .refine(differentLeads.check, differentLeads.params);
export type MergeLeadsBody = z.input<typeof ZMergeLeadsBody>;

/** GET /leads/merge/preview: what a merge would do, before doing it. */
export const ZMergePreviewQuery = ZMergeIds.strict().refine(differentLeads.check, differentLeads.params);
export type MergePreviewQuery = z.input<typeof ZMergePreviewQuery>;

/** One field whose values differ between the two leads. */
export const ZMergeFieldRow = z.object({
  key: z.string(),
  builtIn: z.boolean(),
  primary: z.unknown(),
  secondary: z.unknown(),
  /** Display text of an id value (owner's name, company's name); null for other fields. */
  primaryText: z.string().nullable(),
  secondaryText: z.string().nullable(),
  /** The side kept when the request does not choose. */
  choice: ZMergeSide,
});
export type MergeFieldRow = z.infer<typeof ZMergeFieldRow>;

export const ZMergePreview = z.object({
  primary: ZLead,
  secondary: ZLead,
  fields: z.array(ZMergeFieldRow),
  /** The secondary's activities, which move to the primary's timeline. */
  activitiesToMove: z.number().int(),
});
export type MergePreview = z.infer<typeof ZMergePreview>;

export const ZMergeResult = z.object({
  lead: ZLead,
  movedActivities: z.number().int(),
  /** Fields whose value now comes from the merged (deleted) lead. */
  fieldsTaken: z.array(z.string()),
});
export type MergeResult = z.infer<typeof ZMergeResult>;
