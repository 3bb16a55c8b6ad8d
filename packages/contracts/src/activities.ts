import { z } from 'zod';

/** Activity types known so far; later modules add theirs (email_opened, form_submitted, ...). */
export const ACTIVITY_TYPES = [
  'lead_created',
  'lead_updated',
  'lead_deleted',
  'lead_restored',
  'lead_assigned',
  'note_added',
] as const;
export const ZActivityType = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof ZActivityType>;

export const ZActivity = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  type: z.string(),
  source: z.string(),
  occurredAt: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  properties: z.record(z.string(), z.unknown()),
});
export type Activity = z.infer<typeof ZActivity>;

export const ZActivityPage = z.object({
  items: z.array(ZActivity),
  /** Pass back as `before` to get the next (older) page; null when there is nothing older. */
  nextCursor: z.string().nullable(),
});

export const ZListActivitiesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    before: z.string().max(100).optional(),
  })
  .strict();

export const ZCreateNoteBody = z.object({ body: z.string().trim().min(1).max(5000) }).strict();
export type ActivityPage = z.infer<typeof ZActivityPage>;
