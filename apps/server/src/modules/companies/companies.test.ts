import type { ActivityPage } from '@kindling/contracts/activities';
import type { CompanyActivityPage, CompanyDetail, CompanyPage } from '@kindling/contracts/companies';
import type { FieldList } from '@kindling/contracts/fields';
import type { Lead, LeadPage } from '@kindling/contracts/leads';
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
import { createCompanyAs, errorOf, errorPaths, getCompanyAs } from './test-helpers';

let ctx: TestContext;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Companies');
  stranger = await createOwner(ctx, 'Strangers');
});
afterAll(() => ctx.close());

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, user = owner) =>
  callAs(ctx, user, method, url, payload);
const create = (body: Record<string, unknown>, user = owner) => createCompanyAs(ctx, user, body);
const list = async (query: string, user = owner) => {
  const res = await api('GET', `/api/v1/companies?${query}`, undefined, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CompanyPage>();
};

describe('companies: create, read, update', () => {
  it('stores a company with its domain normalised and shows it in the list and detail', async () => {
    const created = await create({
      name: ' 艾克米（中国）有限公司 ',
      domain: 'https://www.Acme-China.com/about',
      industry: '制造业',
      size: '201-500',
      region: '上海',
      legalName: '艾克米（中国）有限公司',
      registrationId: '91310000MA1FL0TEST',
      address: '上海市浦东新区',
    });
    expect(created).toMatchObject({
      name: '艾克米（中国）有限公司',
      domain: 'acme-china.com',
      industry: '制造业',
      size: '201-500',
      region: '上海',
      parentId: null,
      parent: null,
      children: [],
      leadCount: 0,
      attributes: {},
      enrichedAt: null,
      enrichmentProvider: null,
    });
    expect(await getCompanyAs(ctx, owner, created.id)).toEqual(created);

    const res = await api('PATCH', `/api/v1/companies/${created.id}`, { domain: 'WWW.ACME.CN', industry: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CompanyDetail>()).toMatchObject({ domain: 'acme.cn', industry: null, region: '上海' });

    expect((await list('q=acme.cn')).items.map((c) => c.id)).toEqual([created.id]);
    expect((await list('q=艾克米')).items.map((c) => c.id)).toEqual([created.id]);
  });

  it('refuses a domain another company of the workspace already has (409) and bad input (400); stores nothing', async () => {
    const w = await createOwner(ctx, 'Domains');
    const first = await create({ name: 'Globex', domain: 'globex.com' }, w);
    const clash = await api('POST', '/api/v1/companies', { name: 'Globex 2', domain: 'http://www.GLOBEX.com' }, w);
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).message).toBe('A company with this domain already exists');
    expect(errorPaths(clash)).toEqual(['body.domain']);

    const other = await create({ name: 'Globex 2', domain: 'globex.co' }, w);
    const patchClash = await api('PATCH', `/api/v1/companies/${other.id}`, { domain: 'globex.com' }, w);
    expect(patchClash.statusCode).toBe(409);
    expect(errorPaths(patchClash)).toEqual(['body.domain']);
    // Another workspace may have its own globex.com.
    await create({ name: 'Globex', domain: 'globex.com' }, stranger);

    const bad = await api(
      'POST',
      '/api/v1/companies',
      { name: ' ', domain: 'not a domain', size: 'huge', parentId: 'nope', extra: 1 },
      w,
    );
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad).sort()).toEqual(['body', 'body.domain', 'body.name', 'body.parentId', 'body.size']);
    expect((await list('', w)).items.map((c) => c.id).sort()).toEqual([first.id, other.id].sort());
    expect((await api('PATCH', `/api/v1/companies/${first.id}`, {}, w)).statusCode).toBe(400);
  });

  it('lists with search, filters, sorting by size band and lead count, and pagination', async () => {
    const w = await createOwner(ctx, 'Listing');
    const small = await create({ name: 'Small Co', size: '1-10', industry: 'SaaS' }, w);
    const mid = await create({ name: 'Mid Co', size: '11-50', industry: 'saas', domain: 'mid.example' }, w);
    const big = await create({ name: 'Big Co', size: '10000+', industry: 'Retail' }, w);
    const none = await create({ name: 'Unknown size', industry: 'Retail' }, w);
    for (const name of ['A', 'B']) await createLeadAs(ctx, w, { name, companyId: mid.id });
    await createLeadAs(ctx, w, { name: 'C', companyId: big.id });

    // Bands sort by head count ("11-50" after "1-10", "10000+" last); no size sorts last either way.
    expect((await list('sort=size&order=asc', w)).items.map((c) => c.id)).toEqual([small.id, mid.id, big.id, none.id]);
    expect((await list('sort=size&order=desc', w)).items.map((c) => c.id)).toEqual([big.id, mid.id, small.id, none.id]);
    const byLeads = await list('sort=leadCount&order=desc&pageSize=2', w);
    expect(byLeads.items.map((c) => [c.name, c.leadCount])).toEqual([
      ['Mid Co', 2],
      ['Big Co', 1],
    ]);
    expect(byLeads.total).toBe(4);
    expect((await list('sort=name&order=asc&pageSize=2&page=2', w)).items.map((c) => c.name)).toEqual([
      'Small Co',
      'Unknown size',
    ]);
    expect((await list('industry=SAAS&sort=name&order=asc', w)).items.map((c) => c.id)).toEqual([mid.id, small.id]);
    expect((await list('size=10000%2B', w)).items.map((c) => c.id)).toEqual([big.id]);
    expect((await list('q=mid.ex', w)).items.map((c) => c.id)).toEqual([mid.id]);
    const badQuery = await api('GET', '/api/v1/companies?sort=secret&size=huge', undefined, w);
    expect(badQuery.statusCode).toBe(400);
    expect(errorPaths(badQuery).sort()).toEqual(['querystring.size', 'querystring.sort']);
  });
});

