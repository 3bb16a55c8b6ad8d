import { ZBulkDeleteBody, ZBulkDeleteResult, ZBulkSetFieldBody, ZBulkSetFieldResult } from '@kindling/contracts/bulk';
import { ZTask } from '@kindling/contracts/tasks';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { serviceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { runBulkAction, type BulkOutcome } from './bulk';

const tags = ['leads'];
/** Errors about the target point into the body's `target`. */
const targetPaths = { ids: 'body.target.ids', scope: 'body.target.' };

/** 200 with the action's counts (checked against its result schema), or 202 with the background task. */
export function sendBulkOutcome(reply: FastifyReply, outcome: BulkOutcome, result: z.ZodType) {
  return outcome.status === 200 ? reply.send(result.parse(outcome.result)) : reply.status(202).send(outcome.task);
}

/**
 * Bulk actions on chosen leads or on every lead matching the list's filter (PRODUCT 2.1). Bulk assign is in
 * assignment-routes.ts and bulk export is POST /leads/export with `ids`; both take the same kind of target.
 */
export function bulkRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/v1/leads/bulk/set-field',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Set one field on chosen leads or all matching a filter (more than 1,000: a background task)',
        body: ZBulkSetFieldBody,
        response: { 200: ZBulkSetFieldResult, 202: ZTask, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request, reply) => {
      const { target, field, value } = request.body;
      const outcome = await runBulkAction(deps, serviceContext(request), {
        target,
        action: { action: 'set-field', field, value },
        paths: targetPaths,
      });
      return sendBulkOutcome(reply, outcome, ZBulkSetFieldResult);
    },
  );

  app.post(
    '/api/v1/leads/bulk/delete',
    {
      config: { permission: 'leads:delete' },
      schema: {
        tags,
        summary: 'Move chosen leads, or all matching a filter, to the recycle bin (more than 1,000: a background task)',
        body: ZBulkDeleteBody,
        response: { 200: ZBulkDeleteResult, 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const outcome = await runBulkAction(deps, serviceContext(request), {
        target: request.body.target,
        action: { action: 'delete' },
        paths: targetPaths,
      });
      return sendBulkOutcome(reply, outcome, ZBulkDeleteResult);
    },
  );
}
