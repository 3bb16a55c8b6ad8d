import type { AuditEntry } from '@kindling/contracts/audit';
import type { LeadPage } from '@kindling/contracts/leads';
import type { Segment } from '@kindling/contracts/segments';
import type { Task } from '@kindling/contracts/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
  callAs,
  createLeadAs,
} from '../../testing/test-app';
import { waitForTask } from '../../testing/wait-for-task';
import { createTierField } from './test-fixtures';

let ctx: TestContext;
let owner: TestUser;
let marketer: TestUser;
let sales: TestUser;
let viewer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  owner = await createOwner(ctx, 'Acme');
  stranger = await createOwner(ctx, 'Globex');
  marketer = await addMember(ctx, owner.workspaceId, 'marketer');
  sales = await addMember(ctx, owner.workspaceId, 'sales');
  viewer = await addMember(ctx, owner.workspaceId, 'viewer');
  for (const user of [owner, stranger]) await createTierField(ctx, user);
  await createLead(owner, { name: 'Ann', companyName: 'Acme Corp', source: 'event', attributes: { tier: 'gold' } });
  await createLead(owner, { name: 'Bob', companyName: 'acme corp', source: 'form', attributes: { tier: 'silver' } });
  await createLead(owner, { name: 'Cleo', source: 'event' });
  await createLead(stranger, { name: 'Ann (Globex)', attributes: { tier: 'gold' } });
});
afterAll(() => ctx.close());

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, user: TestUser, payload?: unknown) =>
  callAs(ctx, user, method, url, payload);

const createLead = (user: TestUser, body: Record<string, unknown>) => createLeadAs(ctx, user, body);

const field = (name: string, operator: string, value?: unknown) => ({ kind: 'field', field: name, operator, value });
const all = (...children: unknown[]) => ({ kind: 'group', op: 'and', children });
const GOLD = all(field('tier', 'equals', 'gold'));
const ACME = all(field('companyName', 'equals', 'acme corp'));