describe('company hierarchy', () => {
  it('needs a parent of the same workspace and refuses cycles', async () => {
    const foreign = await create({ name: 'Foreign group' }, stranger);
    const res = await api('POST', '/api/v1/companies', { name: 'Division', parentId: foreign.id });
    expect(res.statusCode).toBe(400);
    expect(errorPaths(res)).toEqual(['body.parentId']);

    const group = await create({ name: '远航集团' });
    const division = await create({ name: '远航华南', parentId: group.id });
    const branch = await create({ name: '远航深圳', parentId: division.id });
    expect(division.parent).toEqual({ id: group.id, name: '远航集团' });
    expect((await getCompanyAs(ctx, owner, group.id)).children).toEqual([{ id: division.id, name: '远航华南' }]);

    for (const parentId of [branch.id, group.id]) {
      const cycle = await api('PATCH', `/api/v1/companies/${group.id}`, { parentId });
      expect(cycle.statusCode).toBe(400);
      expect(errorOf(cycle).message).toMatch(/would create a cycle/);
      expect(errorPaths(cycle)).toEqual(['body.parentId']);
    }
    expect((await getCompanyAs(ctx, owner, group.id)).parentId).toBeNull();
    // Moving a branch elsewhere in the tree is fine.
    const moved = await api('PATCH', `/api/v1/companies/${branch.id}`, { parentId: group.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await getCompanyAs(ctx, owner, group.id)).children.map((c) => c.name)).toEqual(['远航华南', '远航深圳']);
    expect((await list(`parentId=${group.id}&sort=name&order=asc`)).items.map((c) => c.id)).toEqual([
      division.id,
      branch.id,
    ]);
  });

  it('deleting a parent leaves its divisions top-level; deleting a company keeps its leads and their company name', async () => {
    const group = await create({ name: 'Initech Group' });
    const division = await create({ name: 'Initech Labs', parentId: group.id });
    const lead = await createLeadAs(ctx, owner, { name: 'Peter', companyName: 'Initech', companyId: group.id });
    expect(lead.company).toEqual({ id: group.id, name: 'Initech Group' });

    expect((await api('DELETE', `/api/v1/companies/${group.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/api/v1/companies/${group.id}`)).statusCode).toBe(404);
    expect(await getCompanyAs(ctx, owner, division.id)).toMatchObject({ parentId: null, parent: null });
    const after = (await api('GET', `/api/v1/leads/${lead.id}`)).json<Lead>();
    expect(after).toMatchObject({ companyName: 'Initech', companyId: null, company: null });
    const timeline = (await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>();
    expect(timeline.items[0]).toMatchObject({
      type: 'lead_updated',
      properties: { changes: { companyId: { from: { id: group.id, name: 'Initech Group' }, to: null } } },
    });
    const audit = (await api('GET', '/api/v1/audit?action=companies.deleted')).json();
    expect(audit.items[0]).toMatchObject({
      targetId: group.id,
      details: { name: 'Initech Group', unlinkedLeads: 1, detachedChildren: 1 },
    });
  });
});

describe('custom company fields', () => {
  it('are a catalogue of their own, and company attributes are validated on every write', async () => {
    const w = await createOwner(ctx, 'Company fields');
    const field = (body: Record<string, unknown>) => api('POST', '/api/v1/fields?entity=company', body, w);
    const label = (text: string) => ({ 'zh-CN': text, en: text });
    expect(
      (
        await field({
          key: 'tier',
          label: label('客户等级'),
          type: 'single_select',
          options: [
            { value: 'ka', label: label('KA') },
            { value: 'smb', label: label('SMB') },
          ],
          required: true,
        })
      ).statusCode,
    ).toBe(201);
    expect((await field({ key: 'revenue', label: label('年营收'), type: 'number' })).statusCode).toBe(201);
    expect((await field({ key: 'duns', label: label('DUNS'), type: 'text', unique: true })).statusCode).toBe(201);
    const builtIn = await field({ key: 'domain', label: label('域名'), type: 'text' });
    expect(builtIn.statusCode).toBe(409);
    // Lead fields are separate: the same key may exist there too, and neither catalogue lists the other's fields.
    expect(
      (await api('POST', '/api/v1/fields', { key: 'tier', label: label('等级'), type: 'text' }, w)).statusCode,
    ).toBe(201);
    const companyFields = (await api('GET', '/api/v1/fields?entity=company', undefined, w)).json<FieldList>().items;
    expect(companyFields.filter((f) => f.builtIn).map((f) => f.key)).toEqual([
      'name',
      'domain',
      'industry',
      'size',
      'region',
      'legalName',
      'registrationId',
      'address',
      'parent',
      'createdAt',
      'updatedAt',
    ]);
    expect(companyFields.find((f) => f.key === 'size')?.options.map((o) => o.value)).toContain('10000+');
    expect(companyFields.filter((f) => !f.builtIn).map((f) => [f.key, f.type])).toEqual([
      ['tier', 'single_select'],
      ['revenue', 'number'],
      ['duns', 'text'],
    ]);
    const leadFields = (await api('GET', '/api/v1/fields', undefined, w)).json<FieldList>().items;
    expect(leadFields.filter((f) => !f.builtIn).map((f) => [f.key, f.type])).toEqual([['tier', 'text']]);

    const bad = await api(
      'POST',
      '/api/v1/companies',
      { name: 'Bad', attributes: { tier: 'gold', revenue: 'lots', nope: 1 } },
      w,
    );
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad).sort()).toEqual(['body.attributes.nope', 'body.attributes.revenue', 'body.attributes.tier']);
    const missing = await api('POST', '/api/v1/companies', { name: 'No tier' }, w);
    expect(missing.statusCode).toBe(400);
    expect(errorPaths(missing)).toEqual(['body.attributes.tier']);
    expect((await list('', w)).total).toBe(0);

    const good = await create({ name: 'Good', attributes: { tier: 'ka', revenue: '1200000', duns: '15-048-3782' } }, w);
    expect(good.attributes).toEqual({ tier: 'ka', revenue: 1200000, duns: '15-048-3782' });
    const dup = await api(
      'POST',
      '/api/v1/companies',
      { name: 'Dup', attributes: { tier: 'smb', duns: '15-048-3782' } },
      w,
    );
    expect(dup.statusCode).toBe(409);
    expect(errorPaths(dup)).toEqual(['body.attributes.duns']);
    const patched = await api(
      'PATCH',
      `/api/v1/companies/${good.id}`,
      { attributes: { revenue: null, tier: 'smb' } },
      w,
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<CompanyDetail>().attributes).toEqual({ tier: 'smb', duns: '15-048-3782' });
    const cleared = await api('PATCH', `/api/v1/companies/${good.id}`, { attributes: { tier: null } }, w);
    expect(cleared.statusCode).toBe(400);
    expect(errorPaths(cleared)).toEqual(['body.attributes.tier']);
    // Its own unique value is not a clash with itself.
    expect(
      (await api('PATCH', `/api/v1/companies/${good.id}`, { attributes: { duns: '15-048-3782' } }, w)).statusCode,
    ).toBe(200);

    const audit = (await api('GET', '/api/v1/audit?action=fields.created', undefined, w)).json();
    expect(
      audit.items.find((e: { targetId: string; details: { entity: string } }) => e.targetId === 'revenue').details
        .entity,
    ).toBe('company');
  });
});

