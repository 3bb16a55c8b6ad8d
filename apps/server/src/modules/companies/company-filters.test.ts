import type { LeadPage } from '@kindling/contracts/leads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createCompanyAs, errorOf } from './test-helpers';

/** Lead filters on the lead's company, through the lead search API (PRODUCT 2.4 × the one filter language). */

let ctx: TestContext;
let owner: TestUser;

const field = (name: string, operator: string, value?: unknown) => ({ kind: 'field', field: name, operator, value });
const all = (...children: unknown[]) => ({ kind: 'group', op: 'and', children });

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Company filters');
  const label = (text: string) => ({ 'zh-CN': text, en: text });
  const res = await callAs(ctx, owner, 'POST', '/api/v1/fields?entity=company', {
    key: 'tier',
    label: label('客户等级'),
    type: 'single_select',
    options: [
      { value: 'ka', label: label('KA') },
      { value: 'smb', label: label('SMB') },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const acme = await createCompanyAs(ctx, owner, {
    name: 'Acme',
    domain: 'acme.example',
    industry: 'Manufacturing',
    size: '201-500',
    attributes: { tier: 'ka' },
  });
  const globex = await createCompanyAs(ctx, owner, { name: 'Globex', size: '11-50', attributes: { tier: 'smb' } });
  const initech = await createCompanyAs(ctx, owner, { name: 'Initech', region: '上海' });
  await createLeadAs(ctx, owner, { name: 'Ann', companyId: acme.id });
  await createLeadAs(ctx, owner, { name: 'Bob', companyId: globex.id });
  await createLeadAs(ctx, owner, { name: 'Cleo', companyName: 'Freelance' });
  await createLeadAs(ctx, owner, { name: 'Dan', companyId: initech.id });
  // Another workspace with a look-alike company and lead: never visible.
  const other = await createOwner(ctx, 'Look-alike');
  const theirs = await createCompanyAs(ctx, other, { name: 'Acme', attributes: {} });
  await createLeadAs(ctx, other, { name: 'Ann (other)', companyId: theirs.id });
});
afterAll(() => ctx.close());

async function names(filter: unknown): Promise<string[]> {
  const res = await callAs(ctx, owner, 'POST', '/api/v1/leads/search', { filter, sort: 'name', order: 'asc' });
  expect(res.statusCode, res.body).toBe(200);
  const count = await callAs(ctx, owner, 'POST', '/api/v1/leads/count', { filter });
  expect(count.json<{ count: number }>().count).toBe(res.json<LeadPage>().total);
  return res.json<LeadPage>().items.map((lead) => lead.name);
}

describe('lead filters on company fields', () => {
  it('equals ignores letter case; not_equals also matches leads without a company', async () => {
    expect(await names(all(field('company.name', 'equals', 'ACME')))).toEqual(['Ann']);
    expect(await names(all(field('company.name', 'not_equals', 'acme')))).toEqual(['Bob', 'Cleo', 'Dan']);
    expect(await names(all(field('company.domain', 'contains', 'ACME.')))).toEqual(['Ann']);
  });

  it('empty company values include leads without a company; select and custom fields work like lead fields', async () => {
    expect(await names(all(field('company.industry', 'is_empty')))).toEqual(['Bob', 'Cleo', 'Dan']);
    expect(await names(all(field('company.region', 'is_not_empty')))).toEqual(['Dan']);
    expect(await names(all(field('company.size', 'in_list', ['11-50', '201-500'])))).toEqual(['Ann', 'Bob']);
    expect(await names(all(field('company.tier', 'equals', 'ka')))).toEqual(['Ann']);
    expect(await names(all(field('company.tier', 'not_in_list', ['ka'])))).toEqual(['Bob', 'Cleo', 'Dan']);
    expect(
      await names({
        kind: 'group',
        op: 'or',
        children: [field('company.tier', 'equals', 'smb'), field('companyName', 'equals', 'freelance')],
      }),
    ).toEqual(['Bob', 'Cleo']);
  });

  it('refuses unknown company fields and values that do not fit, with the condition path', async () => {
    const res = await callAs(ctx, owner, 'POST', '/api/v1/leads/search', {
      filter: all(field('company.revenue', 'equals', 1), field('company.size', 'equals', 'huge')),
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { path: 'body.filter.children.0.field', message: 'Unknown field "company.revenue"' },
      { path: 'body.filter.children.1.value', message: 'Not one of the options' },
    ]);
  });
});
