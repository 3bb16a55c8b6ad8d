import { z } from 'zod';

export const ZTaskStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type TaskStatus = z.infer<typeof ZTaskStatus>;

/** A long operation (import, export, bulk edit, re-score) as the console's tasks drawer shows it. */
export const ZTask = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  status: ZTaskStatus,
  progressDone: z.number().int(),
  progressTotal: z.number().int().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  hasFile: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Task = z.infer<typeof ZTask>;