describe('editing custom company fields', () => {
  it('converts stored company values on a type change or refuses with a count; archive hides a field from writes', async () => {
    const w = await createOwner(ctx, 'Company field types');
    const url = (path = '') => `/api/v1/fields${path}?entity=company`;
    const label = { 'zh-CN': '员工数', en: 'Employees' };
    expect((await api('POST', url(), { key: 'employees', label, type: 'number' }, w)).statusCode).toBe(201);
    const company = await create({ name: 'Typed', attributes: { employees: 42 } }, w);

    const refused = await api('PATCH', url('/employees'), { type: 'boolean' }, w);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toBe('1 company has values that are not true/false values');
    const converted = await api('PATCH', url('/employees'), { type: 'text' }, w);
    expect(converted.statusCode, converted.body).toBe(200);
    expect((await getCompanyAs(ctx, w, company.id)).attributes).toEqual({ employees: '42' });
    // The lead catalogue has no such field: the same path without ?entity=company is a 404.
    expect((await api('PATCH', '/api/v1/fields/employees', { type: 'number' }, w)).statusCode).toBe(404);

    expect((await api('POST', url('/employees/archive'), {}, w)).statusCode).toBe(200);
    const archived = await api('PATCH', `/api/v1/companies/${company.id}`, { attributes: { employees: '43' } }, w);
    expect(archived.statusCode).toBe(400);
    expect(errorPaths(archived)).toEqual(['body.attributes.employees']);
  });
});

