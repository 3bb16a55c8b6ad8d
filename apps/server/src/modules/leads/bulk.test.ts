import type { ActivityPage } from '@kindling/contracts/activities';
import type { AssignmentResult } from '@kindling/contracts/assignment';
import type { AuditEntry } from '@kindling/contracts/audit';
import type { Lead, LeadPage } from '@kindling/contracts/leads';
import type { Task } from '@kindling/contracts/tasks';
import { and, count, eq, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { waitForTask } from '../../testing/wait-for-task';
import { activities } from '../activities/schema';
import { createTierField, seedLeads } from '../segments/test-fixtures';
import { leads } from './schema';

let ctx: TestContext;
let admin: TestUser;
let sales: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  admin = await createOwner(ctx, 'Bulk editors');
  sales = await addMember(ctx, admin.workspaceId, 'sales');
  await createTierField(ctx, admin);
  const budget = await callAs(ctx, admin, 'POST', '/api/v1/fields', {
    key: 'budget',
    label: { 'zh-CN': '预算', en: 'Budget' },
    type: 'number',
  });
  expect(budget.statusCode, budget.body).toBe(201);
});
afterAll(() => ctx.close());

const api = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  callAs(ctx, user, method, url, payload);

let seq = 0;
async function newLeads(prefix: string, n: number, body: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    seq += 1;
    ids.push((await createLeadAs(ctx, admin, { name: `${prefix} ${seq}`, ...body })).id);
  }
  return ids;
}

const leadOf = async (id: string) => (await api(admin, 'GET', `/api/v1/leads/${id}`)).json<Lead>();

async function auditOf(action: string): Promise<AuditEntry[]> {
  return (await api(admin, 'GET', `/api/v1/audit?action=${action}&pageSize=100`)).json<{ items: AuditEntry[] }>().items;
}

const setField = (user: TestUser, body: Record<string, unknown>) =>
  api(user, 'POST', '/api/v1/leads/bulk/set-field', body);

