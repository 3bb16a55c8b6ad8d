import type { Lead } from '@kindling/contracts/leads';
import type { Task } from '@kindling/contracts/tasks';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/schema';
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
import { duplicateDismissals } from './schema';
import { duplicatesOfLead, linkToNewCompany, pairsOf } from './test-fixtures';

let ctx: TestContext;
let owner: TestUser;
/** The leads by their role in the story below. */
const lead: Record<string, Lead> = {};
const pair = (older: string, newer: string) => `${lead[older]?.id}+${lead[newer]?.id}`;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  owner = await createOwner(ctx, 'Duplicates');
  const people: [string, Record<string, unknown>][] = [
    // Gmail ignores dots and +tags, and googlemail.com is the same mailbox.
    ['gmailA', { name: '张三', email: 'zhang.san+news@gmail.com' }],
    ['gmailB', { name: 'Zhang S', email: 'zhangsan@googlemail.com' }],
    // Elsewhere only the +tag goes (and case): three addresses of one mailbox make three pairs.
    ['plusA', { name: 'Li Lei', email: 'lilei@acme.cn' }],
    ['plusB', { name: 'Li L.', email: 'lilei+expo@acme.cn' }],
    ['plusC', { name: 'LL', email: 'LiLei+Webinar@Acme.cn' }],
    // ...but dots are part of the address outside Gmail.
    ['dotsA', { name: 'Wang Wu', email: 'wang.wu@acme.cn' }],
    ['dotsB', { name: 'Wang Wu 2', email: 'wangwu@acme.cn' }],
    ['phoneA', { name: 'Phone A', phone: '138 0013 8000' }],
    ['phoneB', { name: 'Phone B', phone: '+86 13800138000' }],
    ['openidA', { name: 'OA fan', wechatOpenid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }],
    ['openidB', { name: 'OA fan again', wechatOpenid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }],
    ['unionidA', { name: 'Union A', wechatUnionid: 'uAbC123' }],
    ['unionidB', { name: 'Union B', wechatUnionid: 'uAbC123' }],
    // Same name and company once spaces, punctuation, case and full-width forms are ignored.
    ['nameA', { name: 'Zhang San', companyName: '腾讯科技（深圳）有限公司' }],
    ['nameB', { name: 'ＺＨＡＮＧ　ＳＡＮ', companyName: '腾讯科技 (深圳) 有限公司' }],
    ['nameOtherCompany', { name: 'zhang-san', companyName: '阿里巴巴' }],
    ['nameNoCompany', { name: 'Zhang San' }],
    // Linked to one company record: the typed company names do not matter.
    ['recordA', { name: 'Emily Chen', companyName: 'Kindling Inc' }],
    ['recordB', { name: 'emily.chen', companyName: 'Kindling' }],
    // Linked to two different company records: not the same person, whatever was typed.
    ['recordsA', { name: 'Bob Lee', companyName: 'Acme' }],
    ['recordsB', { name: 'Bob Lee', companyName: 'Acme' }],
    // Two reasons at once.
    ['bothA', { name: 'Both A', phone: '13900139000', email: 'j+1@corp.cn' }],
    ['bothB', { name: 'Both B', phone: '13900139000', email: 'j@corp.cn' }],
  ];
  for (const [role, body] of people) lead[role] = await createLeadAs(ctx, owner, body);
  const ids = (...roles: string[]) => roles.map((role) => lead[role]?.id ?? '');
  await linkToNewCompany(ctx, owner.workspaceId, 'Kindling 科技', ids('recordA', 'recordB'));
  await linkToNewCompany(ctx, owner.workspaceId, 'Acme Shanghai', ids('recordsA'));
  await linkToNewCompany(ctx, owner.workspaceId, 'Acme Beijing', ids('recordsB'));
});
afterAll(() => ctx.close());

const EXPECTED = () =>
  new Map([
    [pair('bothA', 'bothB'), ['email', 'phone']],
    [pair('gmailA', 'gmailB'), ['email']],
    [pair('plusA', 'plusB'), ['email']],
    [pair('plusA', 'plusC'), ['email']],
    [pair('plusB', 'plusC'), ['email']],
    [pair('phoneA', 'phoneB'), ['phone']],
    [pair('openidA', 'openidB'), ['openid']],
    [pair('unionidA', 'unionidB'), ['unionid']],
    [pair('nameA', 'nameB'), ['name_company']],
    [pair('recordA', 'recordB'), ['name_company']],
  ]);

