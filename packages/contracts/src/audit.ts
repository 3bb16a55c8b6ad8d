import { z } from 'zod';
import { ZPageQuery, pageOf } from './pagination';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'workspace.created',
  'workspace.updated',
  'leads.exported',
  'leads.bulk_updated',
  'leads.bulk_deleted',
  'leads.bulk_assigned',
  'leads.imported',
  'lead.merged',
  'duplicates.dismissed',
  'duplicates.exported',
  'fields.created',
  'fields.updated',
  'fields.archived',
  'fields.restored',
  'fields.reordered',
  'segments.created',
  'segments.updated',
  'segments.deleted',
  'companies.deleted',
  'companies.enriched',
  'companies.exported',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);

export const ZAuditEntry = z.object({
  id: z.uuid(),
  action: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZListAuditQuery = ZPageQuery.extend({ action: z.string().max(60).optional() }).strict();
export const ZAuditPage = pageOf(ZAuditEntry);
