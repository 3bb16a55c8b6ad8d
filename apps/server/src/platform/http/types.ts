import type { ZErrorResponse } from '@kindling/contracts/errors';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../../config';
import type { Database } from '../db/client';
import type { JobQueue } from '../jobs/queue';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Everything routes need, handed to each module's route plugin. */
export interface AppDeps {
  database: Database;
  config: AppConfig;
  jobs: JobQueue;
}

export type ErrorResponseSchema = typeof ZErrorResponse;
