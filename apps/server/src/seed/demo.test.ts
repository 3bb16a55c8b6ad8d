import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities } from '../modules/activities/schema';
import { leads } from '../modules/leads/schema';
import { trackingEventDefinitions, trackingEvents, trackingSites } from '../modules/tracking/schema';
import { users } from '../platform/auth/schema';
import { createTestContext, loginCookie, type TestContext } from '../testing/test-app';
import { seedIfEmpty } from './demo';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('demo seed', () => {
  it('creates a living demo workspace on first start and nothing on the second', async () => {
    const config = { adminEmail: 'admin@kindling.local', adminPassword: 'kindling' };
    expect(await seedIfEmpty(ctx.database.db, config)).toBe(true);
    const cookie = await loginCookie(ctx.app, 'admin@kindling.local', 'kindling');
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json();
    expect(me.workspace.name).toBe('Kindling 演示工作区');
    expect(me.workspaces).toHaveLength(2);
    const list = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/leads?pageSize=100', headers: { cookie } })
    ).json();
    expect(list.total).toBe(300);
    const names: string[] = list.items.map((l: { name: string }) => l.name);
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Z][a-z]+ [A-Z]/.test(n))).toBe(true);
    expect(list.items.some((l: { ownerName: string | null }) => l.ownerName)).toBe(true);
    // Companies: the leads' employers (a few of them divisions of a group), with the leads linked to them.
    expect(list.items.every((l: { company: { name: string } | null }) => l.company !== null)).toBe(true);
    const companies = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/companies?pageSize=100', headers: { cookie } })
    ).json();
    expect(companies.total).toBe(20);
    expect(companies.items.filter((c: { parentId: string | null }) => c.parentId).length).toBe(4);
    const linked = companies.items.reduce((sum: number, c: { leadCount: number }) => sum + c.leadCount, 0);
    expect(linked).toBe(300);

    // Web tracking: the company site with its definitions and two weeks of traffic, some visitors known leads.
    const [site] = await ctx.database.db.select().from(trackingSites);
    expect(site).toMatchObject({ name: '官网 www.kindling-demo.cn', workspaceId: me.workspace.id });
    expect(site?.domains).toEqual(['kindling-demo.cn', '*.kindling-demo.cn', 'localhost:3000']);
    const definitions = await ctx.database.db.select().from(trackingEventDefinitions);
    expect(definitions.map((d) => d.name).sort()).toEqual(['book_demo', 'download_whitepaper', 'pricing_page']);
    const [events] = await ctx.database.db
      .select({
        n: count(),
        days: sql<number>`count(distinct date_trunc('day', ${trackingEvents.occurredAt}))::int`,
        // The site list shows "last event": none may lie ahead of now ("in 5 minutes").
        future: sql<number>`count(*) filter (where ${trackingEvents.receivedAt} > now())::int`,
      })
      .from(trackingEvents);
    expect(events?.n).toBeGreaterThan(2500);
    expect(events?.future).toBe(0);
    expect(events?.days).toBeGreaterThanOrEqual(13);
    const [stitched] = await ctx.database.db
      .select({ n: count() })
      .from(activities)
      .where(eq(activities.type, 'visitor_identified'));
    expect(stitched?.n).toBe(30);
    const [visits] = await ctx.database.db
      .select({ n: count() })
      .from(activities)
      .where(eq(activities.type, 'web.page_view'));
    expect(visits?.n).toBeGreaterThan(30);

    const counts = async () => ({
      users: (await ctx.database.db.select({ n: count() }).from(users))[0]?.n,
      leads: (await ctx.database.db.select({ n: count() }).from(leads))[0]?.n,
      activities: (await ctx.database.db.select({ n: count() }).from(activities))[0]?.n,
    });
    const before = await counts();
    expect(await seedIfEmpty(ctx.database.db, config)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
