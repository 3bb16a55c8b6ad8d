import type { ActivityPage } from '@kindling/contracts/activities';
import type { AuditEntry } from '@kindling/contracts/audit';
import type { Lead, LeadPage } from '@kindling/contracts/leads';
import type { MergePreview, MergeResult } from '@kindling/contracts/lead-merge';
import { and, eq } from 'drizzle-orm';
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
import { activities } from '../activities/schema';
import { leads } from '../leads/schema';
import { registerLeadMergeStep } from './merge-steps';
import { duplicatesOfLead, linkToNewCompany, pairsOf } from './test-fixtures';

let ctx: TestContext;
let owner: TestUser;
let seller: TestUser;

const option = (value: string) => ({ value, label: { 'zh-CN': value, en: value } });

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Mergers');
  seller = await addMember(ctx, owner.workspaceId, 'sales');
  for (const field of [
    { key: 'tier', type: 'single_select', options: [option('gold'), option('silver')] },
    { key: 'budget', type: 'number' },
  ]) {
    const res = await callAs(ctx, owner, 'POST', '/api/v1/fields', { label: option(field.key).label, ...field });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => ctx.close());

async function timeline(leadId: string): Promise<ActivityPage['items']> {
  const res = await callAs(ctx, owner, 'GET', `/api/v1/leads/${leadId}/activities?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityPage>().items;
}

async function note(leadId: string, body: string): Promise<void> {
  expect((await callAs(ctx, owner, 'POST', `/api/v1/leads/${leadId}/notes`, { body })).statusCode).toBe(201);
}

/** A primary and a secondary that share a phone and differ in most fields, each with a note. */
async function twoLeads(tag: string): Promise<{ primary: Lead; secondary: Lead }> {
  const primary = await createLeadAs(ctx, owner, {
    name: `Zhang San ${tag}`,
    phone: '13800138000',
    jobTitle: 'CTO',
    city: '上海',
    source: 'event',
    attributes: { tier: 'gold' },
  });
  const secondary = await createLeadAs(ctx, owner, {
    name: `张三 ${tag}`,
    email: `zhangsan.${tag}@example.com`,
    phone: '13800138000',
    city: '北京',
    industry: '制造业',
    source: 'form',
    ownerId: seller.userId,
    attributes: { tier: 'silver', budget: 100 },
  });
  await note(primary.id, `primary note ${tag}`);
  await note(secondary.id, `secondary note ${tag}`);
  return { primary, secondary };
}

const merge = (user: TestUser, body: Record<string, unknown>) => callAs(ctx, user, 'POST', '/api/v1/leads/merge', body);
const getLead = (id: string) => callAs(ctx, owner, 'GET', `/api/v1/leads/${id}`);

/** Both leads exactly as they were, with their timelines: the failed merge changed nothing. */
async function expectUnchanged(pair: { primary: Lead; secondary: Lead }, timelines: number[]): Promise<void> {
  for (const [i, before] of [pair.primary, pair.secondary].entries()) {
    const res = await getLead(before.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<Lead>()).toEqual(before);
    expect(await timeline(before.id)).toHaveLength(timelines[i] ?? -1);
  }
}

describe('previewing a merge', () => {
  it('lists each differing field with its default side and counts the activities that move', async () => {
    const pair = await twoLeads('preview');
    const res = await callAs(
      ctx,
      owner,
      'GET',
      `/api/v1/leads/merge/preview?primaryId=${pair.primary.id}&secondaryId=${pair.secondary.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<MergePreview>();
    expect(preview.primary.id).toBe(pair.primary.id);
    expect(preview.secondary.id).toBe(pair.secondary.id);
    expect(preview.activitiesToMove).toBe(3); // created, assigned to the seller, a note
    const rows = Object.fromEntries(preview.fields.map((row) => [row.key, row]));
    expect(Object.keys(rows)).toEqual([
      'name',
      'email',
      'jobTitle',
      'industry',
      'city',
      'source',
      'ownerId',
      'tier',
      'budget',
    ]);
    expect(rows.name).toMatchObject({ builtIn: true, primary: 'Zhang San preview', choice: 'primary' });
    expect(rows.email).toMatchObject({ primary: null, secondary: 'zhangsan.preview@example.com', choice: 'secondary' });
    expect(rows.jobTitle).toMatchObject({ primary: 'CTO', secondary: null, choice: 'primary' });
    expect(rows.ownerId).toMatchObject({ primary: null, secondary: seller.userId, secondaryText: expect.any(String) });
    expect(rows.tier).toMatchObject({ builtIn: false, primary: 'gold', secondary: 'silver', choice: 'primary' });
    expect(rows.budget).toMatchObject({ primary: null, secondary: 100, choice: 'secondary' });
  });
});

