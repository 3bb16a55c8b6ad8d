import type { Lead } from '@kindling/contracts/leads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import { createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';
import { appendActivities, listLeadActivities } from './service';

let ctx: TestContext;
let owner: TestUser;
let lead: Lead;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: { cookie: owner.cookie },
    payload: { name: 'Visitor' },
  });
  lead = res.json<Lead>();
});
afterAll(() => ctx.close());

describe('activity log', () => {
  it('stores a replayed batch once: rows with a known dedupe key are skipped', async () => {
    const service = { workspaceId: owner.workspaceId, userId: null };
    const batch = [
      { leadId: lead.id, type: 'page_viewed', source: 'web', dedupeKey: 'evt-1', properties: { url: '/pricing' } },
      { leadId: lead.id, type: 'page_viewed', source: 'web', dedupeKey: 'evt-2', properties: { url: '/docs' } },
      { leadId: lead.id, type: 'note_added', source: 'console', properties: { body: 'no key: always stored' } },
    ];
    const first = await withTenant(ctx.database.db, owner.workspaceId, (tx) => appendActivities(tx, service, batch));
    const replay = await withTenant(ctx.database.db, owner.workspaceId, (tx) => appendActivities(tx, service, batch));
    expect(first).toBe(3);
    expect(replay).toBe(1);
    const timeline = await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      listLeadActivities(tx, service, lead.id, { limit: 50 }),
    );
    expect(
      timeline.items
        .filter((a) => a.type === 'page_viewed')
        .map((a) => a.properties.url)
        .sort(),
    ).toEqual(['/docs', '/pricing']);
    expect(timeline.items.filter((a) => a.type === 'note_added')).toHaveLength(2);
  });

  it('dedupe keys are per workspace: another tenant may use the same key', async () => {
    const other = await createOwner(ctx, 'Other');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: { cookie: other.cookie },
      payload: { name: 'Theirs' },
    });
    const theirLead = res.json<Lead>();
    const stored = await withTenant(ctx.database.db, other.workspaceId, (tx) =>
      appendActivities(tx, { workspaceId: other.workspaceId, userId: null }, [
        { leadId: theirLead.id, type: 'page_viewed', source: 'web', dedupeKey: 'evt-1' },
      ]),
    );
    expect(stored).toBe(1);
  });

  it("refuses an activity for another workspace's lead", async () => {
    const other = await createOwner(ctx, 'Third');
    await expect(
      withTenant(ctx.database.db, other.workspaceId, (tx) =>
        appendActivities(tx, { workspaceId: other.workspaceId, userId: null }, [
          { leadId: lead.id, type: 'page_viewed', source: 'web' },
        ]),
      ),
    ).rejects.toThrow();
  });
});