describe('bulk set field', () => {
  it('sets a custom field on the chosen leads, with one timeline entry per changed lead and one audit entry', async () => {
    const ids = await newLeads('Tiered', 3);
    await callAs(ctx, admin, 'PATCH', `/api/v1/leads/${ids[2]}`, { attributes: { tier: 'gold' } });
    const auditBefore = (await auditOf('leads.bulk_updated')).length;

    const res = await setField(admin, { target: { ids }, field: 'tier', value: 'gold' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 2, unchanged: 1 });
    for (const id of ids) expect((await leadOf(id)).attributes.tier).toBe('gold');

    const timeline = (await api(admin, 'GET', `/api/v1/leads/${ids[0]}/activities`)).json<ActivityPage>();
    expect(timeline.items[0]).toMatchObject({
      type: 'lead_updated',
      actor: { id: admin.userId },
      properties: { changes: { 'attributes.tier': { from: null, to: 'gold' } }, via: 'bulk' },
    });
    const unchanged = (await api(admin, 'GET', `/api/v1/leads/${ids[2]}/activities`)).json<ActivityPage>();
    expect(unchanged.items.filter((a) => a.properties.via === 'bulk')).toEqual([]);

    const audit = await auditOf('leads.bulk_updated');
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit[0]).toMatchObject({
      actor: { id: admin.userId },
      details: { field: 'tier', value: 'gold', target: { chosen: 3 }, result: { updated: 2, unchanged: 1 } },
    });
  });

  it('normalises built-in values as a single update does, and clears a value with null', async () => {
    const ids = await newLeads('Phones', 2, { attributes: { tier: 'silver' } });
    const phone = await setField(admin, { target: { ids }, field: 'phone', value: '138 0013 8000' });
    expect(phone.json()).toEqual({ updated: 2, unchanged: 0 });
    const cleared = await setField(admin, { target: { ids }, field: 'tier', value: null });
    expect(cleared.json()).toEqual({ updated: 2, unchanged: 0 });
    for (const id of ids) {
      const lead = await leadOf(id);
      expect(lead.phone).toBe('+8613800138000');
      expect(lead.attributes).not.toHaveProperty('tier');
    }
    const timeline = (await api(admin, 'GET', `/api/v1/leads/${ids[1]}/activities`)).json<ActivityPage>();
    expect(timeline.items[0]?.properties.changes).toEqual({ 'attributes.tier': { from: 'silver', to: null } });
  });

  it('refuses a bad field or value with a clear error and changes nothing', async () => {
    const ids = await newLeads('Careful', 2, { jobTitle: 'Engineer', attributes: { budget: 10 } });
    const auditBefore = (await auditOf('leads.bulk_updated')).length;
    const cases: [Record<string, unknown>, string, string | RegExp][] = [
      [{ field: 'tier', value: 'platinum' }, 'body.value', '"platinum" is not an option'],
      [{ field: 'budget', value: 'lots' }, 'body.value', 'Expected a number'],
      [{ field: 'nope', value: 'x' }, 'body.field', 'Unknown field "nope"'],
      [{ field: 'name', value: null }, 'body.value', 'This field is required'],
      [{ field: 'email', value: 'same@example.com' }, 'body.value', /one lead at a time/],
      [{ field: 'ownerId', value: sales.userId }, 'body.field', /cannot be set in bulk/],
      [{ field: 'jobTitle' }, 'body.value', /A value is required/],
    ];
    for (const [body, path, message] of cases) {
      const res = await setField(admin, { target: { ids }, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const detail = res.json().error.details[0];
      expect(detail.path).toBe(path);
      expect(detail.message).toMatch(message);
    }
    const stranger = await createOwner(ctx, 'Elsewhere');
    const foreign = (await createLeadAs(ctx, stranger, { name: 'Foreign' })).id;
    const mixed = await setField(admin, { target: { ids: [...ids, foreign] }, field: 'jobTitle', value: 'CEO' });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.details[0]).toMatchObject({ path: 'body.target.ids' });
    const both = await setField(admin, { target: { ids, all: true }, field: 'jobTitle', value: 'CEO' });
    expect(both.statusCode).toBe(400);

    for (const id of ids) expect(await leadOf(id)).toMatchObject({ jobTitle: 'Engineer', attributes: { budget: 10 } });
    expect((await callAs(ctx, stranger, 'GET', `/api/v1/leads/${foreign}`)).json<Lead>().jobTitle).toBeNull();
    expect(await auditOf('leads.bulk_updated')).toHaveLength(auditBefore);
  });

  it('applies to every lead matching the list filter ("select all N matching")', async () => {
    const matching = await newLeads('Matchy', 3, { companyName: 'Bulk Matching Co', source: 'event' });
    const [otherSource] = await newLeads('Matchy', 1, { companyName: 'Bulk Matching Co', source: 'form' });
    const [otherCompany] = await newLeads('Matchy', 1, { companyName: 'Someone Else', source: 'event' });
    const filter = {
      kind: 'group',
      op: 'and',
      children: [{ kind: 'field', field: 'companyName', operator: 'equals', value: 'bulk matching co' }],
    };
    const res = await setField(admin, {
      target: { all: true, source: 'event', filter },
      field: 'jobTitle',
      value: 'CTO',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 3, unchanged: 0 });
    for (const id of matching) expect((await leadOf(id)).jobTitle).toBe('CTO');
    for (const id of [otherSource!, otherCompany!]) expect((await leadOf(id)).jobTitle).toBeNull();

    const badFilter = await setField(admin, {
      target: {
        all: true,
        filter: {
          kind: 'group',
          op: 'and',
          children: [{ kind: 'field', field: 'nope', operator: 'equals', value: 1 }],
        },
      },
      field: 'jobTitle',
      value: 'CTO',
    });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details[0].path).toBe('body.target.filter.children.0.field');
  });
});

describe('bulk delete', () => {
  it('moves the chosen leads to the recycle bin, each with a timeline entry, restorable', async () => {
    const ids = await newLeads('Binned', 2);
    const res = await api(admin, 'POST', '/api/v1/leads/bulk/delete', { target: { ids } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ deleted: 2 });
    for (const id of ids) expect((await api(admin, 'GET', `/api/v1/leads/${id}`)).statusCode).toBe(404);
    const bin = (await api(admin, 'GET', '/api/v1/leads?view=deleted&q=Binned')).json<LeadPage>();
    expect(bin.items.map((l) => l.id).sort()).toEqual([...ids].sort());
    expect((await api(admin, 'POST', `/api/v1/leads/${ids[0]}/restore`)).statusCode).toBe(200);
    const timeline = (await api(admin, 'GET', `/api/v1/leads/${ids[0]}/activities`)).json<ActivityPage>();
    expect(timeline.items.slice(0, 2).map((a) => a.type)).toEqual(['lead_restored', 'lead_deleted']);
    expect((await auditOf('leads.bulk_deleted'))[0]).toMatchObject({ details: { result: { deleted: 2 } } });
  });
});