describe('finding likely duplicates', () => {
  it('pairs leads by each reason, each pair once (older lead first) with all its reasons, strongest first', async () => {
    const { page, reasons } = await pairsOf(ctx, owner);
    expect(reasons).toEqual(EXPECTED());
    expect(page).toMatchObject({ total: 10, page: 1, pageSize: 200, capped: false });
    expect(page.items[0]?.reasons).toEqual(['email', 'phone']);
    const linked = page.items.find((p) => p.leads[0].id === lead.recordA?.id);
    expect(linked?.leads).toEqual([
      {
        id: lead.recordA?.id,
        name: 'Emily Chen',
        email: null,
        phone: null,
        company: 'Kindling 科技',
        owner: null,
        createdAt: lead.recordA?.createdAt,
      },
      expect.objectContaining({ id: lead.recordB?.id, name: 'emily.chen', company: 'Kindling 科技' }),
    ]);
  });

  it('pages through the pairs and narrows them to one reason', async () => {
    const first = (await callAs(ctx, owner, 'GET', '/api/v1/duplicates?pageSize=4')).json();
    const third = (await callAs(ctx, owner, 'GET', '/api/v1/duplicates?pageSize=4&page=3')).json();
    expect(first.items).toHaveLength(4);
    expect(third.items).toHaveLength(2);
    expect(third.total).toBe(10);
    const { reasons } = await pairsOf(ctx, owner, '&reason=phone');
    expect(reasons).toEqual(
      new Map([
        [pair('bothA', 'bothB'), ['phone']],
        [pair('phoneA', 'phoneB'), ['phone']],
      ]),
    );
  });

  it("lists one lead's likely duplicates with the same rules", async () => {
    const of = (role: string) => duplicatesOfLead(ctx, owner, lead[role]?.id ?? '');
    const id = (role: string) => lead[role]?.id ?? '';
    expect(await of('plusB')).toEqual(
      new Map([
        [id('plusA'), ['email']],
        [id('plusC'), ['email']],
      ]),
    );
    expect(await of('gmailB')).toEqual(new Map([[id('gmailA'), ['email']]]));
    expect(await of('bothB')).toEqual(new Map([[id('bothA'), ['email', 'phone']]]));
    expect(await of('nameB')).toEqual(new Map([[id('nameA'), ['name_company']]]));
    expect(await of('recordA')).toEqual(new Map([[id('recordB'), ['name_company']]]));
    expect(await of('openidA')).toEqual(new Map([[id('openidB'), ['openid']]]));
    expect(await of('unionidB')).toEqual(new Map([[id('unionidA'), ['unionid']]]));
    for (const alone of ['dotsA', 'nameOtherCompany', 'nameNoCompany', 'recordsA']) {
      expect(await of(alone), alone).toEqual(new Map());
    }
  });

  it('refuses bad list parameters with the field path', async () => {
    const bad = await callAs(ctx, owner, 'GET', '/api/v1/duplicates?reason=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.reason');
    expect((await callAs(ctx, owner, 'GET', '/api/v1/duplicates?page=0')).statusCode).toBe(400);
    const missing = await callAs(ctx, owner, 'GET', '/api/v1/leads/0190a0b0-0000-7000-8000-000000000000/duplicates');
    expect(missing.statusCode).toBe(404);
  });
});

