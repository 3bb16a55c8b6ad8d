import { ZAssignLeadsBody, ZAssignmentResult, ZRoundRobinBody } from '@kindling/contracts/assignment';
import type { BulkTarget } from '@kindling/contracts/bulk';
import { ZLead } from '@kindling/contracts/leads';
import { ZTask } from '@kindling/contracts/tasks';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { requireAuth, serviceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { claimLead, releaseLead } from './assignment';
import { runBulkAction } from './bulk';
import { sendBulkOutcome } from './bulk-routes';
import { getLead } from './service';

const tags = ['leads'];

/** The leads as `leadIds` (as always) or a bulk `target` (the contract allows exactly one), with error paths. */
function assignmentTarget(leads: { leadIds?: string[] | undefined; target?: BulkTarget | undefined }) {
  return leads.target
    ? { target: leads.target, paths: { ids: 'body.target.ids', scope: 'body.target.' } }
    : { target: { ids: leads.leadIds ?? [] }, paths: { ids: 'body.leadIds', scope: 'body.' } };
}
const idParams = z.object({ id: z.uuid() });

/** Assignment (PRODUCT 2.1): hand out, share round-robin, and the public pool (公海) with claim and release. */
export function assignmentRoutes(app: App, deps: AppDeps): void {
  const { db } = deps.database;

  app.post(
    '/api/v1/leads/assign',
    {
      config: { permission: 'leads:assign' },
      schema: {
        tags,
        summary: 'Give leads to an owner, or back to the public pool (ownerId null)',
        body: ZAssignLeadsBody,
        response: { 200: ZAssignmentResult, 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { ownerId, ...leads } = request.body;
      const outcome = await runBulkAction(deps, serviceContext(request), {
        ...assignmentTarget(leads),
        action: { action: 'assign', ownerId },
      });
      return sendBulkOutcome(reply, outcome, ZAssignmentResult);
    },
  );

  app.post(
    '/api/v1/leads/assign/round-robin',
    {
      config: { permission: 'leads:assign' },
      schema: {
        tags,
        summary: 'Share leads out in turn among several people',
        body: ZRoundRobinBody,
        response: { 200: ZAssignmentResult, 202: ZTask, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { userIds, ...leads } = request.body;
      const outcome = await runBulkAction(deps, serviceContext(request), {
        ...assignmentTarget(leads),
        action: { action: 'round-robin', userIds },
      });
      return sendBulkOutcome(reply, outcome, ZAssignmentResult);
    },
  );

  app.post(
    '/api/v1/leads/:id/claim',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Claim an unowned lead from the public pool (公海)',
        params: idParams,
        response: { 200: ZLead, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return withTenant(db, ctx.workspaceId, async (tx) => {
        await claimLead(tx, ctx, request.params.id);
        return getLead(tx, ctx, request.params.id);
      });
    },
  );

  app.post(
    '/api/v1/leads/:id/release',
    {
      config: { permission: 'leads:write' },
      schema: {
        tags,
        summary: 'Release a lead to the public pool (own leads; others need leads:assign)',
        params: idParams,
        response: { 200: ZLead, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const mayReleaseOthers = requireAuth(request).permissions.has('leads:assign');
      return withTenant(db, ctx.workspaceId, async (tx) => {
        await releaseLead(tx, ctx, request.params.id, mayReleaseOthers);
        return getLead(tx, ctx, request.params.id);
      });
    },
  );
}
