import { z } from 'zod';
import { ZPermission, ZRole } from './permissions';

export const ZLocale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof ZLocale>;

export const ZLoginBody = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    password: z.string().min(1).max(200),
  })
  .strict();
export type LoginBody = z.infer<typeof ZLoginBody>;

export const ZWorkspaceSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  role: ZRole,
});
export type WorkspaceSummary = z.infer<typeof ZWorkspaceSummary>;

/** Who is signed in, where, and what they may do there. Returned by login and GET /auth/me. */
export const ZSessionInfo = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: ZLocale.nullable(),
  }),
  workspace: z.object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    logoUrl: z.string().nullable(),
  }),
  role: ZRole,
  permissions: z.array(ZPermission),
  workspaces: z.array(ZWorkspaceSummary),
});
export type SessionInfo = z.infer<typeof ZSessionInfo>;

export const ZSwitchWorkspaceBody = z.object({ workspaceId: z.uuid() }).strict();

export const ZChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(8, 'Password must be at least 8 characters').max(200),
  })
  .strict();
export type ChangePasswordBody = z.infer<typeof ZChangePasswordBody>;

export const ZUpdateProfileBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    locale: ZLocale.optional(),
  })
  .strict();

/** Accepting an invitation: an existing user just joins; a new user also sets name and password. */
export const ZAcceptInviteBody = z
  .object({
    token: z.string().min(20).max(200),
    name: z.string().trim().min(1).max(100).optional(),
    password: z.string().min(8).max(200).optional(),
  })
  .strict();

export const ZInvitePreview = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: ZRole,
  userExists: z.boolean(),
  expiresAt: z.string(),
});