describe("a company's leads and their activity", () => {
  it('lists the live leads of the company and their recent activity, newest first, with a cursor', async () => {
    const company = await create({ name: 'Hooli', domain: 'hooli.example' });
    const gavin = await createLeadAs(ctx, owner, { name: 'Gavin', email: 'gavin@hooli.example' });
    const bighead = await createLeadAs(ctx, owner, { name: 'Big Head', companyId: company.id });
    const gone = await createLeadAs(ctx, owner, { name: 'Gone', companyId: company.id });
    await createLeadAs(ctx, owner, { name: 'Elsewhere' });
    expect((await api('DELETE', `/api/v1/leads/${gone.id}`)).statusCode).toBe(204);
    expect((await api('POST', `/api/v1/leads/${gavin.id}/notes`, { body: '约了下周演示' })).statusCode).toBe(201);

    const leads = (await api('GET', `/api/v1/companies/${company.id}/leads?sort=name&order=asc`)).json<LeadPage>();
    expect(leads.items.map((l) => l.name)).toEqual(['Big Head', 'Gavin']);
    expect(leads.items[0]?.company).toEqual({ id: company.id, name: 'Hooli' });
    expect((await getCompanyAs(ctx, owner, company.id)).leadCount).toBe(2);
    const pool = (await api('GET', `/api/v1/leads?companyId=${company.id}`)).json<LeadPage>();
    expect(pool.total).toBe(2);

    const first = (await api('GET', `/api/v1/companies/${company.id}/activities?limit=2`)).json<CompanyActivityPage>();
    expect(first.items.map((a) => [a.type, a.lead.name])).toEqual([
      ['note_added', 'Gavin'],
      ['lead_created', 'Big Head'],
    ]);
    expect(first.nextCursor).not.toBeNull();
    const rest = (
      await api('GET', `/api/v1/companies/${company.id}/activities?limit=10&before=${first.nextCursor}`)
    ).json<CompanyActivityPage>();
    expect(rest.items.map((a) => [a.type, a.lead.id])).toEqual([['lead_created', gavin.id]]);
    expect(rest.nextCursor).toBeNull();
    expect(bighead.companyId).toBe(company.id);
    expect((await api('GET', `/api/v1/companies/${company.id}/activities?before=garbage`)).statusCode).toBe(400);
  });
});