describe('permissions', () => {
  it('needs leads:write to set a field and leads:delete to delete', async () => {
    const ids = await newLeads('Guarded', 1);
    const viewer = await addMember(ctx, admin.workspaceId, 'viewer');
    const manager = await addMember(ctx, admin.workspaceId, 'manager');
    const body = { target: { ids }, field: 'jobTitle', value: 'Boss' };
    expect((await setField(viewer, body)).statusCode).toBe(403);
    expect((await setField(manager, body)).statusCode).toBe(403);
    expect((await api(sales, 'POST', '/api/v1/leads/bulk/delete', { target: { ids } })).statusCode).toBe(403);
    expect((await api(viewer, 'POST', '/api/v1/leads/bulk/delete', { target: { ids } })).statusCode).toBe(403);
    expect((await leadOf(ids[0]!)).jobTitle).toBeNull();
    // Sales work leads: they may edit in bulk.
    expect((await setField(sales, body)).json()).toEqual({ updated: 1, unchanged: 0 });
  });
});

describe('bulk assign', () => {
  it('takes the same target as the other bulk actions, e.g. all leads matching a search', async () => {
    const ids = await newLeads('Assignable Zeta', 2);
    const res = await api(admin, 'POST', '/api/v1/leads/assign', {
      target: { all: true, q: 'Assignable Zeta' },
      ownerId: sales.userId,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AssignmentResult>()).toEqual({ assigned: 2, unchanged: 0, perOwner: { [sales.userId]: 2 } });
    for (const id of ids) expect((await leadOf(id)).ownerId).toBe(sales.userId);
    const both = await api(admin, 'POST', '/api/v1/leads/assign', { leadIds: ids, target: { ids }, ownerId: null });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0].path).toBe('body.leadIds');
  });
});

describe('more than 1,000 leads', () => {
  it('runs as a background task with progress, 1,000 leads per chunk, then deletes them the same way', async () => {
    const owner = await createOwner(ctx, 'Big pool');
    const rows = Array.from({ length: 1200 }, (_, i) => ({ name: `Lead ${i}`, source: 'event' }));
    await seedLeads(ctx.database.db, owner.workspaceId, [...rows, { name: 'Formal', source: 'form' }]);
    const inWorkspace = (...conditions: SQL[]) =>
      ctx.database.db
        .select({ n: count() })
        .from(leads)
        .where(and(eq(leads.workspaceId, owner.workspaceId), ...conditions))
        .then(([row]) => row?.n ?? 0);

    const res = await api(owner, 'POST', '/api/v1/leads/bulk/set-field', {
      target: { all: true, source: 'event' },
      field: 'jobTitle',
      value: 'VP',
    });
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json<Task>();
    expect(queued).toMatchObject({ kind: 'leads.bulk-set-field', status: 'queued' });
    const done = await waitForTask(ctx, owner, queued.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progressDone: 1200,
      progressTotal: 1200,
      result: { updated: 1200, unchanged: 0 },
    });
    expect(await inWorkspace(eq(leads.jobTitle, 'VP'))).toBe(1200);
    expect(await inWorkspace(eq(leads.source, 'form'), eq(leads.jobTitle, 'VP'))).toBe(0);
    const [updates] = await ctx.database.db
      .select({ n: count() })
      .from(activities)
      .where(and(eq(activities.workspaceId, owner.workspaceId), eq(activities.type, 'lead_updated')));
    expect(updates?.n).toBe(1200);
    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=leads.bulk_updated')).json<{
      items: AuditEntry[];
    }>();
    expect(audit.items).toEqual([expect.objectContaining({ targetType: 'task', targetId: queued.id })]);

    const deleting = await api(owner, 'POST', '/api/v1/leads/bulk/delete', { target: { all: true, source: 'event' } });
    expect(deleting.statusCode, deleting.body).toBe(202);
    expect(await waitForTask(ctx, owner, deleting.json<Task>().id)).toMatchObject({
      status: 'succeeded',
      result: { deleted: 1200 },
    });
    const live = (await api(owner, 'GET', '/api/v1/leads?pageSize=1')).json<LeadPage>();
    expect(live.total).toBe(1);
    expect((await api(owner, 'GET', '/api/v1/leads?view=deleted&pageSize=1')).json<LeadPage>().total).toBe(1200);
  });
});
