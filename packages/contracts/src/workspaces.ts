import { z } from 'zod';
import { ZRole } from './permissions';

export const ZWorkspace = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  logoUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type Workspace = z.infer<typeof ZWorkspace>;

function isIanaTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ZUpdateWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    timeZone: z.string().refine(isIanaTimeZone, 'Unknown time zone').optional(),
    logoUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
  })
  .strict();
export type UpdateWorkspaceBody = z.infer<typeof ZUpdateWorkspaceBody>;

export const ZCreateWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().refine(isIanaTimeZone, 'Unknown time zone').default('Asia/Shanghai'),
  })
  .strict();

export const ZMember = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  createdAt: z.string(),
});
export type Member = z.infer<typeof ZMember>;

export const ZUpdateMemberBody = z.object({ role: ZRole }).strict();

export const ZInviteBody = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    role: ZRole.exclude(['owner']),
  })
  .strict();

export const ZInvitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZRole,
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** Only present right after creation: the admin copies it; we store just its hash. */
  inviteUrl: z.string().optional(),
});
export type Invitation = z.infer<typeof ZInvitation>;
