import type { ActivityPage } from '@kindling/contracts/activities';
import type { AuditEntry } from '@kindling/contracts/audit';
import type { LeadImport } from '@kindling/contracts/imports';
import type { Lead } from '@kindling/contracts/leads';
import type { Task } from '@kindling/contracts/tasks';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import {
  addMember,
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { insertLeads } from './batch-sql';
import {
  errorReport,
  expectCountsAddUp,
  findLeads,
  importFile,
  uploaded,
  waitForImport,
  xlsxFile,
} from './test-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
});
afterAll(() => ctx.close());

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

async function createField(user: TestUser, body: Record<string, unknown>) {
  const res = await callAs(ctx, user, 'POST', '/api/v1/fields', body);
  expect(res.statusCode, res.body).toBe(201);
}

async function timeline(user: TestUser, leadId: string) {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads/${leadId}/activities`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityPage>().items;
}

async function leadByEmail(user: TestUser, email: string): Promise<Lead> {
  const [lead, ...more] = (await findLeads(ctx, user, email)).filter((l) => l.email === email);
  expect(lead, email).toBeDefined();
  expect(more).toEqual([]);
  return lead as Lead;
}

describe('importing leads', () => {
  it('creates leads from a GBK CSV, keeps formula-like text as text and records each in the timeline', async () => {
    const owner = await createOwner(ctx, 'GBK import');
    const text = [
      '姓名,邮箱,手机,公司,职位,备注',
      '张三,Zhang@Example.com,13800138000,"=HYPERLINK(""http://evil.example"")",市场总监,不导入这一列',
      ',only-email@example.com,,@SUM(A1),-负责人,',
      '李四,,138 0013 8001,+cmd|calc,,',
    ].join('\r\n');
    const { upload, result } = await importFile(ctx, owner, '展会名单.csv', iconv.encode(text, 'gb18030'));
    expect(upload.suggestedMapping).toEqual({ 0: 'name', 1: 'email', 2: 'phone', 3: 'companyName', 4: 'jobTitle' });
    expect(result.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 0 });
    expectCountsAddUp(result, 3);
    expect(result.hasErrorReport).toBe(false);

    const zhang = await leadByEmail(owner, 'zhang@example.com');
    expect(zhang).toMatchObject({
      name: '张三',
      phone: '+8613800138000',
      companyName: '=HYPERLINK("http://evil.example")',
      jobTitle: '市场总监',
      source: 'import',
      ownerId: null,
    });
    expect(await leadByEmail(owner, 'only-email@example.com')).toMatchObject({
      name: 'only-email@example.com',
      companyName: '@SUM(A1)',
      jobTitle: '-负责人',
    });
    const [li] = await findLeads(ctx, owner, '李四');
    expect(li).toMatchObject({ phone: '+8613800138001', companyName: '+cmd|calc', email: null });

    const [entry] = await timeline(owner, zhang.id);
    expect(entry).toMatchObject({
      type: 'lead_imported',
      source: 'import',
      actor: { id: owner.userId },
      properties: { importId: upload.import.id, fileName: '展会名单.csv', row: 2 },
    });
    const audit = await callAs(ctx, owner, 'GET', '/api/v1/audit?action=leads.imported');
    expect(audit.json<{ items: AuditEntry[] }>().items[0]).toMatchObject({
      targetId: upload.import.id,
      details: { fileName: '展会名单.csv', dedupeMode: 'update_empty' },
    });
    const task = await callAs(ctx, owner, 'GET', `/api/v1/tasks/${result.taskId}`);
    expect(task.json<Task>()).toMatchObject({
      kind: 'leads.import',
      status: 'succeeded',
      progressDone: 3,
      progressTotal: 3,
      result: { created: 3, updated: 0, skipped: 0, rejected: 0, rows: 3 },
    });
  });

  it('rejects bad rows with a reason each, imports the rest, and lists exactly those rows in the error report', async () => {
    const owner = await createOwner(ctx, 'Rejections');
    await createField(owner, {
      key: 'tier',
      label: label('等级', 'Tier'),
      type: 'single_select',
      options: [{ value: 'gold', label: label('金牌', 'Gold') }],
    });
    const huge = 'x'.repeat(20_000);
    const lines = [
      'Name,Email,Phone,Tier,Notes', // 1
      'Good One,good1@example.com,13800000001,gold,', // 2
      'Bad Email,not-an-email,,,', // 3
      'Bad Phone,,12345,,', // 4
      'Bad Tier,tier@example.com,,platinum,', // 5
      `Huge,huge@example.com,,,${huge}`, // 6
      'Broken,"broken@example.com,,,', // 7: the quote never closes
      'Short,short@example.com', // 8
      ',,,gold,just a note', // 9
      'Good Two,good2@example.com,,金牌,', // 10
    ];
    const { upload, result } = await importFile(ctx, owner, 'mixed.csv', `${lines.join('\n')}\n`, {
      mapping: { 0: 'name', 1: 'email', 2: 'phone', 3: 'tier' },
    });
    expect(result.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 7 });
    expectCountsAddUp(result, 9);
    expect(result.hasErrorReport).toBe(true);
    expect((await leadByEmail(owner, 'good2@example.com')).attributes).toEqual({ tier: 'gold' });
    expect(await findLeads(ctx, owner, 'Bad')).toEqual([]);

    const report = await errorReport(ctx, owner, upload.import.id);
    expect(report[0]).toEqual(['行号', '错误原因', 'Name', 'Email', 'Phone', 'Tier', 'Notes']);
    expect(report.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['3', 'Email：邮箱格式不正确 “not-an-email”'],
      ['4', 'Phone：手机号格式不正确 “12345”'],
      ['5', 'Tier：不是该字段的可选项 “platinum”'],
      ['6', 'Notes：内容超过 10000 个字符'],
      ['7', 'CSV 格式错误：引号未闭合，本行无法读取'],
      ['8', '列数不符：本行有 2 列，表头有 5 列'],
      ['9', '姓名、邮箱、手机号、微信 OpenID 至少填写一项'],
    ]);
    expect(report[1]?.slice(2)).toEqual(['Bad Email', 'not-an-email', '', '', '']);
    expect(report[5]?.[2]).toBe('Broken,"broken@example.com,,,');
  });

  it('writes the error report in English when asked', async () => {
    const owner = await createOwner(ctx, 'English report');
    const { upload } = await importFile(ctx, owner, 'en.csv', 'Name,Email\nA,nope\n', { reportLanguage: 'en' });
    const report = await errorReport(ctx, owner, upload.import.id);
    expect(report).toEqual([
      ['Row', 'Reason', 'Name', 'Email'],
      ['2', 'Email: invalid email address "nope"', 'A', 'nope'],
    ]);
  });

  it('links imported leads to companies by work-email domain or name, creating the missing ones', async () => {
    const owner = await createOwner(ctx, 'Import companies');
    const existing = await callAs(ctx, owner, 'POST', '/api/v1/companies', { name: 'Acme 中国', domain: 'acme.cn' });
    expect(existing.statusCode, existing.body).toBe(201);
    const csv = [
      '姓名,邮箱,公司',
      '张三,zhang@acme.cn,',
      '李四,li@qq.com,新公司有限公司',
      '王五,wang@newco.cn,新公司有限公司',
      '赵六,zhao@gmail.com,',
    ].join('\n');
    const { result } = await importFile(ctx, owner, 'companies.csv', csv);
    expectCountsAddUp(result, 4);
    const company = async (q: string) => (await findLeads(ctx, owner, q))[0]?.company?.name ?? null;
    expect(await company('zhang@acme.cn')).toBe('Acme 中国');
    // One company for both rows naming it: created once, with the work email's domain (not qq.com).
    expect(await company('li@qq.com')).toBe('新公司有限公司');
    expect(await company('wang@newco.cn')).toBe('新公司有限公司');
    expect(await company('zhao@gmail.com')).toBeNull();
    const list = await callAs(ctx, owner, 'GET', '/api/v1/companies?q=新公司');
    expect(list.json<{ items: { domain: string | null }[] }>().items).toEqual([
      expect.objectContaining({ domain: 'newco.cn' }),
    ]);

    const other = await createOwner(ctx, 'Import no companies');
    await importFile(ctx, other, 'no-companies.csv', '姓名,公司\n钱七,某某公司\n', { companies: 'none' });
    expect((await findLeads(ctx, other, '钱七'))[0]?.company).toBeNull();
    const none = await callAs(ctx, other, 'GET', '/api/v1/companies');
    expect(none.json<{ total: number }>().total).toBe(0);
  });

  it('reads an XLSX: Excel dates, numbers, formula results, 是/否 and options by label', async () => {
    const owner = await createOwner(ctx, 'XLSX import');
    await createField(owner, { key: 'signed_on', label: label('签约日期', 'Signed on'), type: 'date' });
    await createField(owner, { key: 'budget', label: label('预算', 'Budget'), type: 'number' });
    await createField(owner, { key: 'partner', label: label('是否合作伙伴', 'Partner'), type: 'boolean' });
    await createField(owner, {
      key: 'interests',
      label: label('兴趣', 'Interests'),
      type: 'multi_select',
      options: [
        { value: 'crm', label: label('客户管理', 'CRM') },
        { value: 'wechat', label: label('微信营销', 'WeChat') },
      ],
    });
    const file = await xlsxFile(
      [
        ['姓名', '手机', '签约日期', '预算', '是否合作伙伴', '兴趣', '公司'],
        [
          '王五',
          13900001111,
          new Date(Date.UTC(2024, 2, 5)),
          1200.5,
          '是',
          '客户管理、wechat',
          { formula: 'A2&"科技"', result: '王五科技' },
        ],
        ['赵六', '13900002222', '2024/3/6', '3,400', '否', 'CRM', '=1+1'],
      ],
      (sheet) => {
        sheet.getColumn(3).numFmt = 'yyyy/m/d';
      },
    );
    const { result } = await importFile(ctx, owner, '客户.xlsx', file);
    expect(result.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 0 });
    const [wang] = await findLeads(ctx, owner, '王五');
    expect(wang).toMatchObject({
      phone: '+8613900001111',
      companyName: '王五科技',
      attributes: { signed_on: '2024-03-05', budget: 1200.5, partner: true, interests: ['crm', 'wechat'] },
    });
    const [zhao] = await findLeads(ctx, owner, '赵六');
    expect(zhao).toMatchObject({
      companyName: '=1+1',
      attributes: { signed_on: '2024-03-06', budget: 3400, partner: false, interests: ['crm'] },
    });
  });
});

describe('duplicates', () => {
  const file = [
    'Name,Email,Phone,Company,Title',
    'New A,a@example.com,,Acme,New title', // matches the existing lead by email
    'B,b@example.com,13800000002,,', // new
    'B again,b@example.com,,Beta,Boss', // the lead row 3 created
    'By phone,,13800000001,Gamma,', // matches the existing lead by phone
  ].join('\n');

  async function setUp(name: string) {
    const owner = await createOwner(ctx, name);
    const existing = await createLeadAs(ctx, owner, {
      name: 'Old',
      email: 'a@example.com',
      phone: '13800000001',
      jobTitle: 'Old title',
    });
    return { owner, existing };
  }

  it('skip: leaves matched leads alone, and a repeated row is a duplicate of the lead the file created', async () => {
    const { owner, existing } = await setUp('Skip');
    const { result } = await importFile(ctx, owner, 'dupes.csv', file, { dedupeMode: 'skip' });
    expect(result.counts).toEqual({ created: 1, updated: 0, skipped: 3, rejected: 0 });
    expectCountsAddUp(result, 4);
    expect(await leadByEmail(owner, 'a@example.com')).toMatchObject({
      id: existing.id,
      name: 'Old',
      companyName: null,
    });
    expect(await leadByEmail(owner, 'b@example.com')).toMatchObject({ name: 'B', companyName: null, jobTitle: null });
  });

  it('update_empty: fills only empty fields, in existing leads and in leads the file created', async () => {
    const { owner, existing } = await setUp('Update empty');
    const { upload, result } = await importFile(ctx, owner, 'dupes.csv', file, { dedupeMode: 'update_empty' });
    // Row 5 (by phone) has nothing new: the company was filled by row 2 already.
    expect(result.counts).toEqual({ created: 1, updated: 2, skipped: 1, rejected: 0 });
    expectCountsAddUp(result, 4);
    expect(await leadByEmail(owner, 'a@example.com')).toMatchObject({
      id: existing.id,
      name: 'Old',
      companyName: 'Acme',
      jobTitle: 'Old title',
    });
    expect(await leadByEmail(owner, 'b@example.com')).toMatchObject({
      name: 'B',
      phone: '+8613800000002',
      companyName: 'Beta',
      jobTitle: 'Boss',
    });
    const [update] = await timeline(owner, existing.id);
    expect(update).toMatchObject({
      type: 'lead_updated',
      source: 'import',
      properties: { changes: { companyName: { from: null, to: 'Acme' } }, importId: upload.import.id, rows: [2] },
    });
  });

  it('overwrite: replaces values with the file’s (blank cells change nothing)', async () => {
    const { owner, existing } = await setUp('Overwrite');
    const { result } = await importFile(ctx, owner, 'dupes.csv', file, { dedupeMode: 'overwrite' });
    expect(result.counts).toEqual({ created: 1, updated: 3, skipped: 0, rejected: 0 });
    expect(await leadByEmail(owner, 'a@example.com')).toMatchObject({
      id: existing.id,
      name: 'By phone',
      companyName: 'Gamma',
      jobTitle: 'New title',
    });
    expect(await leadByEmail(owner, 'b@example.com')).toMatchObject({ name: 'B again', companyName: 'Beta' });
    const [update] = await timeline(owner, existing.id);
    expect(update?.properties).toMatchObject({
      changes: {
        name: { from: 'Old', to: 'By phone' },
        companyName: { from: null, to: 'Gamma' },
        jobTitle: { from: 'Old title', to: 'New title' },
      },
      rows: [2, 5],
    });
  });

  it('matches only on the chosen keys; an email is never given to a second lead', async () => {
    const { owner, existing } = await setUp('Keys');
    const { upload, result } = await importFile(ctx, owner, 'dupes.csv', file, {
      dedupeMode: 'overwrite',
      dedupeKeys: ['phone'],
    });
    // Row 2: its email belongs to the existing lead, which it does not match by phone: refused.
    // Row 4: b@example.com was created by row 3, and email is not a key: refused as well.
    expect(result.counts).toEqual({ created: 1, updated: 1, skipped: 0, rejected: 2 });
    expect(await leadByEmail(owner, 'a@example.com')).toMatchObject({ id: existing.id, name: 'By phone' });
    const report = await errorReport(ctx, owner, upload.import.id);
    expect(report.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['2', 'Email：该邮箱已属于另一条潜客'],
      ['4', 'Email：该邮箱已属于另一条潜客'],
    ]);
  });

  it('keeps unique custom fields unique and required ones filled, against existing leads and within the file', async () => {
    const owner = await createOwner(ctx, 'Unique fields');
    await createField(owner, { key: 'crm_id', label: label('CRM 编号', 'CRM ID'), type: 'text', unique: true });
    await createLeadAs(ctx, owner, { name: 'Holder', email: 'holder@example.com', attributes: { crm_id: 'CRM-1' } });
    await createField(owner, { key: 'region', label: label('区域', 'Region'), type: 'text', required: true });
    const { upload, result } = await importFile(
      ctx,
      owner,
      'unique.csv',
      [
        'Name,Email,CRM,Region',
        'Holder again,holder@example.com,CRM-1,East', // the holder itself: fine
        'Thief,thief@example.com,CRM-1,East', // another lead's value
        'New,new@example.com,CRM-2,West',
        'Copy,copy@example.com,CRM-2,West', // taken by the row above
        'No region,noregion@example.com,CRM-3,', // a new lead without a required field
      ].join('\n'),
      { mapping: { 0: 'name', 1: 'email', 2: 'crm_id', 3: 'region' } },
    );
    expect(result.counts).toEqual({ created: 1, updated: 1, skipped: 0, rejected: 3 });
    const report = await errorReport(ctx, owner, upload.import.id);
    expect(report.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['3', 'CRM：该值已被另一条潜客使用（字段要求唯一）'],
      ['5', 'CRM：该值已被另一条潜客使用（字段要求唯一）'],
      ['6', '区域：必填'],
    ]);
    expect((await leadByEmail(owner, 'new@example.com')).attributes).toEqual({ crm_id: 'CRM-2', region: 'West' });
  });

  it('an insert racing a concurrent writer for the same email skips the row instead of failing the batch', async () => {
    const owner = await createOwner(ctx, 'Race');
    await createLeadAs(ctx, owner, { name: 'First', email: 'race@example.com' });
    const inserted = await withTenant(ctx.database.db, owner.workspaceId, (tx) =>
      insertLeads(
        tx,
        { workspaceId: owner.workspaceId, userId: owner.userId },
        { id: owner.workspaceId, fileName: 'x.csv' },
        [
          {
            id: '01900000-0000-7000-8000-000000000001',
            row: 2,
            values: {
              name: 'Second',
              email: 'race@example.com',
              phone: null,
              companyName: null,
              jobTitle: null,
              industry: null,
              province: null,
              city: null,
              wechatOpenid: null,
              wechatUnionid: null,
              source: 'import',
              ownerId: null,
              attributes: {},
            },
          },
        ],
      ),
    );
    expect(inserted).toBe(0);
    expect((await findLeads(ctx, owner, 'race@example.com')).map((l) => l.name)).toEqual(['First']);
  });
});

describe('starting an import', () => {
  it('checks the mapping (400 with paths) and imports nothing until it is right; starts only once', async () => {
    const owner = await createOwner(ctx, 'Mapping');
    await createField(owner, { key: 'old_field', label: label('旧字段', 'Old'), type: 'text' });
    expect((await callAs(ctx, owner, 'POST', '/api/v1/fields/old_field/archive', {})).statusCode).toBe(200);
    const upload = await uploaded(
      ctx,
      owner,
      'm.csv',
      'Name,Email,Created,Old,Extra\nA,a@example.com,2024-01-01,x,y\n',
    );
    const start = (body: Record<string, unknown>) =>
      callAs(ctx, owner, 'POST', `/api/v1/lead-imports/${upload.import.id}/start`, body);

    const bad = await start({
      mapping: { 0: 'name', 1: 'name', 2: 'createdAt', 3: 'old_field', 4: 'no_such_field', 7: 'email' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.mapping.1',
      'body.mapping.2',
      'body.mapping.3',
      'body.mapping.4',
      'body.mapping.7',
    ]);
    const noIdentity = await start({ mapping: { 4: 'companyName' } });
    expect(noIdentity.json().error.details).toEqual([
      { path: 'body.mapping', message: expect.stringMatching(/at least one of name, email/) },
    ]);
    const stranger = await createOwner(ctx, 'Not a member');
    const badOwner = await start({ mapping: { 0: 'name' }, ownerId: stranger.userId });
    expect(badOwner.json().error.details).toEqual([{ path: 'body.ownerId', message: expect.any(String) }]);
    const badBody = await start({ mapping: { x: 'name' }, dedupeMode: 'merge', extra: true });
    expect(badBody.statusCode).toBe(400);

    const viewer = await addMember(ctx, owner.workspaceId, 'viewer');
    expect(
      (await callAs(ctx, viewer, 'POST', `/api/v1/lead-imports/${upload.import.id}/start`, { mapping: { 0: 'name' } }))
        .statusCode,
    ).toBe(403);

    const unchanged = await callAs(ctx, owner, 'GET', `/api/v1/lead-imports/${upload.import.id}`);
    expect(unchanged.json<LeadImport>()).toMatchObject({ status: 'uploaded', mapping: null });
    expect(await findLeads(ctx, owner, 'a@example.com')).toEqual([]);

    const member = await addMember(ctx, owner.workspaceId, 'sales');
    const ok = await start({ mapping: { 0: 'name', 1: 'email' }, ownerId: member.userId, source: 'event' });
    expect(ok.statusCode, ok.body).toBe(202);
    expect((await start({ mapping: { 0: 'name' } })).statusCode).toBe(409);
    const done = await waitForImport(ctx, owner, upload.import.id);
    expect(done).toMatchObject({
      status: 'completed',
      ownerId: member.userId,
      source: 'event',
      dedupeMode: 'update_empty',
    });
    expect(await leadByEmail(owner, 'a@example.com')).toMatchObject({ ownerId: member.userId, source: 'event' });
  });

  it('maps owners by member email or name', async () => {
    const owner = await createOwner(ctx, 'Owners');
    const sales = await addMember(ctx, owner.workspaceId, 'sales');
    const { upload, result } = await importFile(
      ctx,
      owner,
      'owners.csv',
      `姓名,负责人\nA,${sales.email.toUpperCase()}\nB,Owner nobody\n`,
    );
    expect(result.counts).toMatchObject({ created: 1, rejected: 1 });
    expect((await findLeads(ctx, owner, 'A'))[0]?.ownerId).toBe(sales.userId);
    const report = await errorReport(ctx, owner, upload.import.id);
    expect(report[1]?.[1]).toMatch(/^负责人：不是工作区成员/);
  });

  it('only the importer or an admin downloads the error report', async () => {
    const owner = await createOwner(ctx, 'Report access');
    const { upload } = await importFile(ctx, owner, 'r.csv', 'Name,Email\nA,nope\n');
    const marketer = await addMember(ctx, owner.workspaceId, 'marketer');
    const admin = await addMember(ctx, owner.workspaceId, 'admin');
    const url = `/api/v1/lead-imports/${upload.import.id}/error-report`;
    expect((await callAs(ctx, marketer, 'GET', url)).statusCode).toBe(403);
    const res = await callAs(ctx, admin, 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''r-errors.csv`);
  });
});

