import {
  ZCreateWorkspaceBody,
  ZInvitation,
  ZInviteBody,
  ZMember,
  ZUpdateMemberBody,
  ZUpdateWorkspaceBody,
  ZWorkspace,
} from '@kindling/contracts/workspaces';
import { z } from 'zod';
import { withTenant } from '../db/tenant';
import { requireAuth, serviceContext } from '../http/context';
import { commonErrors, noContent } from '../http/openapi';
import type { App, AppDeps } from '../http/types';
import {
  createInvitation,
  createWorkspace,
  getWorkspace,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  updateMemberRole,
  updateWorkspace,
} from './service';

const tags = ['workspace'];
const idParams = z.object({ id: z.uuid() });

export function workspacesRoutes(app: App, { database, config }: AppDeps): void {
  const { db } = database;
  const tenant = <T>(ctx: { workspaceId: string }, work: Parameters<typeof withTenant<T>>[2]) =>
    withTenant(db, ctx.workspaceId, work);

  app.get(
    '/api/v1/workspace',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'The active workspace', response: { 200: ZWorkspace, ...commonErrors } },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return tenant(ctx, (tx) => getWorkspace(tx, ctx));
    },
  );

  app.patch(
    '/api/v1/workspace',
    {
      config: { permission: 'workspace:manage' },
      schema: {
        tags,
        summary: 'Update name, time zone, logo',
        body: ZUpdateWorkspaceBody,
        response: { 200: ZWorkspace, ...commonErrors },
      },
    },
    async (request) => updateWorkspace(db, serviceContext(request), request.body),
  );

  app.post(
    '/api/v1/workspaces',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Create a workspace you own',
        body: ZCreateWorkspaceBody,
        response: { 201: ZWorkspace, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWorkspace(db, requireAuth(request).userId, request.body, request.ip)),
  );

  app.get(
    '/api/v1/members',
    {
      config: { permission: 'members:read' },
      schema: {
        tags,
        summary: 'Members and their roles',
        response: { 200: z.object({ items: z.array(ZMember) }), ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await tenant(ctx, (tx) => listMembers(tx, ctx)) };
    },
  );

  app.patch(
    '/api/v1/members/:id',
    {
      config: { permission: 'members:manage' },
      schema: {
        tags,
        summary: "Change a member's role",
        params: idParams,
        body: ZUpdateMemberBody,
        response: { 200: ZMember, ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const role = requireAuth(request).role;
      return tenant(ctx, (tx) => updateMemberRole(tx, ctx, role, request.params.id, request.body.role));
    },
  );

  app.delete(
    '/api/v1/members/:id',
    {
      config: { permission: 'members:manage' },
      schema: { tags, summary: 'Remove a member', params: idParams, response: { ...noContent, ...commonErrors } },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const role = requireAuth(request).role;
      await tenant(ctx, (tx) => removeMember(tx, ctx, role, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/invitations',
    {
      config: { permission: 'members:manage' },
      schema: {
        tags,
        summary: 'Open and accepted invitations',
        response: { 200: z.object({ items: z.array(ZInvitation) }), ...commonErrors },
      },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await tenant(ctx, (tx) => listInvitations(tx, ctx)) };
    },
  );

  app.post(
    '/api/v1/invitations',
    {
      config: { permission: 'members:manage' },
      schema: {
        tags,
        summary: 'Invite someone by email (returns the link once)',
        body: ZInviteBody,
        response: { 201: ZInvitation, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const invitation = await tenant(ctx, (tx) => createInvitation(tx, ctx, request.body, config.publicUrl));
      return reply.status(201).send(invitation);
    },
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      config: { permission: 'members:manage' },
      schema: { tags, summary: 'Revoke an invitation', params: idParams, response: { ...noContent, ...commonErrors } },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      await tenant(ctx, (tx) => revokeInvitation(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );
}