describe('exporting the duplicate list', () => {
  it('runs as a task and writes one CSV row per pair with both leads and the reasons', async () => {
    const res = await callAs(ctx, owner, 'POST', '/api/v1/duplicates/export', {});
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json<Task>();
    expect(queued).toMatchObject({ kind: 'duplicates.export', status: 'queued' });
    const done = await waitForTask(ctx, owner, queued.id);
    expect(done).toMatchObject({ status: 'succeeded', progressDone: 10, progressTotal: 10, result: { rows: 10 } });
    const file = await callAs(ctx, owner, 'GET', `/api/v1/tasks/${queued.id}/file`);
    expect(file.headers['content-disposition']).toMatch(/filename="duplicates-\d+\.csv"/);
    const lines = file.body.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'Lead A ID,Lead A Name,Lead A Email,Lead A Phone,Lead A Company,Lead A Owner,Lead A Created at,' +
        'Lead B ID,Lead B Name,Lead B Email,Lead B Phone,Lead B Company,Lead B Owner,Lead B Created at,Reasons',
    );
    expect(lines).toHaveLength(11);
    // A leading + would start a spreadsheet formula: the CSV writer neutralises it.
    expect(lines[1]).toContain(`${lead.bothA?.id},Both A,j+1@corp.cn,'+8613900139000,`);
    expect(lines[1]).toMatch(/,email; phone$/);
    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=duplicates.exported')).json();
    expect(audit.items[0]).toMatchObject({ targetId: queued.id, actor: { id: owner.userId } });
  });

  it('needs the export permission and a known reason', async () => {
    const sales = await addMember(ctx, owner.workspaceId, 'sales');
    expect((await callAs(ctx, sales, 'POST', '/api/v1/duplicates/export', {})).statusCode).toBe(403);
    const bad = await callAs(ctx, owner, 'POST', '/api/v1/duplicates/export', { reason: 'age' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.reason');
  });
});

describe('dismissing a pair ("not duplicates")', () => {
  const dismissals = () =>
    ctx.database.db.select().from(duplicateDismissals).where(eq(duplicateDismissals.workspaceId, owner.workspaceId));

  it('takes the pair out of both lists for good, idempotently, audited once', async () => {
    const body = { leadIds: [lead.plusC?.id, lead.plusA?.id] };
    expect((await callAs(ctx, owner, 'POST', '/api/v1/duplicates/dismiss', body)).statusCode).toBe(204);
    expect((await callAs(ctx, owner, 'POST', '/api/v1/duplicates/dismiss', body)).statusCode).toBe(204);

    const expected = EXPECTED();
    expected.delete(pair('plusA', 'plusC'));
    expect((await pairsOf(ctx, owner)).reasons).toEqual(expected);
    expect([...(await duplicatesOfLead(ctx, owner, lead.plusA?.id ?? '')).keys()]).toEqual([lead.plusB?.id]);

    const rows = await dismissals();
    expect(rows).toHaveLength(1);
    const [smaller, larger] = [lead.plusA?.id ?? '', lead.plusC?.id ?? ''].sort();
    expect(rows[0]).toMatchObject({ leadAId: smaller, leadBId: larger, dismissedBy: owner.userId });
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspaceId), eq(auditLog.action, 'duplicates.dismissed')));
    expect(audit).toHaveLength(1);
  });

  it('refuses the same lead twice, unknown leads and read-only users, storing nothing', async () => {
    const same = await callAs(ctx, owner, 'POST', '/api/v1/duplicates/dismiss', {
      leadIds: [lead.phoneA?.id, lead.phoneA?.id],
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0]).toMatchObject({ path: 'body.leadIds', message: 'Choose two different leads' });
    const unknown = await callAs(ctx, owner, 'POST', '/api/v1/duplicates/dismiss', {
      leadIds: [lead.phoneA?.id, '0190a0b0-0000-7000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('body.leadIds');
    const viewer = await addMember(ctx, owner.workspaceId, 'viewer');
    const body = { leadIds: [lead.phoneA?.id, lead.phoneB?.id] };
    expect((await callAs(ctx, viewer, 'POST', '/api/v1/duplicates/dismiss', body)).statusCode).toBe(403);
    expect((await callAs(ctx, viewer, 'GET', '/api/v1/duplicates')).statusCode).toBe(200);
    expect(await dismissals()).toHaveLength(1);
    expect((await pairsOf(ctx, owner)).reasons.get(pair('phoneA', 'phoneB'))).toEqual(['phone']);
  });
});

describe('what never pairs', () => {
  it('ignores deleted leads (until they are restored)', async () => {
    expect((await callAs(ctx, owner, 'DELETE', `/api/v1/leads/${lead.phoneB?.id}`)).statusCode).toBe(204);
    expect((await pairsOf(ctx, owner)).reasons.has(pair('phoneA', 'phoneB'))).toBe(false);
    expect(await duplicatesOfLead(ctx, owner, lead.phoneA?.id ?? '')).toEqual(new Map());
    expect((await callAs(ctx, owner, 'GET', `/api/v1/leads/${lead.phoneB?.id}/duplicates`)).statusCode).toBe(404);
    expect((await callAs(ctx, owner, 'POST', `/api/v1/leads/${lead.phoneB?.id}/restore`)).statusCode).toBe(200);
    expect((await pairsOf(ctx, owner)).reasons.get(pair('phoneA', 'phoneB'))).toEqual(['phone']);
  });

  it("never pairs a lead with another workspace's identical lead", async () => {
    const stranger = await createOwner(ctx, 'Strangers');
    const twin = await createLeadAs(ctx, stranger, {
      name: 'Zhang San',
      companyName: '腾讯科技（深圳）有限公司',
      email: 'zhangsan@gmail.com',
      phone: '13800138000',
      wechatOpenid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
    });
    const theirs = await pairsOf(ctx, stranger);
    expect(theirs.page.total).toBe(0);
    expect(await duplicatesOfLead(ctx, stranger, twin.id)).toEqual(new Map());
    const ours = await pairsOf(ctx, owner);
    expect([...ours.page.items.flatMap((p) => p.leads.map((l) => l.id))]).not.toContain(twin.id);
    expect(ours.page.total).toBe(9);
    expect((await callAs(ctx, stranger, 'GET', `/api/v1/leads/${lead.nameA?.id}/duplicates`)).statusCode).toBe(404);
    const dismissTheirs = await callAs(ctx, stranger, 'POST', '/api/v1/duplicates/dismiss', {
      leadIds: [twin.id, lead.nameA?.id],
    });
    expect(dismissTheirs.statusCode).toBe(400);
  });
});

describe('keeping the list current', () => {
  it('shows a pair made by an edit at once, and drops one undone by an edit', async () => {
    await pairsOf(ctx, owner);
    const edit = await callAs(ctx, owner, 'PATCH', `/api/v1/leads/${lead.dotsB?.id}`, { phone: '13800138000' });
    expect(edit.statusCode, edit.body).toBe(200);
    const { reasons } = await pairsOf(ctx, owner);
    expect(reasons.get(pair('dotsB', 'phoneA'))).toEqual(['phone']);
    expect(reasons.get(pair('dotsB', 'phoneB'))).toEqual(['phone']);
    await callAs(ctx, owner, 'PATCH', `/api/v1/leads/${lead.openidB?.id}`, { wechatOpenid: null });
    expect((await pairsOf(ctx, owner)).reasons.has(pair('openidA', 'openidB'))).toBe(false);
  });
});
