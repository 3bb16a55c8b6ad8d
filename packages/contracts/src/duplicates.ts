import { z } from 'zod';
import { ZPageQuery, pageOf } from './pagination';

/**
 * Why two leads look like the same person: the same email once normalised (case, gmail dots, `+tag`), the same
 * mobile, the same WeChat OpenID or UnionID, or the same name at the same company.
 */
export const DUPLICATE_REASONS = ['email', 'phone', 'openid', 'unionid', 'name_company'] as const;
export const ZDuplicateReason = z.enum(DUPLICATE_REASONS);
export type DuplicateReason = z.infer<typeof ZDuplicateReason>;

/** What the duplicate list shows of each lead of a pair. */
export const ZDuplicateLead = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** The company record's name when the lead has one, otherwise the company name as typed. */
  company: z.string().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type DuplicateLead = z.infer<typeof ZDuplicateLead>;

/** Two likely duplicates, the older lead first (the natural one to keep), with every reason that matched. */
export const ZDuplicatePair = z.object({
  leads: z.tuple([ZDuplicateLead, ZDuplicateLead]),
  reasons: z.array(ZDuplicateReason).min(1),
});
export type DuplicatePair = z.infer<typeof ZDuplicatePair>;

export const ZListDuplicatesQuery = ZPageQuery.extend({ reason: ZDuplicateReason.optional() }).strict();
export type ListDuplicatesQuery = z.input<typeof ZListDuplicatesQuery>;

export const ZDuplicatePage = pageOf(ZDuplicatePair).extend({
  /** The scan stopped at its limit: merge or dismiss some pairs and more appear. */
  capped: z.boolean(),
});
export type DuplicatePage = z.infer<typeof ZDuplicatePage>;

/** GET /leads/:id/duplicates: the likely duplicates of one lead, oldest first. */
export const ZLeadDuplicates = z.object({
  items: z.array(z.object({ lead: ZDuplicateLead, reasons: z.array(ZDuplicateReason).min(1) })),
});
export type LeadDuplicates = z.infer<typeof ZLeadDuplicates>;

const ZTwoLeadIds = z
  .tuple([z.uuid(), z.uuid()])
  .refine(([a, b]) => a.toLowerCase() !== b.toLowerCase(), 'Choose two different leads');

/** "Not duplicates": the pair leaves the list for good. Idempotent. */
export const ZDismissDuplicateBody = z.object({ leadIds: ZTwoLeadIds }).strict();
export type DismissDuplicateBody = z.input<typeof ZDismissDuplicateBody>;

export const ZExportDuplicatesBody = z
  .object({ format: z.enum(['csv']).default('csv'), reason: ZDuplicateReason.optional() })
  .strict();
export type ExportDuplicatesBody = z.input<typeof ZExportDuplicatesBody>;
