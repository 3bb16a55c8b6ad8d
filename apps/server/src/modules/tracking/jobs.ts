import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue';
import { processIdentifyEvents } from './identify';

/** Identify events per job: one flush's worth at most, so one job stays a short piece of work. */
export const IDENTIFY_JOB_MAX_EVENTS = 1000;

/**
 * Identity stitching after ingest: the identify events of one flush (ids only; the events are read back). Enqueued
 * by `enqueueIdentify` once the flush has committed. At-least-once delivery is fine: processing is idempotent.
 */
export const identifyEventsJob = defineJob({
  name: 'tracking.identify',
  schema: z.object({ workspaceId: z.uuid(), eventIds: z.array(z.uuid()).min(1).max(IDENTIFY_JOB_MAX_EVENTS) }),
  async handle({ database }, { workspaceId, eventIds }) {
    await processIdentifyEvents(database, workspaceId, eventIds);
  },
});