describe('merging two leads', () => {
  it('keeps the chosen values, moves every activity, deletes the secondary and records it all', async () => {
    const pair = await twoLeads('merge');
    const before = { primary: await timeline(pair.primary.id), secondary: await timeline(pair.secondary.id) };

    const res = await merge(owner, {
      primaryId: pair.primary.id,
      secondaryId: pair.secondary.id,
      values: { city: 'primary', industry: 'primary', tier: 'secondary', ownerId: 'secondary', name: 'primary' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<MergeResult>();
    expect(result.lead).toMatchObject({
      id: pair.primary.id,
      name: 'Zhang San merge',
      // Taken from the secondary: its email (despite the unique index), owner and the tier chosen above.
      email: 'zhangsan.merge@example.com',
      ownerId: seller.userId,
      jobTitle: 'CTO',
      city: '上海',
      industry: null,
      source: 'event',
      attributes: { tier: 'silver', budget: 100 },
    });
    expect(result.movedActivities).toBe(before.secondary.length);
    expect(result.fieldsTaken.sort()).toEqual(['attributes.budget', 'attributes.tier', 'email', 'ownerId']);

    // The secondary is gone for good: not found, not in the recycle bin.
    expect((await getLead(pair.secondary.id)).statusCode).toBe(404);
    const bin = (await callAs(ctx, owner, 'GET', '/api/v1/leads?view=deleted&pageSize=200')).json<LeadPage>();
    expect(bin.items.map((l) => l.id)).not.toContain(pair.secondary.id);
    expect(await ctx.database.db.select().from(leads).where(eq(leads.id, pair.secondary.id))).toEqual([]);

    // Every activity of both, plus the merge itself, on the surviving lead's timeline.
    const after = await timeline(pair.primary.id);
    expect(after).toHaveLength(before.primary.length + before.secondary.length + 1);
    expect(after.map((a) => a.properties.body)).toContain('secondary note merge');
    expect(after[0]).toMatchObject({
      type: 'lead.merged',
      actor: { id: owner.userId },
      properties: {
        mergedLeadId: pair.secondary.id,
        mergedLeadName: '张三 merge',
        movedActivities: before.secondary.length,
        fields: {
          email: { from: null, to: 'zhangsan.merge@example.com' },
          ownerId: { from: null, to: seller.userId },
          'attributes.tier': { from: 'gold', to: 'silver' },
          'attributes.budget': { from: null, to: 100 },
        },
      },
    });

    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=lead.merged')).json<{ items: AuditEntry[] }>();
    expect(audit.items[0]).toMatchObject({
      actor: { id: owner.userId },
      targetType: 'lead',
      targetId: pair.primary.id,
      details: {
        primaryId: pair.primary.id,
        secondaryId: pair.secondary.id,
        snapshot: { ...pair.secondary, updatedAt: expect.any(String) },
      },
    });
  });

  it('takes an empty field from the secondary by default and keeps the company record as chosen', async () => {
    const pair = await twoLeads('defaults');
    const companyId = await linkToNewCompany(ctx, owner.workspaceId, 'Kindling 科技', [pair.secondary.id]);
    const res = await merge(owner, { primaryId: pair.primary.id, secondaryId: pair.secondary.id });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await ctx.database.db
      .select()
      .from(leads)
      .where(and(eq(leads.workspaceId, owner.workspaceId), eq(leads.id, pair.primary.id)));
    expect(row).toMatchObject({
      name: 'Zhang San defaults',
      email: 'zhangsan.defaults@example.com',
      city: '上海',
      industry: '制造业',
      source: 'event',
      ownerId: seller.userId,
      companyId,
      attributes: { tier: 'gold', budget: 100 },
    });
    const [merged] = await timeline(pair.primary.id);
    expect(merged?.properties.fields).toMatchObject({
      companyId: { from: null, to: { id: companyId, name: 'Kindling 科技' } },
      industry: { from: null, to: '制造业' },
    });
  });

  it('leaves the pair out of the duplicate list and keeps what was dismissed about the merged lead', async () => {
    const pair = await twoLeads('list');
    const third = await createLeadAs(ctx, owner, { name: 'Third', email: 'zhangsan.list+x@example.com' });
    const dismiss = await callAs(ctx, owner, 'POST', '/api/v1/duplicates/dismiss', {
      leadIds: [pair.secondary.id, third.id],
    });
    expect(dismiss.statusCode).toBe(204);
    expect((await pairsOf(ctx, owner)).reasons.get(`${pair.primary.id}+${pair.secondary.id}`)).toEqual(['phone']);

    expect((await merge(owner, { primaryId: pair.primary.id, secondaryId: pair.secondary.id })).statusCode).toBe(200);
    const { page } = await pairsOf(ctx, owner);
    expect(page.items.flatMap((p) => p.leads.map((l) => l.id))).not.toContain(pair.secondary.id);
    // The primary took the secondary's email, so it now shares a mailbox with the third lead: still dismissed.
    expect((await duplicatesOfLead(ctx, owner, pair.primary.id)).has(third.id)).toBe(false);
    expect((await duplicatesOfLead(ctx, owner, third.id)).has(pair.primary.id)).toBe(false);
  });
});

describe('merge errors leave both leads unchanged', () => {
  it('refuses the same lead twice, unknown, deleted and foreign leads, and unknown fields', async () => {
    const pair = await twoLeads('errors');
    const timelines = [(await timeline(pair.primary.id)).length, (await timeline(pair.secondary.id)).length];
    const ids = { primaryId: pair.primary.id, secondaryId: pair.secondary.id };

    const same = await merge(owner, { primaryId: pair.primary.id, secondaryId: pair.primary.id });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0]).toMatchObject({
      path: 'body.secondaryId',
      message: 'Choose two different leads',
    });

    const unknown = await merge(owner, { ...ids, secondaryId: '0190a0b0-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      message: 'The lead to merge does not exist or was deleted',
      details: [{ path: 'body.secondaryId' }],
    });

    const stranger = await createOwner(ctx, 'Elsewhere');
    const foreign = await createLeadAs(ctx, stranger, { name: 'Foreign', phone: '13800138000' });
    const foreignPrimary = await merge(owner, { ...ids, primaryId: foreign.id });
    expect(foreignPrimary.statusCode).toBe(404);
    expect(foreignPrimary.json().error.details[0].path).toBe('body.primaryId');
    expect((await merge(stranger, ids)).statusCode).toBe(404);

    const gone = await createLeadAs(ctx, owner, { name: 'Deleted' });
    expect((await callAs(ctx, owner, 'DELETE', `/api/v1/leads/${gone.id}`)).statusCode).toBe(204);
    expect((await merge(owner, { ...ids, secondaryId: gone.id })).statusCode).toBe(404);

    const typo = await merge(owner, { ...ids, values: { nickname: 'secondary', city: 'secondary' } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.details).toEqual([{ path: 'body.values.nickname', message: 'No such lead field' }]);
    const badSide = await merge(owner, { ...ids, values: { city: 'both' } });
    expect(badSide.statusCode).toBe(400);
    expect(badSide.json().error.details[0].path).toBe('body.values.city');
    expect((await merge(owner, { ...ids, extra: true })).statusCode).toBe(400);

    await expectUnchanged(pair, timelines);
    expect((await callAs(ctx, stranger, 'GET', `/api/v1/leads/${foreign.id}`)).statusCode).toBe(200);
  });

  it('needs both leads:write and leads:delete', async () => {
    const pair = await twoLeads('roles');
    const timelines = [(await timeline(pair.primary.id)).length, (await timeline(pair.secondary.id)).length];
    const ids = { primaryId: pair.primary.id, secondaryId: pair.secondary.id };
    for (const role of ['sales', 'viewer', 'manager'] as const) {
      const member = await addMember(ctx, owner.workspaceId, role);
      expect((await merge(member, ids)).statusCode, role).toBe(403);
    }
    await expectUnchanged(pair, timelines);
    const marketer = await addMember(ctx, owner.workspaceId, 'marketer');
    expect((await merge(marketer, ids)).statusCode).toBe(200);
  });

  it('runs registered merge steps inside the transaction: a failing step rolls the whole merge back', async () => {
    const pair = await twoLeads('steps');
    const timelines = [(await timeline(pair.primary.id)).length, (await timeline(pair.secondary.id)).length];
    const ids = { primaryId: pair.primary.id, secondaryId: pair.secondary.id };
    const seen: { ids: unknown; secondaryStillThere: boolean; secondaryActivitiesLeft: number }[] = [];
    const unregister = registerLeadMergeStep(async (tx, stepCtx, merging) => {
      // The step works in the merge's own transaction: it sees the secondary (not yet deleted) and the merge's
      // uncommitted work (the secondary's activities already moved).
      const [secondary] = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.workspaceId, stepCtx.workspaceId), eq(leads.id, merging.secondaryId)));
      const left = await tx.$count(activities, eq(activities.leadId, merging.secondaryId));
      seen.push({ ids: merging, secondaryStillThere: Boolean(secondary), secondaryActivitiesLeft: left });
      throw new Error('tags could not be moved');
    });
    try {
      const res = await merge(owner, ids);
      expect(res.statusCode).toBe(500);
    } finally {
      unregister();
    }
    expect(seen).toEqual([{ ids, secondaryStillThere: true, secondaryActivitiesLeft: 0 }]);
    await expectUnchanged(pair, timelines);

    // Unregistered: the next merge goes through.
    expect((await merge(owner, ids)).statusCode).toBe(200);
    expect(seen).toHaveLength(1);
  });
});
