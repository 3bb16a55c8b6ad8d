import type { CompanyDetail, EnrichmentOutcome } from '@kindling/contracts/companies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  callAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createCompanyAs, errorOf, getCompanyAs } from './test-helpers';

/** Registry enrichment through the built-in sandbox provider (the default ENRICHMENT_PROVIDER). */

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Enrichment');
});
afterAll(() => ctx.close());

const enrich = (id: string, body: Record<string, unknown> = {}, user = owner) =>
  callAs(ctx, user, 'POST', `/api/v1/companies/${id}/enrich`, body);

describe('enrichment (sandbox provider)', () => {
  it('fills the empty registry fields, keeps the ones the company has, and says what changed', async () => {
    const company = await createCompanyAs(ctx, owner, {
      name: '云启',
      domain: 'https://www.yunqi-tech.cn',
      industry: '企业软件',
    });
    const res = await enrich(company.id);
    expect(res.statusCode, res.body).toBe(200);
    const outcome = res.json<EnrichmentOutcome>();
    expect(outcome.provider).toEqual({ id: 'sandbox', displayName: 'Sandbox (demo data)' });
    expect(outcome.changes).toEqual({
      legalName: { from: null, to: '上海云启信息科技有限公司' },
      registrationId: { from: null, to: '91310115MA1HSBX001' },
      address: { from: null, to: '上海市浦东新区张江高科技园区碧波路 690 号 3 幢' },
      size: { from: null, to: '201-500' },
      region: { from: null, to: '上海' },
    });
    expect(outcome.company).toMatchObject({
      name: '云启',
      industry: '企业软件',
      legalName: '上海云启信息科技有限公司',
      enrichmentProvider: 'sandbox',
    });
    expect(outcome.company.enrichedAt).not.toBeNull();
    expect(await getCompanyAs(ctx, owner, company.id)).toEqual(outcome.company);

    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=companies.enriched')).json();
    expect(audit.items[0]).toMatchObject({
      targetId: company.id,
      actor: { id: owner.userId },
      details: { provider: 'sandbox', overwrite: false, changes: { size: { from: null, to: '201-500' } } },
    });
  });

  it('overwrites values only when asked, and finds companies by exact name too', async () => {
    const company = await createCompanyAs(ctx, owner, {
      name: ' northwind analytics ',
      industry: 'Old',
      region: 'Mars',
    });
    const kept = (await enrich(company.id)).json<EnrichmentOutcome>();
    expect(Object.keys(kept.changes).sort()).toEqual(['address', 'legalName', 'registrationId', 'size']);
    expect(kept.company).toMatchObject({ industry: 'Old', region: 'Mars', legalName: 'Northwind Analytics, Inc.' });

    const replaced = await enrich(company.id, { overwrite: true });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json<EnrichmentOutcome>().changes).toEqual({
      industry: { from: 'Old', to: 'Software & analytics' },
      region: { from: 'Mars', to: 'United States' },
    });
  });

  it('answers 404 with a clear message when the registry has no such company, and changes nothing', async () => {
    const company = await createCompanyAs(ctx, owner, { name: '不存在的公司', domain: 'nowhere.example' });
    const res = await enrich(company.id);
    expect(res.statusCode).toBe(404);
    expect(errorOf(res)).toMatchObject({
      code: 'not_found',
      message: 'Sandbox (demo data) has no registry data for this company',
      details: [{ path: 'enrichment' }],
    });
    expect(await getCompanyAs(ctx, owner, company.id)).toMatchObject({ enrichedAt: null, legalName: null });
  });

  it('refuses bad input and readers', async () => {
    const company = await createCompanyAs(ctx, owner, { name: 'Lumen Health' });
    expect((await enrich(company.id, { overwrite: 'yes' })).statusCode).toBe(400);
    const viewer = await addMember(ctx, owner.workspaceId, 'viewer');
    expect((await enrich(company.id, {}, viewer)).statusCode).toBe(403);
    const after = (await callAs(ctx, owner, 'GET', `/api/v1/companies/${company.id}`)).json<CompanyDetail>();
    expect(after.enrichedAt).toBeNull();
  });
});
