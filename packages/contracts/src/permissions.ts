import { z } from 'zod';

export const ZRole = z.enum(['owner', 'admin', 'marketer', 'sales', 'manager', 'viewer']);
export type Role = z.infer<typeof ZRole>;
export const ROLES = ZRole.options;

export const ZPermission = z.enum([
  'leads:read',
  'leads:write',
  'leads:delete',
  'leads:export',
  /** Define, edit, archive and order custom lead fields. */
  'fields:manage',
  /** Give leads to others, share them round-robin, release others' leads to the public pool. */
  'leads:assign',
  'members:read',
  'members:manage',
  'workspace:manage',
  'audit:read',
  'tasks:read',
  /** See web analytics, tracked sites and their live events. */
  'tracking:read',
  /** Add and configure tracked sites and event definitions. */
  'tracking:manage',
]);
export type Permission = z.infer<typeof ZPermission>;

const everything = ZPermission.options;

/**
 * What each role may do. Sales work leads (and claim or release their own from the public pool) but cannot
 * bulk-export, delete or hand out leads; managers read, export and hand out leads to their team but do not edit
 * them; viewers only look.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: everything,
  admin: everything,
  marketer: [
    'leads:read',
    'leads:write',
    'leads:delete',
    'leads:export',
    'leads:assign',
    'members:read',
    'tasks:read',
    'tracking:read',
    'tracking:manage',
  ],
  sales: ['leads:read', 'leads:write', 'members:read', 'tasks:read'],
  manager: ['leads:read', 'leads:export', 'leads:assign', 'members:read', 'audit:read', 'tasks:read', 'tracking:read'],
  viewer: ['leads:read', 'members:read', 'tasks:read', 'tracking:read'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