let seq = 0;
async function createSegment(user: TestUser, body: Record<string, unknown> = {}): Promise<Segment> {
  seq += 1;
  const res = await api('POST', '/api/v1/segments', user, { name: `Segment ${seq}`, filter: ACME, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Segment>();
}

async function listNames(user: TestUser): Promise<string[]> {
  const res = await api('GET', '/api/v1/segments', user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Segment[] }>().items.map((s) => s.name);
}

async function getCount(user: TestUser, id: string): Promise<number> {
  const res = await api('GET', `/api/v1/segments/${id}`, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Segment>().count;
}

async function audit(action: string): Promise<AuditEntry[]> {
  const res = await api('GET', `/api/v1/audit?action=${action}`, owner);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: AuditEntry[] }>().items;
}

async function csvOf(user: TestUser, taskId: string): Promise<string[]> {
  const done = await waitForTask(ctx, user, taskId);
  expect(done.status, done.error ?? '').toBe('succeeded');
  const file = await api('GET', `/api/v1/tasks/${taskId}/file`, user);
  expect(file.statusCode).toBe(200);
  return file.body.slice(1).trim().split(/\r?\n/);
}

type ErrorBody = { error: { code: string; details: { path: string; message: string }[] } };

describe('saved segments: create, read, update, delete', () => {
  it('saves a filter with its live count, lists it newest first, edits and deletes it, all audited', async () => {
    const res = await api('POST', '/api/v1/segments', owner, {
      name: '  Gold customers  ',
      description: 'Top tier',
      filter: GOLD,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<Segment>();
    expect(created).toMatchObject({
      name: 'Gold customers',
      description: 'Top tier',
      filter: GOLD,
      shared: true,
      count: 1,
      filterIssues: [],
      createdBy: { id: owner.userId },
    });
    expect(created.createdBy?.name).toMatch(/^Owner /);

    const newer = await createSegment(owner, { name: 'Acme people', description: '' });
    expect(newer).toMatchObject({ description: null, count: 2 });
    const names = await listNames(owner);
    expect(names.indexOf('Acme people')).toBeLessThan(names.indexOf('Gold customers'));

    const patched = await api('PATCH', `/api/v1/segments/${created.id}`, owner, {
      name: 'Gold or silver',
      description: null,
      filter: all(field('tier', 'in_list', ['gold', 'silver'])),
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Segment>()).toMatchObject({ name: 'Gold or silver', description: null, count: 2 });
    expect((await api('GET', `/api/v1/segments/${created.id}`, viewer)).json<Segment>()).toMatchObject({
      name: 'Gold or silver',
      count: 2,
    });

    expect((await api('DELETE', `/api/v1/segments/${created.id}`, owner)).statusCode).toBe(204);
    expect((await api('GET', `/api/v1/segments/${created.id}`, owner)).statusCode).toBe(404);
    expect((await api('DELETE', `/api/v1/segments/${created.id}`, owner)).statusCode).toBe(404);
    expect(await listNames(owner)).not.toContain('Gold or silver');
    // Deleting a segment leaves its leads alone.
    expect((await api('GET', '/api/v1/leads', owner)).json<LeadPage>().total).toBeGreaterThanOrEqual(3);

    expect((await audit('segments.created')).find((e) => e.targetId === created.id)).toMatchObject({
      actor: { id: owner.userId },
      targetType: 'segment',
      details: { name: 'Gold customers', shared: true },
    });
    expect((await audit('segments.updated')).find((e) => e.targetId === created.id)).toMatchObject({
      details: { name: 'Gold or silver', changed: ['description', 'filter', 'name'] },
    });
    expect((await audit('segments.deleted')).find((e) => e.targetId === created.id)).toMatchObject({
      details: { name: 'Gold or silver' },
    });
  });

  it('keeps the count live as leads are added, changed and deleted', async () => {
    const segment = await createSegment(owner, { filter: all(field('city', 'equals', 'Hangzhou')) });
    expect(segment.count).toBe(0);
    const lead = await createLead(owner, { name: 'Dan', city: 'hangzhou' });
    expect(await getCount(owner, segment.id)).toBe(1);
    await createLead(owner, { name: 'Eve', city: 'Hangzhou' });
    const listed = (await api('GET', '/api/v1/segments', owner)).json<{ items: Segment[] }>().items;
    expect(listed.find((s) => s.id === segment.id)?.count).toBe(2);
    expect((await api('PATCH', `/api/v1/leads/${lead.id}`, owner, { city: 'Ningbo' })).statusCode).toBe(200);
    expect(await getCount(owner, segment.id)).toBe(1);
    const eve = (await api('GET', `/api/v1/segments/${segment.id}/leads`, owner)).json<LeadPage>().items[0]!;
    expect((await api('DELETE', `/api/v1/leads/${eve.id}`, owner)).statusCode).toBe(204);
    expect(await getCount(owner, segment.id)).toBe(0);
  });

  it('rejects bad input with clear errors and stores nothing', async () => {
    const before = await listNames(owner);
    const unknownField = await api('POST', '/api/v1/segments', owner, {
      name: 'Broken',
      filter: all(field('nope', 'equals', 'x')),
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json<ErrorBody>().error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.filter.children.0.field' }],
    });
    const badOption = await api('POST', '/api/v1/segments', owner, {
      name: 'Broken',
      filter: all(field('tier', 'equals', 'platinum')),
    });
    expect(badOption.statusCode).toBe(400);
    expect(badOption.json<ErrorBody>().error.details).toEqual([
      { path: 'body.filter.children.0.value', message: 'Not one of the options' },
    ]);
    const malformed = await api('POST', '/api/v1/segments', owner, {
      name: 'Broken',
      filter: { kind: 'group', op: 'xor', children: [] },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ErrorBody>().error.details[0]?.path).toMatch(/^body\.filter/);
    for (const body of [
      { name: '   ', filter: GOLD },
      { name: 'x'.repeat(101), filter: GOLD },
      { name: 'Long', description: 'x'.repeat(501), filter: GOLD },
      { name: 'No filter' },
      { name: 'Extra', filter: GOLD, color: 'red' },
    ]) {
      const res = await api('POST', '/api/v1/segments', owner, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe('validation_failed');
    }
    expect(await listNames(owner)).toEqual(before);

    const segment = await createSegment(owner, { filter: GOLD });
    const badPatch = await api('PATCH', `/api/v1/segments/${segment.id}`, owner, {
      name: 'Renamed',
      filter: all(field('tier', 'gt', 3)),
    });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json<ErrorBody>().error.details[0]?.path).toBe('body.filter.children.0.operator');
    expect((await api('PATCH', `/api/v1/segments/${segment.id}`, owner, {})).statusCode).toBe(400);
    expect((await api('GET', `/api/v1/segments/${segment.id}`, owner)).json<Segment>()).toMatchObject({
      name: segment.name,
      filter: GOLD,
    });
    expect((await api('GET', '/api/v1/segments/not-a-uuid', owner)).statusCode).toBe(400);
  });

  it('refuses a second segment with the same name (ignoring case), on create and on rename', async () => {
    const first = await createSegment(owner, { name: 'VIP' });
    const second = await createSegment(owner, { name: 'Partners' });
    const dup = await api('POST', '/api/v1/segments', marketer, { name: 'vip', filter: GOLD, shared: false });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<ErrorBody>().error).toMatchObject({ code: 'conflict', details: [{ path: 'body.name' }] });
    const rename = await api('PATCH', `/api/v1/segments/${second.id}`, owner, { name: 'Vip' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json<ErrorBody>().error.details[0]?.path).toBe('body.name');
    expect((await api('GET', `/api/v1/segments/${second.id}`, owner)).json<Segment>().name).toBe('Partners');
    // Renaming to its own name (another case) is fine.
    expect((await api('PATCH', `/api/v1/segments/${first.id}`, owner, { name: 'vip' })).statusCode).toBe(200);
    // Another workspace may use the name.
    expect((await api('POST', '/api/v1/segments', stranger, { name: 'VIP', filter: GOLD })).statusCode).toBe(201);
  });
});

describe('who sees and changes a segment', () => {
  it('shows private segments only to their creator; shared ones to everyone in the workspace', async () => {
    const mine = await createSegment(marketer, { name: 'Marketer private', shared: false });
    const shared = await createSegment(marketer, { name: 'Marketer shared' });
    expect(mine.shared).toBe(false);
    expect(await listNames(marketer)).toEqual(expect.arrayContaining(['Marketer private', 'Marketer shared']));
    for (const user of [owner, sales, viewer]) {
      const names = await listNames(user);
      expect(names).toContain('Marketer shared');
      expect(names).not.toContain('Marketer private');
      expect((await api('GET', `/api/v1/segments/${mine.id}`, user)).statusCode).toBe(404);
      expect((await api('GET', `/api/v1/segments/${mine.id}/leads`, user)).statusCode).toBe(404);
      // Viewers may not write segments at all (403 before any lookup); the others do not find it.
      const writeStatus = user === viewer ? 403 : 404;
      expect((await api('PATCH', `/api/v1/segments/${mine.id}`, user, { name: 'Taken' })).statusCode).toBe(writeStatus);
      expect((await api('DELETE', `/api/v1/segments/${mine.id}`, user)).statusCode).toBe(writeStatus);
      expect((await api('GET', `/api/v1/segments/${shared.id}`, user)).statusCode).toBe(200);
    }
    expect((await api('POST', `/api/v1/segments/${mine.id}/export`, owner)).statusCode).toBe(404);

    // Sharing it later makes it visible; making it private again hides it.
    expect((await api('PATCH', `/api/v1/segments/${mine.id}`, marketer, { shared: true })).statusCode).toBe(200);
    expect(await listNames(sales)).toContain('Marketer private');
    expect((await api('PATCH', `/api/v1/segments/${mine.id}`, marketer, { shared: false })).statusCode).toBe(200);
    expect(await listNames(sales)).not.toContain('Marketer private');
  });

  it('lets only the creator or a workspace admin change or delete a shared segment', async () => {
    const segment = await createSegment(marketer, { name: 'Editable' });
    expect((await api('PATCH', `/api/v1/segments/${segment.id}`, sales, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await api('DELETE', `/api/v1/segments/${segment.id}`, sales)).statusCode).toBe(403);
    expect((await api('PATCH', `/api/v1/segments/${segment.id}`, viewer, { name: 'x' })).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/segments', viewer, { name: 'Viewer', filter: GOLD })).statusCode).toBe(403);
    expect((await api('GET', `/api/v1/segments/${segment.id}`, sales)).json<Segment>().name).toBe('Editable');

    const byCreator = await api('PATCH', `/api/v1/segments/${segment.id}`, marketer, { description: 'mine' });
    expect(byCreator.statusCode, byCreator.body).toBe(200);
    const byAdmin = await api('PATCH', `/api/v1/segments/${segment.id}`, owner, { name: 'Edited by admin' });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    // The creator stays the creator.
    expect(byAdmin.json<Segment>()).toMatchObject({ name: 'Edited by admin', createdBy: { id: marketer.userId } });
    expect((await api('DELETE', `/api/v1/segments/${segment.id}`, owner)).statusCode).toBe(204);

    const own = await createSegment(sales, { name: 'Sales own' });
    expect((await api('DELETE', `/api/v1/segments/${own.id}`, sales)).statusCode).toBe(204);
  });

  it('keeps workspaces apart', async () => {
    const segment = await createSegment(owner, { name: 'Acme only', filter: GOLD });
    expect(await listNames(stranger)).not.toContain('Acme only');
    for (const [method, url] of [
      ['GET', `/api/v1/segments/${segment.id}`],
      ['GET', `/api/v1/segments/${segment.id}/leads`],
      ['PATCH', `/api/v1/segments/${segment.id}`],
      ['DELETE', `/api/v1/segments/${segment.id}`],
      ['POST', `/api/v1/segments/${segment.id}/export`],
    ] as const) {
      const res = await api(method, url, stranger, method === 'PATCH' ? { name: 'Stolen' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // The same filter counts only the stranger's own leads in their workspace.
    const theirs = await createSegment(stranger, { name: 'Globex gold', filter: GOLD });
    expect(theirs.count).toBe(1);
    const members = (await api('GET', `/api/v1/segments/${theirs.id}/leads`, stranger)).json<LeadPage>();
    expect(members.items.map((l) => l.name)).toEqual(['Ann (Globex)']);
    expect((await api('GET', `/api/v1/segments/${segment.id}`, owner)).json<Segment>().name).toBe('Acme only');
  });
});

describe('segment members and export', () => {
  it('lists the live members, sorted, paginated and searchable', async () => {
    const segment = await createSegment(owner, {
      name: 'Event people',
      filter: all(field('source', 'equals', 'event')),
    });
    const page1 = await api('GET', `/api/v1/segments/${segment.id}/leads?sort=name&order=asc&pageSize=1`, viewer);
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json<LeadPage>()).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ name: 'Ann' }] });
    const page2 = await api(
      'GET',
      `/api/v1/segments/${segment.id}/leads?sort=name&order=asc&pageSize=1&page=2`,
      viewer,
    );
    expect(page2.json<LeadPage>().items.map((l) => l.name)).toEqual(['Cleo']);
    const searched = await api('GET', `/api/v1/segments/${segment.id}/leads?q=cle`, viewer);
    expect(searched.json<LeadPage>().items.map((l) => l.name)).toEqual(['Cleo']);
    expect((await api('GET', `/api/v1/segments/${segment.id}/leads?sort=owner`, viewer)).statusCode).toBe(400);
  });

  it("exports a segment's members to CSV as a background task, audited with the segment", async () => {
    const segment = await createSegment(owner, { name: 'Acme export', filter: ACME });
    const res = await api('POST', `/api/v1/segments/${segment.id}/export`, marketer);
    expect(res.statusCode, res.body).toBe(202);
    const task = res.json<Task>();
    expect(task).toMatchObject({ kind: 'leads.export', status: 'queued', title: 'Export segment: Acme export' });
    const lines = await csvOf(marketer, task.id);
    expect(lines[0]).toMatch(/^ID,Name,Email/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['Ann', 'Bob']);
    expect((await waitForTask(ctx, marketer, task.id)).result).toEqual({ rows: 2 });
    expect((await audit('leads.exported')).find((e) => e.targetId === task.id)).toMatchObject({
      actor: { id: marketer.userId },
      details: { segmentId: segment.id, segmentName: 'Acme export' },
    });
    // Sales may see segments but not bulk-export.
    expect((await api('POST', `/api/v1/segments/${segment.id}/export`, sales)).statusCode).toBe(403);
  });

  it('exports "all leads matching the filter" from /leads/export, ANDed with the list filters', async () => {
    const res = await api('POST', '/api/v1/leads/export', owner, { source: 'event', filter: ACME });
    expect(res.statusCode, res.body).toBe(202);
    const lines = await csvOf(owner, res.json<Task>().id);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Ann']);

    const tasksBefore = (await api('GET', '/api/v1/tasks', owner)).json<{ items: Task[] }>().items.length;
    const bad = await api('POST', '/api/v1/leads/export', owner, { filter: all(field('nope', 'equals', 'x')) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.details[0]?.path).toBe('body.filter.children.0.field');
    expect((await api('GET', '/api/v1/tasks', owner)).json<{ items: Task[] }>().items).toHaveLength(tasksBefore);
  });
});

describe('a stored filter that no longer fits the fields', () => {
  it('is reported on the segment (count 0) and refused for members and export until edited', async () => {
    const opt = (value: string) => ({ value, label: { 'zh-CN': value, en: value } });
    const created = await api('POST', '/api/v1/fields', owner, {
      key: 'stage',
      label: { 'zh-CN': '阶段', en: 'Stage' },
      type: 'single_select',
      options: [opt('new'), opt('won')],
    });
    expect(created.statusCode, created.body).toBe(201);
    const segment = await createSegment(owner, { name: 'Won deals', filter: all(field('stage', 'equals', 'won')) });
    const removed = await api('PATCH', '/api/v1/fields/stage', owner, { options: [opt('new')] });
    expect(removed.statusCode, removed.body).toBe(200);

    const listed = (await api('GET', '/api/v1/segments', owner)).json<{ items: Segment[] }>().items;
    expect(listed.find((s) => s.id === segment.id)).toMatchObject({
      count: 0,
      filterIssues: [{ path: 'filter.children.0.value', message: 'Not one of the options' }],
    });
    const members = await api('GET', `/api/v1/segments/${segment.id}/leads`, owner);
    expect(members.statusCode).toBe(400);
    expect(members.json<ErrorBody>().error.details[0]?.path).toBe('filter.children.0.value');
    const exported = await api('POST', `/api/v1/segments/${segment.id}/export`, owner);
    expect(exported.statusCode).toBe(400);
    expect(exported.json<ErrorBody>().error.details[0]?.path).toBe('filter.children.0.value');

    const fixed = await api('PATCH', `/api/v1/segments/${segment.id}`, owner, {
      filter: all(field('stage', 'equals', 'new')),
    });
    expect(fixed.json<Segment>()).toMatchObject({ count: 0, filterIssues: [] });
    expect((await api('GET', `/api/v1/segments/${segment.id}/leads`, owner)).statusCode).toBe(200);
  });
});
