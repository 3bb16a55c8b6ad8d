import type { ActivityPage } from '@kindling/contracts/activities';
import type { CompanyPage } from '@kindling/contracts/companies';
import type { Lead } from '@kindling/contracts/leads';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/db/tenant';
import {
  callAs,
  createLeadAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { leads } from '../leads/schema';
import { matchCompaniesForLeads, type CompanyMatchInput } from './matching';
import { companies } from './schema';
import { createCompanyAs, errorPaths } from './test-helpers';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Linking');
});
afterAll(() => ctx.close());

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, user = owner) =>
  callAs(ctx, user, method, url, payload);

const match = (user: TestUser, inputs: CompanyMatchInput[], createMissing: boolean) =>
  withTenant(ctx.database.db, user.workspaceId, (tx) =>
    matchCompaniesForLeads(tx, { workspaceId: user.workspaceId, userId: user.userId }, inputs, { createMissing }),
  );

const companyIdOf = async (leadId: string) => (await api('GET', `/api/v1/leads/${leadId}`)).json<Lead>().companyId;

describe("a lead's company", () => {
  it('must be a company of the workspace; the change is in the timeline and an empty company name takes its name', async () => {
    const acme = await createCompanyAs(ctx, owner, { name: 'Acme 中国' });
    const globex = await createCompanyAs(ctx, owner, { name: 'Globex' });
    const lead = await createLeadAs(ctx, owner, { name: '王芳', companyId: acme.id });
    expect(lead).toMatchObject({
      companyId: acme.id,
      company: { id: acme.id, name: 'Acme 中国' },
      companyName: 'Acme 中国',
    });

    const typed = await createLeadAs(ctx, owner, { name: 'Typed', companyName: 'ACME China Ltd', companyId: acme.id });
    expect(typed).toMatchObject({ companyName: 'ACME China Ltd', company: { name: 'Acme 中国' } });

    const bad = await api('PATCH', `/api/v1/leads/${lead.id}`, { companyId: '0190a000-0000-7000-8000-000000000000' });
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['body.companyId']);
    expect((await api('PATCH', `/api/v1/leads/${lead.id}`, { companyId: 'acme' })).statusCode).toBe(400);
    expect(await companyIdOf(lead.id)).toBe(acme.id);

    const moved = await api('PATCH', `/api/v1/leads/${lead.id}`, { companyId: globex.id, companyName: null });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<Lead>()).toMatchObject({ companyName: 'Globex', company: { id: globex.id, name: 'Globex' } });
    const unlinked = await api('PATCH', `/api/v1/leads/${lead.id}`, { companyId: null });
    expect(unlinked.json<Lead>()).toMatchObject({ companyName: 'Globex', companyId: null, company: null });

    const timeline = (await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>();
    expect(timeline.items.slice(0, 2).map((a) => a.properties)).toEqual([
      { changes: { companyId: { from: { id: globex.id, name: 'Globex' }, to: null } } },
      {
        changes: {
          companyName: { from: 'Acme 中国', to: 'Globex' },
          companyId: { from: { id: acme.id, name: 'Acme 中国' }, to: { id: globex.id, name: 'Globex' } },
        },
      },
    ]);
  });

  it('is found automatically when a lead is created with a work email or the exact company name (never created)', async () => {
    const w = await createOwner(ctx, 'Auto link');
    const acme = await createCompanyAs(ctx, w, { name: 'Acme Industrial', domain: 'acme-industrial.com' });
    const byDomain = await createLeadAs(ctx, w, { name: 'Domain', email: 'Sam@ACME-industrial.com' });
    expect(byDomain.company).toEqual({ id: acme.id, name: 'Acme Industrial' });
    const byName = await createLeadAs(ctx, w, { name: 'Name', companyName: '  acme INDUSTRIAL ' });
    expect(byName.companyId).toBe(acme.id);
    const freeMail = await createLeadAs(ctx, w, { name: 'Free', email: 'sam@qq.com', companyName: 'Someone Else' });
    expect(freeMail.companyId).toBeNull();
    const total = (await api('GET', '/api/v1/companies', undefined, w)).json<CompanyPage>().total;
    expect(total).toBe(1);
  });
});

