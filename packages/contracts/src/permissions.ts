import { z } from 'zod';

export const ZRole = z.enum(['owner', 'admin', 'marketer', 'sales', 'manager', 'viewer']);
export type Role = z.infer<typeof ZRole>;
export const ROLES = ZRole.options;

export const ZPermission = z.enum([
  'leads:read',
  'leads:write',
  'leads:delete',
  'leads:export',
  'members:read',
  'members:manage',
  'workspace:manage',
  'audit:read',
  'tasks:read',
]);
export type Permission = z.infer<typeof ZPermission>;

const everything = ZPermission.options;

/**
 * What each role may do. Sales work leads but cannot bulk-export or delete them; managers read and export
 * (dashboards, reports) but do not edit; viewers only look.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: everything,
  admin: everything,
  marketer: ['leads:read', 'leads:write', 'leads:delete', 'leads:export', 'members:read', 'tasks:read'],
  sales: ['leads:read', 'leads:write', 'members:read', 'tasks:read'],
  manager: ['leads:read', 'leads:export', 'members:read', 'audit:read', 'tasks:read'],
  viewer: ['leads:read', 'members:read', 'tasks:read'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
