import type { AssignmentResult } from '@kindling/contracts/assignment';
import type { ActivityPage } from '@kindling/contracts/activities';
import type { Lead, LeadPage } from '@kindling/contracts/leads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';

let ctx: TestContext;
let admin: TestUser;
let sales1: TestUser;
let sales2: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createOwner(ctx, 'Assigners');
  sales1 = await addMember(ctx, admin.workspaceId, 'sales');
  sales2 = await addMember(ctx, admin.workspaceId, 'sales');
});
afterAll(() => ctx.close());

const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie: user.cookie }, ...(payload ? { payload } : {}) });

async function newLeads(n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await call(admin, 'POST', '/api/v1/leads', { name: `${prefix} ${i}` })).json<Lead>().id);
  return ids;
}

const ownerOf = async (id: string) => (await call(admin, 'GET', `/api/v1/leads/${id}`)).json<Lead>().ownerId;

describe('assigning leads', () => {
  it('hands leads to an owner, records each as an activity, and skips those already theirs', async () => {
    const ids = await newLeads(3, 'Manual');
    const first = await call(admin, 'POST', '/api/v1/leads/assign', {
      leadIds: ids.slice(0, 2),
      ownerId: sales1.userId,
    });
    expect(first.json<AssignmentResult>()).toEqual({ assigned: 2, unchanged: 0, perOwner: { [sales1.userId]: 2 } });
    const second = await call(admin, 'POST', '/api/v1/leads/assign', { leadIds: ids, ownerId: sales1.userId });
    expect(second.json<AssignmentResult>()).toMatchObject({ assigned: 1, unchanged: 2 });
    for (const id of ids) expect(await ownerOf(id)).toBe(sales1.userId);
    const timeline = (await call(admin, 'GET', `/api/v1/leads/${ids[0]}/activities`)).json<ActivityPage>();
    expect(timeline.items.filter((a) => a.type === 'lead_assigned').map((a) => a.properties)).toEqual([
      { from: null, to: sales1.userId, via: 'manual' },
    ]);
  });

  it('shares leads round-robin, oldest first, evenly', async () => {
    const ids = await newLeads(5, 'RR');
    const res = await call(admin, 'POST', '/api/v1/leads/assign/round-robin', {
      leadIds: ids,
      userIds: [sales1.userId, sales2.userId],
    });
    expect(res.json<AssignmentResult>()).toEqual({
      assigned: 5,
      unchanged: 0,
      perOwner: { [sales1.userId]: 3, [sales2.userId]: 2 },
    });
    expect(await Promise.all(ids.map(ownerOf))).toEqual([
      sales1.userId,
      sales2.userId,
      sales1.userId,
      sales2.userId,
      sales1.userId,
    ]);
  });

  it('refuses the whole call when one lead or owner is not valid, changing nothing', async () => {
    const ids = await newLeads(2, 'Atomic');
    const stranger = await createOwner(ctx, 'Elsewhere');
    const foreignLead = (await call(stranger, 'POST', '/api/v1/leads', { name: 'Foreign' })).json<Lead>().id;
    const badLead = await call(admin, 'POST', '/api/v1/leads/assign', {
      leadIds: [...ids, foreignLead],
      ownerId: sales1.userId,
    });
    expect(badLead.statusCode).toBe(400);
    expect(badLead.json().error.details[0]).toMatchObject({ path: 'body.leadIds' });
    const badOwner = await call(admin, 'POST', '/api/v1/leads/assign/round-robin', {
      leadIds: ids,
      userIds: [sales1.userId, stranger.userId],
    });
    expect(badOwner.statusCode).toBe(400);
    expect(badOwner.json().error.details[0]).toMatchObject({ path: 'body.userIds' });
    for (const id of ids) expect(await ownerOf(id)).toBeNull();
    expect(await call(stranger, 'GET', `/api/v1/leads/${foreignLead}`).then((r) => r.json<Lead>().ownerId)).toBeNull();
  });

  it('only roles that may hand out leads can assign', async () => {
    const [id] = await newLeads(1, 'Perm');
    const res = await call(sales1, 'POST', '/api/v1/leads/assign', { leadIds: [id], ownerId: sales1.userId });
    expect(res.statusCode).toBe(403);
  });
});

describe('public pool (公海)', () => {
  it('lists unowned leads, lets one person claim each, and the loser of a race gets 409', async () => {
    const [id] = await newLeads(1, 'Pool');
    const pool = (await call(sales1, 'GET', '/api/v1/leads?ownerId=none&q=Pool')).json<LeadPage>();
    expect(pool.items.map((l) => l.id)).toContain(id);

    const [a, b] = await Promise.all([
      call(sales1, 'POST', `/api/v1/leads/${id}/claim`),
      call(sales2, 'POST', `/api/v1/leads/${id}/claim`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? sales1 : sales2;
    const loser = winner === sales1 ? b : a;
    expect(loser.json().error.message).toContain('already belongs to');
    expect(await ownerOf(id as string)).toBe(winner.userId);

    const mine = (await call(winner, 'GET', '/api/v1/leads?ownerId=me&q=Pool')).json<LeadPage>();
    expect(mine.items.map((l) => l.id)).toEqual([id]);
    expect((await call(winner, 'GET', '/api/v1/leads?ownerId=none&q=Pool')).json<LeadPage>().total).toBe(0);
  });

  it('owners release their own leads; releasing someone else’s needs assignment rights', async () => {
    const [id] = await newLeads(1, 'Release');
    await call(admin, 'POST', '/api/v1/leads/assign', { leadIds: [id], ownerId: sales1.userId });
    expect((await call(sales2, 'POST', `/api/v1/leads/${id}/release`)).statusCode).toBe(403);
    const released = await call(sales1, 'POST', `/api/v1/leads/${id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json<Lead>().ownerId).toBeNull();
    await call(admin, 'POST', '/api/v1/leads/assign', { leadIds: [id], ownerId: sales2.userId });
    expect((await call(admin, 'POST', `/api/v1/leads/${id}/release`)).json<Lead>().ownerId).toBeNull();
    const vias = (await call(admin, 'GET', `/api/v1/leads/${id}/activities`))
      .json<ActivityPage>()
      .items.filter((a) => a.type === 'lead_assigned')
      .map((a) => a.properties.via);
    expect(vias).toEqual(['release', 'manual', 'release', 'manual']);
  });
});
