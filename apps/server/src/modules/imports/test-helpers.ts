import type { LeadImport, LeadImportUpload, StartLeadImportBody } from '@kindling/contracts/imports';
import type { Lead, LeadPage } from '@kindling/contracts/leads';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';

/** A multipart/form-data body with one file, as a browser sends it. */
export async function multipartBody(fileName: string, content: string | Buffer | Uint8Array, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), fileName);
  const request = new Request('http://upload.test/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

export async function uploadFile(ctx: TestContext, user: TestUser, fileName: string, content: string | Buffer) {
  const body = await multipartBody(fileName, content);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/lead-imports',
    headers: { cookie: user.cookie, ...body.headers },
    payload: body.payload,
  });
}

/** Uploads a file the server must accept. */
export async function uploaded(
  ctx: TestContext,
  user: TestUser,
  fileName: string,
  content: string | Buffer,
): Promise<LeadImportUpload> {
  const res = await uploadFile(ctx, user, fileName, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LeadImportUpload>();
}

export async function waitForImport(ctx: TestContext, user: TestUser, id: string): Promise<LeadImport> {
  for (let i = 0; i < 600; i++) {
    const res = await callAs(ctx, user, 'GET', `/api/v1/lead-imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const current = res.json<LeadImport>();
    if (current.status === 'completed' || current.status === 'failed') return current;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the import did not finish');
}

/** Uploads, starts with the suggested mapping (or the given one) and waits for the end. */
export async function importFile(
  ctx: TestContext,
  user: TestUser,
  fileName: string,
  content: string | Buffer,
  options: Partial<StartLeadImportBody> = {},
): Promise<{ upload: LeadImportUpload; result: LeadImport }> {
  const upload = await uploaded(ctx, user, fileName, content);
  const res = await callAs(ctx, user, 'POST', `/api/v1/lead-imports/${upload.import.id}/start`, {
    mapping: upload.suggestedMapping,
    ...options,
  });
  expect(res.statusCode, res.body).toBe(202);
  const result = await waitForImport(ctx, user, upload.import.id);
  expect(result.status, result.error ?? '').toBe('completed');
  return { upload, result };
}

/** The four counts always add up to the data rows of the file. */
export function expectCountsAddUp(result: LeadImport, dataRows: number): void {
  const { created, updated, skipped, rejected } = result.counts;
  expect(created + updated + skipped + rejected).toBe(dataRows);
  expect(result.totalRows).toBe(dataRows);
}

export async function findLeads(ctx: TestContext, user: TestUser, q: string): Promise<Lead[]> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads?q=${encodeURIComponent(q)}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LeadPage>().items;
}

export async function errorReport(ctx: TestContext, user: TestUser, id: string): Promise<string[][]> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/lead-imports/${id}/error-report`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body.startsWith('\uFEFF')).toBe(true);
  const { parse } = await import('csv-parse/sync');
  return parse(res.body.slice(1), { relax_column_count: true }) as string[][];
}

/** An .xlsx built with exceljs, as Excel would save it. */
export async function xlsxFile(rows: ExcelJS.CellValue[][], configure?: (sheet: ExcelJS.Worksheet) => void) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('线索');
  for (const row of rows) sheet.addRow(row);
  configure?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
