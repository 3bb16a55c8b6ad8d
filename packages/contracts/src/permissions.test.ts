import { describe, expect, it } from 'vitest';
import { ROLES, roleHasPermission, ZPermission } from './permissions';

describe('role permissions', () => {
  it('owners and admins can do everything', () => {
    for (const p of ZPermission.options) {
      expect(roleHasPermission('owner', p)).toBe(true);
      expect(roleHasPermission('admin', p)).toBe(true);
    }
  });

  it('read-only roles cannot change leads; only admins manage members and settings', () => {
    for (const role of ['viewer', 'manager'] as const) {
      expect(roleHasPermission(role, 'leads:write')).toBe(false);
      expect(roleHasPermission(role, 'leads:delete')).toBe(false);
    }
    for (const role of ROLES.filter((r) => r !== 'owner' && r !== 'admin')) {
      expect(roleHasPermission(role, 'members:manage')).toBe(false);
      expect(roleHasPermission(role, 'workspace:manage')).toBe(false);
      expect(roleHasPermission(role, 'fields:manage')).toBe(false);
    }
    expect(roleHasPermission('sales', 'leads:export')).toBe(false);
    expect(roleHasPermission('manager', 'leads:export')).toBe(true);
  });

  it('every role can at least read leads', () => {
    for (const role of ROLES) expect(roleHasPermission(role, 'leads:read')).toBe(true);
  });
});
