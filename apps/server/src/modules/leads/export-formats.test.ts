import type { Task } from '@kindling/contracts/tasks';
import ExcelJS from 'exceljs';
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
import { createTierField } from '../segments/test-fixtures';

let ctx: TestContext;
let owner: TestUser;
let marketer: TestUser;
let richLeadId: string;

async function createField(body: Record<string, unknown>) {
  const res = await callAs(ctx, owner, 'POST', '/api/v1/fields', body);
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  owner = await createOwner(ctx, 'Exports in every format');
  marketer = await addMember(ctx, owner.workspaceId, 'marketer');
  const profile = await callAs(ctx, owner, 'PATCH', '/api/v1/auth/profile', { locale: 'zh-CN' });
  expect(profile.statusCode).toBe(200);
  await createTierField(ctx, owner);
  await createField({
    key: 'interests',
    label: { 'zh-CN': '兴趣', en: 'Interests' },
    type: 'multi_select',
    options: [
      { value: 'ai', label: { 'zh-CN': '人工智能', en: 'AI' } },
      { value: 'cloud', label: { 'zh-CN': '云计算', en: 'Cloud' } },
    ],
  });
  await createField({ key: 'vip', label: { 'zh-CN': '重点客户', en: 'VIP' }, type: 'boolean' });
  await createField({ key: 'signed_on', label: { 'zh-CN': '签约日期', en: 'Signed on' }, type: 'date' });
  await createField({ key: 'budget', label: { 'zh-CN': '预算', en: 'Budget' }, type: 'number' });
  const rich = await createLeadAs(ctx, owner, {
    name: '=HYPERLINK("http://evil.example")',
    email: 'rich@example.com',
    companyName: '@SUM(A1)',
    source: 'event',
    attributes: { tier: 'gold', interests: ['ai', 'cloud'], vip: true, signed_on: '2024-03-05', budget: 12000 },
  });
  richLeadId = rich.id;
  await createLeadAs(ctx, owner, { name: '李四', email: 'li@example.com', attributes: { vip: false, tier: 'silver' } });
});
afterAll(() => ctx.close());

async function exportFile(user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/leads/export',
    headers: { cookie: user.cookie, ...headers },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(202);
  const task = await waitForTask(ctx, user, res.json<Task>().id);
  expect(task.status, task.error ?? '').toBe('succeeded');
  const file = await callAs(ctx, user, 'GET', `/api/v1/tasks/${task.id}/file`);
  expect(file.statusCode).toBe(200);
  return { task, file };
}

const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);

describe('XLSX export', () => {
  it('writes the chosen columns with labels in my language, values formatted for people, formulas neutralised', async () => {
    const columns = ['name', 'companyName', 'source', 'tier', 'interests', 'vip', 'signed_on', 'budget', 'createdAt'];
    const { file } = await exportFile(owner, { format: 'xlsx', columns, q: 'rich@example.com' });
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="leads-\d+\.xlsx"$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('潜客');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'ID',
      '姓名',
      '公司',
      '来源',
      '等级',
      '兴趣',
      '重点客户',
      '签约日期',
      '预算',
      '创建时间',
    ]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(richLeadId);
    // Text is text (never a formula) and starts with a quote, so it stays text when saved as CSV too.
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(row.getCell(3).value).toBe(`'@SUM(A1)`);
    expect(row.getCell(4).value).toBe('活动');
    expect(row.getCell(5).value).toBe('金');
    expect(row.getCell(6).value).toBe('人工智能、云计算');
    expect(row.getCell(7).value).toBe('是');
    expect(row.getCell(8).value).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(row.getCell(8).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(9).value).toBe(12000);
    expect(row.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(10).type).toBe(ExcelJS.ValueType.Date);
    sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe('CSV export with chosen columns', () => {
  it('writes only the chosen columns, in order, in the language the browser asks for', async () => {
    const { file } = await exportFile(
      marketer,
      { format: 'csv', columns: ['email', 'tier', 'vip', 'interests'] },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    const lines = csvLines(file.body);
    expect(lines[0]).toBe('ID,Email,Tier,VIP,Interests');
    expect(lines.slice(1).sort()).toEqual(
      [
        `${richLeadId},rich@example.com,Gold,Yes,"AI, Cloud"`,
        expect.stringMatching(/,li@example\.com,Silver,No,$/),
      ].sort(),
    );
  });

  it("uses the requester's saved list columns when none are chosen (name first, as the list shows it)", async () => {
    const saved = await callAs(ctx, marketer, 'PUT', '/api/v1/preferences/lead-columns', {
      columns: ['email', 'name', 'budget'],
    });
    expect(saved.statusCode).toBe(200);
    const { file } = await exportFile(marketer, { q: 'rich@example.com' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    const lines = csvLines(file.body);
    expect(lines).toEqual([
      'ID,姓名,邮箱,预算',
      `${richLeadId},"'=HYPERLINK(""http://evil.example"")",rich@example.com,12000`,
    ]);
  });

  it('exports just the chosen leads', async () => {
    const { task, file } = await exportFile(owner, { ids: [richLeadId], columns: ['email'] });
    expect(task.result).toEqual({ rows: 1 });
    expect(csvLines(file.body)).toEqual(['ID,邮箱', `${richLeadId},rich@example.com`]);
  });

  it('refuses unknown columns and bad combinations with clear errors, creating no task', async () => {
    const before = (await callAs(ctx, owner, 'GET', '/api/v1/tasks')).json<{ items: Task[] }>().items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ columns: ['email', 'shoe_size'] }, 'body.columns.1'],
      [{ columns: ['email', 'email'] }, 'body.columns'],
      [{ format: 'pdf' }, 'body.format'],
      [{ ids: [richLeadId], q: 'x' }, 'body.q'],
    ];
    for (const [body, path] of cases) {
      const res = await callAs(ctx, owner, 'POST', '/api/v1/leads/export', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
    expect((await callAs(ctx, owner, 'GET', '/api/v1/tasks')).json<{ items: Task[] }>().items).toHaveLength(before);
  });

  it('exports a segment to Excel too', async () => {
    const segment = await callAs(ctx, owner, 'POST', '/api/v1/segments', {
      name: 'Gold tier',
      filter: {
        kind: 'group',
        op: 'and',
        children: [{ kind: 'field', field: 'tier', operator: 'equals', value: 'gold' }],
      },
    });
    expect(segment.statusCode, segment.body).toBe(201);
    const res = await callAs(ctx, owner, 'POST', `/api/v1/segments/${segment.json().id}/export`, {
      format: 'xlsx',
      columns: ['name', 'tier'],
    });
    expect(res.statusCode, res.body).toBe(202);
    const task = await waitForTask(ctx, owner, res.json<Task>().id);
    expect(task).toMatchObject({ status: 'succeeded', result: { rows: 1 } });
    const file = await callAs(ctx, owner, 'GET', `/api/v1/tasks/${task.id}/file`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(3).value).toBe('金');
  });
});
