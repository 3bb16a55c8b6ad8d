import type { Permission, Role } from '@kindling/contracts/permissions';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from './errors';

/** Who is calling and in which workspace; set by the auth hook on every authenticated request. */
export interface AuthContext {
  sessionId: string;
  userId: string;
  userName: string;
  userEmail: string;
  workspaceId: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
}

/** What tenant services need to know about the caller. Jobs and the CLI build one the same way. */
export interface ServiceContext {
  workspaceId: string;
  userId: string | null;
  ip?: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** The permission this route needs; every /api/v1 route declares one, or `access`. */
    permission?: Permission;
    /** 'public': no session needed; 'session': any signed-in user. */
    access?: 'public' | 'session';
  }
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

export function serviceContext(request: FastifyRequest): ServiceContext {
  const auth = requireAuth(request);
  return { workspaceId: auth.workspaceId, userId: auth.userId, ip: request.ip };
}
