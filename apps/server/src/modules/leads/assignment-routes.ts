import { ZAssignLeadsBody, ZAssignmentResult, ZRoundRobinBody } from '@kindling/contracts/assignment';
import { ZLead } from '@kindling/contracts/leads';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant';
import { requireAuth, serviceContext } from '../../platform/http/context';
import { commonErrors } from '../../platform/http/openapi';
import type { App, AppDeps } from '../../platform/http/types';
import { assignLeads, assignRoundRobin, claimLead, releaseLead } from './assignment';
import { getLead } from './service';

const tags = ['leads'];
const idParams = z.object({ id: z.uuid() });

/** Assignment (PRODUCT 2.1): hand out, share round-robin, and the public pool (公海) with claim and release. */
export function assignmentRoutes(app: App, { database }: AppDeps): void {
  const { db } = database;

  app.post(
    '/api/v1/leads/assign',
    {
      config: { permission: 'leads:assign' },
      schema: {
        tags,
        summary: 'Give leads to an owner, or back to the public pool (ownerId null)',
        body: ZAssignLeadsBody,
        response: { 200: ZAssignmentResult, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return withTenant(db, ctx.workspaceId, (tx) => assignLeads(tx, ctx, request.body.leadIds, request.body.ownerId));
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
        response: { 200: ZAssignmentResult, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return withTenant(db, ctx.workspaceId, (tx) =>
        assignRoundRobin(tx, ctx, request.body.leadIds, request.body.userIds),
      );
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