describe('large files', () => {
  it('imports a few thousand rows across several batches, deduplicating across batch boundaries', async () => {
    const owner = await createOwner(ctx, 'Batches');
    const lines = ['姓名,邮箱,手机,城市'];
    for (let i = 1; i <= 4_500; i++) lines.push(`潜客${i},lead${i}@example.com,139${String(i).padStart(8, '0')},深圳`);
    // Row 4,502 repeats the email of row 11 (in the first batch), with a new city.
    lines.push('潜客10 again,lead10@example.com,,广州');
    const { upload, result } = await importFile(ctx, owner, 'big.csv', `${lines.join('\n')}\n`, {
      dedupeMode: 'overwrite',
    });
    expect(result.counts).toEqual({ created: 4_500, updated: 1, skipped: 0, rejected: 0 });
    expectCountsAddUp(result, 4_501);
    expect(result.progress).toEqual({ done: 4_501, total: 4_501 });
    expect(await leadByEmail(owner, 'lead10@example.com')).toMatchObject({ name: '潜客10 again', city: '广州' });
    expect(await leadByEmail(owner, 'lead4500@example.com')).toMatchObject({ phone: '+8613900004500' });
    const list = await callAs(ctx, owner, 'GET', '/api/v1/leads?pageSize=1');
    expect(list.json().total).toBe(4_500);
    const history = await callAs(ctx, owner, 'GET', '/api/v1/lead-imports');
    expect(history.json().items[0]).toMatchObject({ id: upload.import.id, status: 'completed', totalRows: 4_501 });
  });
});
