import { z } from 'zod';

/** Activity types known so far; later modules add theirs (email_opened, form_submitted, ...). */
export const ACTIVITY_TYPES = [
  'lead_created',
  'lead_updated',
  'lead_deleted',
  'lead_restored',
  'lead_assigned',
  'note_added',
  /** Created by an import: { importId, fileName, row }. */
  'lead_imported',
  /** Another lead was merged into this one: { mergedLeadId, mergedLeadName, fields: {field: {from, to}} }. */
  'lead.merged',
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

const ZActivityTypeName = z.string().trim().min(1).max(100);

export const ZListActivitiesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(30),
    before: z.string().max(100).optional(),
    /** Only these activity types: comma-separated (`types=note_added,lead_assigned`) or the parameter repeated. */
    types: z
      .preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(ZActivityTypeName).min(1).max(50))
      .optional(),
  })
  .strict();

/** GET /leads/:id/activity-types: the types in one lead's timeline with how many of each (the filter chips). */
export const ZActivityTypeCounts = z.object({
  items: z.array(z.object({ type: z.string(), count: z.number().int() })),
});
export type ActivityTypeCounts = z.infer<typeof ZActivityTypeCounts>;

/** The JSON type of a property's values, as seen most often in recent activities. */
export const ZPropertyValueType = z.enum(['string', 'number', 'boolean', 'object', 'array']);
export type PropertyValueType = z.infer<typeof ZPropertyValueType>;

/**
 * GET /activity-types: the workspace's activity types with the property paths seen in their recent activities
 * (top level and one nested level, `utm.source`), for the filter builder's suggestions.
 */
export const ZActivityTypeCatalog = z.object({
  items: z.array(
    z.object({
      type: z.string(),
      properties: z.array(z.object({ path: z.string(), valueType: ZPropertyValueType })),
    }),
  ),
});
export type ActivityTypeCatalog = z.infer<typeof ZActivityTypeCatalog>;

export const ZCreateNoteBody = z.object({ body: z.string().trim().min(1).max(5000) }).strict();
export type ActivityPage = z.infer<typeof ZActivityPage>;