describe('permissions and tenant isolation', () => {
  it('viewers read but cannot write; sales cannot delete or export', async () => {
    const company = await create({ name: 'Permissions Inc' });
    const viewer = await addMember(ctx, owner.workspaceId, 'viewer');
    const sales = await addMember(ctx, owner.workspaceId, 'sales');
    expect((await api('GET', '/api/v1/companies', undefined, viewer)).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/companies/${company.id}`, undefined, viewer)).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', '/api/v1/companies', { name: 'Nope' }],
      ['PATCH', `/api/v1/companies/${company.id}`, { name: 'Renamed' }],
      ['DELETE', `/api/v1/companies/${company.id}`, undefined],
      ['POST', `/api/v1/companies/${company.id}/enrich`, {}],
      ['POST', '/api/v1/companies/export', {}],
    ] as const) {
      expect((await api(method, url, body, viewer)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(
      (
        await api(
          'POST',
          '/api/v1/fields?entity=company',
          { key: 'x_field', label: { 'zh-CN': 'x', en: 'x' }, type: 'text' },
          sales,
        )
      ).statusCode,
    ).toBe(403);
    const bySales = await create({ name: 'Sales made this' }, sales);
    expect((await api('DELETE', `/api/v1/companies/${bySales.id}`, undefined, sales)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/companies/export', {}, sales)).statusCode).toBe(403);
    expect((await getCompanyAs(ctx, owner, company.id)).name).toBe('Permissions Inc');
  });

  it("another workspace's company is not found, and cannot be linked to a lead", async () => {
    const theirs = await create({ name: 'Their company', domain: 'theirs.example' }, stranger);
    for (const [method, url, body] of [
      ['GET', `/api/v1/companies/${theirs.id}`, undefined],
      ['PATCH', `/api/v1/companies/${theirs.id}`, { name: 'Hacked' }],
      ['DELETE', `/api/v1/companies/${theirs.id}`, undefined],
      ['GET', `/api/v1/companies/${theirs.id}/leads`, undefined],
      ['GET', `/api/v1/companies/${theirs.id}/activities`, undefined],
      ['POST', `/api/v1/companies/${theirs.id}/enrich`, {}],
    ] as const) {
      expect((await api(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    const link = await api('POST', '/api/v1/leads', { name: 'Sneaky', companyId: theirs.id });
    expect(link.statusCode).toBe(400);
    expect(errorPaths(link)).toEqual(['body.companyId']);
    // Matching by domain never crosses workspaces either.
    const lead = await createLeadAs(ctx, owner, { name: 'Same domain', email: 'x@theirs.example' });
    expect(lead.companyId).toBeNull();
    expect((await getCompanyAs(ctx, stranger, theirs.id)).name).toBe('Their company');
  });
});