describe('matchCompaniesForLeads', () => {
  it('links by email domain, else by name; ignores free mail; leaves linked leads alone; creates nothing unless asked', async () => {
    const w = await createOwner(ctx, 'Matching');
    const yunqi = await createCompanyAs(ctx, w, { name: '上海云启信息科技有限公司', domain: 'yunqi-tech.cn' });
    const bluepeak = await createCompanyAs(ctx, w, { name: 'Bluepeak Software' });
    const other = await createCompanyAs(ctx, w, { name: 'Other' });
    // Created without email or name, so the API does not link them; the importer would call the matcher like this.
    const [domainLead, nameLead, freeLead, linkedLead, nothingLead] = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) => createLeadAs(ctx, w, { name })),
    );
    await api('PATCH', `/api/v1/leads/${linkedLead!.id}`, { companyId: other.id }, w);

    const result = await match(
      w,
      [
        { leadId: domainLead!.id, companyName: 'Some other name', email: 'li@yunqi-tech.cn' },
        { leadId: nameLead!.id, companyName: ' BLUEPEAK software ', email: 'x@gmail.com' },
        { leadId: freeLead!.id, companyName: null, email: 'wang@163.com' },
        { leadId: linkedLead!.id, companyName: 'Bluepeak Software', email: null },
        { leadId: nothingLead!.id, companyName: 'Unknown Ltd', email: 'boss@unknown.example' },
      ],
      false,
    );
    expect(result.createdCompanies).toBe(0);
    expect(result.links.sort((a, b) => a.leadId.localeCompare(b.leadId))).toEqual(
      [
        { leadId: domainLead!.id, companyId: yunqi.id },
        { leadId: nameLead!.id, companyId: bluepeak.id },
      ].sort((a, b) => a.leadId.localeCompare(b.leadId)),
    );
    const ids = async (leadId: string) =>
      (await callAs(ctx, w, 'GET', `/api/v1/leads/${leadId}`)).json<Lead>().companyId;
    expect(await ids(freeLead!.id)).toBeNull();
    expect(await ids(linkedLead!.id)).toBe(other.id);
    expect(await ids(nothingLead!.id)).toBeNull();
    expect((await callAs(ctx, w, 'GET', '/api/v1/companies', undefined)).json<CompanyPage>().total).toBe(3);
  });

  it('with createMissing creates one company per name (ignoring case) with the work domain, in bulk, for thousands of leads', async () => {
    const w = await createOwner(ctx, 'Bulk matching');
    await createCompanyAs(ctx, w, { name: 'Existing Co', domain: 'existing.example' });
    // 2,500 leads straight into the table (as an import would have stored them): more than one matching chunk.
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      workspaceId: w.workspaceId,
      name: `Lead ${i}`,
      companyName:
        i % 5 === 0 ? 'Existing Co' : i % 5 === 1 ? `New Co ${i % 10}` : i % 5 === 2 ? `NEW CO ${(i % 10) - 1}` : null,
      email: i % 5 === 1 ? `p${i}@newco${i % 10}.example` : i % 5 === 3 ? `p${i}@qq.com` : null,
    }));
    const inserted = await ctx.database.db.insert(leads).values(rows).returning({ id: leads.id });
    const inputs = inserted.map(({ id }, i) => ({
      leadId: id,
      companyName: rows[i]!.companyName,
      email: rows[i]!.email,
    }));

    const result = await match(w, inputs, true);
    // "New Co 1" and "NEW CO 1" are one company (names ignore case), named as first seen, with the work domain.
    expect(result.createdCompanies).toBe(2);
    const page = (await callAs(ctx, w, 'GET', '/api/v1/companies?sort=name&order=asc')).json<CompanyPage>();
    expect(page.items.map((c) => [c.name, c.domain, c.leadCount])).toEqual([
      ['Existing Co', 'existing.example', 500],
      ['New Co 1', 'newco1.example', 500],
      ['New Co 6', 'newco6.example', 500],
    ]);
    expect(result.links).toHaveLength(1500);
    const [linked] = await withTenant(ctx.database.db, w.workspaceId, (tx) =>
      tx
        .select({ n: count() })
        .from(leads)
        .where(and(eq(leads.workspaceId, w.workspaceId), isNotNull(leads.companyId))),
    );
    expect(linked?.n).toBe(1500);
    // Free-mail addresses never become companies.
    const [freeMail] = await withTenant(ctx.database.db, w.workspaceId, (tx) =>
      tx.select({ n: count() }).from(companies).where(eq(companies.domain, 'qq.com')),
    );
    expect(freeMail?.n).toBe(0);
    // Running it again changes nothing: the leads are linked and the companies exist.
    expect(await match(w, inputs, true)).toEqual({ links: [], createdCompanies: 0 });
  });
});
