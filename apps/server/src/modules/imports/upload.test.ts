import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { LeadImport, LeadImportPage } from '@kindling/contracts/imports';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  callAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { multipartBody, uploaded, uploadFile, xlsxFile } from './test-helpers';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Uploads');
  const field = await callAs(ctx, owner, 'POST', '/api/v1/fields', {
    key: 'budget',
    label: { 'zh-CN': '预算', en: 'Budget' },
    type: 'number',
  });
  expect(field.statusCode, field.body).toBe(201);
});
afterAll(() => ctx.close());

async function importCount(user: TestUser): Promise<number> {
  const res = await callAs(ctx, user, 'GET', '/api/v1/lead-imports');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LeadImportPage>().total;
}

async function storedUploads(user: TestUser): Promise<string[]> {
  return readdir(path.join(ctx.config.dataDir, 'files', user.workspaceId, 'imports')).catch(() => []);
}

describe('uploading a file', () => {
  it('reads a UTF-8 CSV with BOM: headers, the first five rows and a suggested mapping', async () => {
    const lines = ['Full name,E-mail,Mobile,Organization,Title,Notes'];
    for (let i = 1; i <= 7; i++) lines.push(`Person ${i},p${i}@example.com,1380013800${i},Acme,CMO,"likes, commas"`);
    const upload = await uploaded(ctx, owner, 'contacts.csv', `\uFEFF${lines.join('\r\n')}\r\n`);
    expect(upload).toMatchObject({ format: 'csv', encoding: 'UTF-8' });
    expect(upload.headers).toEqual(['Full name', 'E-mail', 'Mobile', 'Organization', 'Title', 'Notes']);
    expect(upload.preview).toHaveLength(5);
    expect(upload.preview[0]).toEqual(['Person 1', 'p1@example.com', '13800138001', 'Acme', 'CMO', 'likes, commas']);
    expect(upload.suggestedMapping).toEqual({ 0: 'name', 1: 'email', 2: 'phone', 3: 'companyName', 4: 'jobTitle' });
    expect(upload.import).toMatchObject({
      fileName: 'contacts.csv',
      status: 'uploaded',
      counts: { created: 0, updated: 0, skipped: 0, rejected: 0 },
      createdBy: { id: owner.userId },
    });
    const fetched = await callAs(ctx, owner, 'GET', `/api/v1/lead-imports/${upload.import.id}`);
    expect(fetched.json<LeadImport>().headers).toEqual(upload.headers);
  });

  it('reads a GBK CSV as Excel (zh-CN) saves it, and maps Chinese headers', async () => {
    const text =
      '姓名,手机号码,电子邮件,公司名称,职务,省,城市,行业,负责人,预算\r\n张三,13800138000,zhang@example.com,上海云启科技,市场总监,上海,上海,软件,,100\r\n';
    const upload = await uploaded(ctx, owner, '展会名单.csv', iconv.encode(text, 'gb18030'));
    expect(upload.encoding).toBe('GB18030');
    expect(upload.headers.slice(0, 4)).toEqual(['姓名', '手机号码', '电子邮件', '公司名称']);
    expect(upload.preview[0]?.slice(0, 4)).toEqual(['张三', '13800138000', 'zhang@example.com', '上海云启科技']);
    expect(upload.suggestedMapping).toEqual({
      0: 'name',
      1: 'phone',
      2: 'email',
      3: 'companyName',
      4: 'jobTitle',
      5: 'province',
      6: 'city',
      7: 'industry',
      8: 'ownerId',
      9: 'budget',
    });
    expect(upload.import.fileName).toBe('展会名单.csv');
  });

  it('detects semicolons and tabs, names blank headers and numbers repeated ones', async () => {
    const semicolons = await uploaded(ctx, owner, 'eu.csv', 'Name;Email;;Email\nAnna;a@example.com;x;b@example.com\n');
    expect(semicolons.headers).toEqual(['Name', 'Email', 'Column 3', 'Email (2)']);
    expect(semicolons.suggestedMapping).toEqual({ 0: 'name', 1: 'email' });
    const tabs = await uploaded(ctx, owner, 'export.txt', '姓名\t邮箱\tOpenID\n李四\tli@example.com\to6_abc\n');
    expect(tabs.headers).toEqual(['姓名', '邮箱', 'OpenID']);
    expect(tabs.suggestedMapping).toEqual({ 0: 'name', 1: 'email', 2: 'wechatOpenid' });
  });

  it('reads an XLSX: dates, numbers and formula results as a user sees them', async () => {
    const file = await xlsxFile(
      [
        ['姓名', '邮箱', '签约日期', '预算', '备注'],
        ['王五', 'wang@example.com', new Date(Date.UTC(2024, 2, 5)), 42, { formula: 'A2&"!"', result: '王五!' }],
      ],
      (sheet) => {
        sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
      },
    );
    const upload = await uploaded(ctx, owner, 'leads.xlsx', file);
    expect(upload).toMatchObject({ format: 'xlsx', encoding: null });
    expect(upload.headers).toEqual(['姓名', '邮箱', '签约日期', '预算', '备注']);
    expect(upload.preview).toEqual([['王五', 'wang@example.com', '2024-03-05', '42', '王五!']]);
    expect(upload.suggestedMapping).toEqual({ 0: 'name', 1: 'email', 3: 'budget' });
  });

  it('refuses files it cannot read with a clear 400, and keeps nothing', async () => {
    const w = await createOwner(ctx, 'Refusals');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /empty/i],
      ['blank.csv', '\r\n  \r\n', /empty/i],
      ['header-only.csv', 'Name,Email\n', /no data rows/i],
      ['no-header.csv', 'Zhang,zhang@example.com\nLi,li@example.com\n', /looks like data/i],
      ['blank-header.csv', ',,\nZhang,z@example.com,1\n', /column names/i],
      ['picture.csv', png, /not a CSV or XLSX/i],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /\.xls/],
      ['broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /Excel workbook/],
      ['quote.csv', '"Name,Email\nZhang,z@example.com\n', /first row/i],
    ];
    for (const [name, content, message] of cases) {
      const res = await uploadFile(ctx, w, name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      expect(res.json().error.message, name).toMatch(message);
      expect(res.json().error.details).toEqual([{ path: 'file', message: expect.any(String) }]);
    }
    expect(await importCount(w)).toBe(0);
    expect(await storedUploads(w)).toEqual([]);
  });

  it('wants multipart with a "file" field', async () => {
    const json = await callAs(ctx, owner, 'POST', '/api/v1/lead-imports', { file: 'Name\nZhang\n' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
    const body = await multipartBody('x.csv', 'Name\nZhang\n', 'attachment');
    const wrongField = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/lead-imports',
      headers: { cookie: owner.cookie, ...body.headers },
      payload: body.payload,
    });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.details).toEqual([{ path: 'file', message: 'Attach the file in the field "file"' }]);
  });

  it('refuses a file over 250 MB with 413 while it streams in, keeping nothing', async () => {
    const w = await createOwner(ctx, 'Big files');
    const boundary = 'kindling-test-boundary';
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    async function* body() {
      yield Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="huge.csv"\r\ncontent-type: text/csv\r\n\r\nName\n`,
      );
      for (let i = 0; i < 251; i++) yield chunk;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/lead-imports',
      headers: { cookie: w.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Readable.from(body()),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/larger than 250 MB/);
    expect(await importCount(w)).toBe(0);
    expect(await storedUploads(w)).toEqual([]);
  });

  it('lets viewers neither upload nor see imports, and hides other workspaces’ imports', async () => {
    const viewer = await addMember(ctx, owner.workspaceId, 'viewer');
    expect((await uploadFile(ctx, viewer, 'x.csv', 'Name\nZhang\n')).statusCode).toBe(403);
    expect((await callAs(ctx, viewer, 'GET', '/api/v1/lead-imports')).statusCode).toBe(403);
    const sales = await addMember(ctx, owner.workspaceId, 'sales');
    expect((await uploadFile(ctx, sales, 'mine.csv', 'Name\nZhang\n')).statusCode).toBe(201);

    const mine = await uploaded(ctx, owner, 'private.csv', 'Name\nZhang\n');
    const stranger = await createOwner(ctx, 'Strangers');
    for (const url of [
      `/api/v1/lead-imports/${mine.import.id}`,
      `/api/v1/lead-imports/${mine.import.id}/error-report`,
    ]) {
      expect((await callAs(ctx, stranger, 'GET', url)).statusCode).toBe(404);
    }
    const start = await callAs(ctx, stranger, 'POST', `/api/v1/lead-imports/${mine.import.id}/start`, {
      mapping: { 0: 'name' },
    });
    expect(start.statusCode).toBe(404);
    expect((await callAs(ctx, stranger, 'GET', '/api/v1/lead-imports')).json<LeadImportPage>().total).toBe(0);
  });
});
