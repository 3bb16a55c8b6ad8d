import {
  ZAcceptInviteBody,
  ZChangePasswordBody,
  ZInvitePreview,
  ZLoginBody,
  ZSessionInfo,
  ZSwitchWorkspaceBody,
  ZUpdateProfileBody,
} from '@kindling/contracts/auth';
import { ZErrorResponse } from '@kindling/contracts/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAuth } from '../http/context';
import { SESSION_COOKIE } from '../http/auth-hooks';
import { commonErrors, noContent } from '../http/openapi';
import type { App, AppDeps } from '../http/types';
import { acceptInvitation, previewInvitation } from '../workspaces/service';
import {
  changePassword,
  getSessionInfo,
  login,
  logout,
  resolveSession,
  SESSION_TTL_MS,
  switchWorkspace,
  updateProfile,
  type NewSession,
} from './service';

const tags = ['auth'];

export function authRoutes(app: App, { database, config }: AppDeps): void {
  const { db } = database;
  const meta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  async function startSession(reply: FastifyReply, session: NewSession) {
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    const auth = await resolveSession(db, session.token);
    if (!auth) throw new Error('fresh session did not resolve');
    return getSessionInfo(db, auth);
  }

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        // Per account and address: 10 tries per 15 minutes, then 429 even for the right password.
        rateLimit: {
          max: 10,
          timeWindow: '15 minutes',
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => {
            const body = request.body as { email?: unknown } | undefined;
            return `login:${request.ip}:${typeof body?.email === 'string' ? body.email : ''}`;
          },
        },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        security: [],
        body: ZLoginBody,
        response: { 200: ZSessionInfo, 400: ZErrorResponse, 401: ZErrorResponse, 429: ZErrorResponse },
      },
    },
    async (request, reply) =>
      startSession(reply, await login(db, request.body.email, request.body.password, meta(request))),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'Sign out (ends this session)', response: { ...noContent, ...commonErrors } },
    },
    async (request, reply) => {
      await logout(db, requireAuth(request), request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The signed-in user, workspace and permissions',
        response: { 200: ZSessionInfo, ...commonErrors },
      },
    },
    async (request) => getSessionInfo(db, requireAuth(request)),
  );

  app.post(
    '/api/v1/auth/switch-workspace',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Switch the active workspace',
        body: ZSwitchWorkspaceBody,
        response: { 200: ZSessionInfo, ...commonErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await switchWorkspace(db, auth, request.body.workspaceId);
      const token = request.cookies[SESSION_COOKIE] ?? '';
      const refreshed = await resolveSession(db, token);
      return getSessionInfo(db, refreshed ?? auth);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Change password; ends all other sessions',
        body: ZChangePasswordBody,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await changePassword(db, requireAuth(request), request.body, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/v1/auth/profile',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Update own name and language',
        body: ZUpdateProfileBody,
        response: { 200: ZSessionInfo, ...commonErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await updateProfile(db, auth, request.body);
      return getSessionInfo(db, auth);
    },
  );

  app.get(
    '/api/v1/invitations/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Preview an invitation',
        security: [],
        params: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: ZInvitePreview, 404: ZErrorResponse },
      },
    },
    async (request) => previewInvitation(db, request.params.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags,
        summary: 'Accept an invitation (sign up or sign in) and join',
        security: [],
        body: ZAcceptInviteBody,
        response: { 200: ZSessionInfo, ...commonErrors },
      },
    },
    async (request, reply) => startSession(reply, await acceptInvitation(db, request.body, meta(request))),
  );
}
