import type { Task } from '@kindling/contracts/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { waitForTask } from '../../testing/wait-for-task';
import { createCompanyAs } from './test-helpers';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  owner = await createOwner(ctx, 'Company exporters');
  const group = await createCompanyAs(ctx, owner, {
    name: '远航物流集团',
    domain: 'yuanhang.example',
    size: '5001-10000',
  });
  const division = await createCompanyAs(ctx, owner, {
    name: '远航华南分公司',
    industry: '物流',
    region: '广东',
    parentId: group.id,
  });
  await createCompanyAs(ctx, owner, { name: '=HYPERLINK("http://evil.example","click")', industry: '物流' });
  await createCompanyAs(ctx, owner, { name: 'Skip me', industry: 'Retail' });
  await createLeadAs(ctx, owner, { name: '李娜', companyId: division.id });
});
afterAll(() => ctx.close());

describe('exporting companies', () => {
  it('runs as a task with progress and produces a CSV of the filtered list, formulas neutralised, audited', async () => {
    const res = await callAs(ctx, owner, 'POST', '/api/v1/companies/export', { industry: '物流' });
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json<Task>();
    expect(queued).toMatchObject({ kind: 'companies.export', status: 'queued', hasFile: false });

    const done = await waitForTask(ctx, owner, queued.id);
    expect(done).toMatchObject({ status: 'succeeded', progressDone: 2, progressTotal: 2, result: { rows: 2 } });
    const file = await callAs(ctx, owner, 'GET', `/api/v1/tasks/${queued.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="companies-\d+\.csv"$/);
    const lines = file.body.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'ID,Name,Domain,Industry,Size,Region,Parent company,Legal name,Registration ID,Address,Leads,Created at',
    );
    expect(lines).toHaveLength(3);
    expect(file.body).toMatch(/,远航华南分公司,,物流,,广东,远航物流集团,,,,1,/);
    expect(file.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(file.body).not.toContain('Skip me');

    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=companies.exported')).json();
    expect(audit.items[0]).toMatchObject({ targetId: queued.id, details: { filters: { industry: '物流' } } });
  });

  it('refuses unknown filters', async () => {
    const res = await callAs(ctx, owner, 'POST', '/api/v1/companies/export', { size: 'huge', secret: 1 });
    expect(res.statusCode).toBe(400);
  });
});
