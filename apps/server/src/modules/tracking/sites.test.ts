import type { TrackingSite, TrackingSnippet } from '@kindling/contracts/tracking';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  callAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createSiteAs } from './test-fixtures';
import { findIngestSite } from './site-cache';

let ctx: TestContext;
let owner: TestUser;
let marketer: TestUser;
let viewer: TestUser;
let sales: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Site keepers');
  marketer = await addMember(ctx, owner.workspaceId, 'marketer');
  viewer = await addMember(ctx, owner.workspaceId, 'viewer');
  sales = await addMember(ctx, owner.workspaceId, 'sales');
  stranger = await createOwner(ctx, 'Somebody else');
});
afterAll(() => ctx.close());

const listSites = async (user: TestUser, archived = false) =>
  (await callAs(ctx, user, 'GET', `/api/v1/tracking/sites?archived=${archived}`)).json<{ items: TrackingSite[] }>()
    .items;

describe('tracked sites', () => {
  it('adds a site with a random key, tidied domains and privacy defaults, and records who did it', async () => {
    const res = await callAs(ctx, marketer, 'POST', '/api/v1/tracking/sites', {
      name: '官网',
      domains: ['Example.COM', '*.example.com', 'example.com', 'localhost:5173'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const site = res.json<TrackingSite>();
    expect(site).toMatchObject({
      name: '官网',
      kind: 'web',
      domains: ['example.com', '*.example.com', 'localhost:5173'],
      respectDnt: true,
      consentRequired: false,
      truncateIp: false,
      firstEventAt: null,
      archivedAt: null,
    });
    expect(site.siteKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(site.siteKey).not.toContain(site.id);
    const other = await createSiteAs(ctx, marketer, { name: 'Second' });
    expect(other.siteKey).not.toBe(site.siteKey);

    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=tracking.site_created')).json();
    expect(audit.items.map((e: { targetId: string }) => e.targetId)).toContain(site.id);
    // Newest first.
    const names = (await listSites(viewer)).map((s) => s.name);
    expect(names.indexOf('Second')).toBeLessThan(names.indexOf('官网'));
  });

  it('refuses hosts that are not hosts, and stores nothing', async () => {
    for (const domain of ['https://example.com', 'exa mple.com', 'example.com/path', '*.*.example.com', '']) {
      const res = await callAs(ctx, owner, 'POST', '/api/v1/tracking/sites', { name: 'Bad', domains: [domain] });
      expect(res.statusCode, domain).toBe(400);
      expect(res.json().error.details[0].path).toBe('body.domains.0');
    }
    const missingName = await callAs(ctx, owner, 'POST', '/api/v1/tracking/sites', { domains: [] });
    expect(missingName.statusCode).toBe(400);
    expect(missingName.json().error.details[0].path).toBe('body.name');
    const unknownField = await callAs(ctx, owner, 'POST', '/api/v1/tracking/sites', { name: 'X', siteKey: 'mine' });
    expect(unknownField.statusCode).toBe(400);
    expect((await listSites(owner)).map((s) => s.name)).not.toContain('Bad');
  });

  it('lets viewers look but not change, keeps sales out, and hides other workspaces’ sites', async () => {
    const site = await createSiteAs(ctx, owner, { name: 'Guarded' });
    expect((await callAs(ctx, viewer, 'GET', `/api/v1/tracking/sites/${site.id}`)).statusCode).toBe(200);
    expect((await callAs(ctx, viewer, 'GET', `/api/v1/tracking/sites/${site.id}/snippet`)).statusCode).toBe(200);
    expect((await callAs(ctx, viewer, 'POST', '/api/v1/tracking/sites', { name: 'Nope' })).statusCode).toBe(403);
    expect(
      (await callAs(ctx, viewer, 'PATCH', `/api/v1/tracking/sites/${site.id}`, { name: 'Renamed' })).statusCode,
    ).toBe(403);
    expect((await callAs(ctx, viewer, 'POST', `/api/v1/tracking/sites/${site.id}/archive`)).statusCode).toBe(403);
    expect((await callAs(ctx, sales, 'GET', '/api/v1/tracking/sites')).statusCode).toBe(403);
    expect(
      (await callAs(ctx, sales, 'GET', `/api/v1/tracking/sites/${site.id}/analytics?from=2025-01-01&to=2025-01-02`))
        .statusCode,
    ).toBe(403);

    for (const [method, url, body] of [
      ['GET', `/api/v1/tracking/sites/${site.id}`, undefined],
      ['PATCH', `/api/v1/tracking/sites/${site.id}`, { name: 'Stolen' }],
      ['POST', `/api/v1/tracking/sites/${site.id}/archive`, undefined],
      ['GET', `/api/v1/tracking/sites/${site.id}/snippet`, undefined],
      ['GET', `/api/v1/tracking/sites/${site.id}/live`, undefined],
      ['GET', `/api/v1/tracking/sites/${site.id}/analytics?from=2025-01-01&to=2025-01-02`, undefined],
    ] as const) {
      const res = await callAs(ctx, stranger, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await listSites(stranger)).toEqual([]);
    expect((await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${site.id}`)).json().name).toBe('Guarded');
  });

  it('changes domains and settings, and the ingest sees the change at once', async () => {
    const site = await createSiteAs(ctx, owner, { name: 'Shop', domains: ['shop.example'] });
    expect((await findIngestSite(ctx.database, site.siteKey))?.domains).toEqual(['shop.example']);
    const res = await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/sites/${site.id}`, {
      domains: ['shop.example', 'm.shop.example'],
      consentRequired: true,
      truncateIp: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Shop',
      domains: ['shop.example', 'm.shop.example'],
      consentRequired: true,
    });
    expect(await findIngestSite(ctx.database, site.siteKey)).toMatchObject({
      domains: ['shop.example', 'm.shop.example'],
      consentRequired: true,
      truncateIp: true,
    });
    const empty = await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/sites/${site.id}`, {});
    expect(empty.statusCode).toBe(400);
    const bad = await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/sites/${site.id}`, { domains: ['bad host'] });
    expect(bad.statusCode).toBe(400);
    expect((await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${site.id}`)).json().domains).toEqual([
      'shop.example',
      'm.shop.example',
    ]);
  });

  it('archives a site (the ingest stops accepting it) and restores it', async () => {
    const site = await createSiteAs(ctx, owner, { name: 'Old campaign site' });
    expect(await findIngestSite(ctx.database, site.siteKey)).not.toBeNull();
    const archived = await callAs(ctx, marketer, 'POST', `/api/v1/tracking/sites/${site.id}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();
    expect(await findIngestSite(ctx.database, site.siteKey)).toBeNull();
    expect((await listSites(owner)).map((s) => s.id)).not.toContain(site.id);
    expect((await listSites(owner, true)).map((s) => s.id)).toContain(site.id);
    // Archiving again changes nothing.
    const again = await callAs(ctx, marketer, 'POST', `/api/v1/tracking/sites/${site.id}/archive`);
    expect(again.json().archivedAt).toBe(archived.json().archivedAt);

    const restored = await callAs(ctx, marketer, 'POST', `/api/v1/tracking/sites/${site.id}/restore`);
    expect(restored.json().archivedAt).toBeNull();
    expect((await findIngestSite(ctx.database, site.siteKey))?.id).toBe(site.id);
    const audit = (await callAs(ctx, owner, 'GET', '/api/v1/audit?action=tracking.site_archived')).json();
    expect(audit.items).toHaveLength(1);
  });

  it('documents every tracking route in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tracking/sites',
        '/api/v1/tracking/sites/export',
        '/api/v1/tracking/sites/{id}',
        '/api/v1/tracking/sites/{id}/archive',
        '/api/v1/tracking/sites/{id}/restore',
        '/api/v1/tracking/sites/{id}/snippet',
        '/api/v1/tracking/sites/{id}/live',
        '/api/v1/tracking/sites/{id}/analytics',
        '/api/v1/tracking/sites/{id}/analytics/export',
        '/api/v1/tracking/event-definitions',
        '/api/v1/tracking/event-definitions/export',
        '/api/v1/tracking/event-definitions/{id}',
        '/api/v1/tracking/event-definitions/{id}/archive',
        '/api/v1/tracking/event-definitions/{id}/restore',
      ]),
    );
    expect(doc.paths['/api/v1/tracking/sites'].post.requestBody.content['application/json'].schema.required).toContain(
      'name',
    );
  });

  it('gives the snippet with the site key and the script URL of this server', async () => {
    const site = await createSiteAs(ctx, owner, { name: 'Snippet site' });
    const res = await callAs(ctx, owner, 'GET', `/api/v1/tracking/sites/${site.id}/snippet`);
    expect(res.statusCode).toBe(200);
    const snippet = res.json<TrackingSnippet>();
    expect(snippet.scriptUrl).toBe('http://kindling.test/t/k.js');
    expect(snippet.html).toContain('"http://kindling.test/t/k.js"');
    expect(snippet.html).toContain(`"${site.siteKey}"`);
    expect(snippet.html).toMatch(/^<!-- Kindling tracking -->\n<script>[\s\S]*<\/script>$/);
    expect(snippet.miniProgram).toContain(`siteKey: "${site.siteKey}"`);
    expect(snippet.miniProgram).toContain('endpoint: "http://kindling.test"');
  });

  it('exports the sites, archived ones too, with headers in the user’s language', async () => {
    const fresh = await createOwner(ctx, 'Exporters');
    await createSiteAs(ctx, fresh, { name: '=HYPERLINK("http://evil.example")', domains: ['a.example'] });
    const closed = await createSiteAs(ctx, fresh, { name: '小程序', kind: 'miniprogram' });
    await callAs(ctx, fresh, 'POST', `/api/v1/tracking/sites/${closed.id}/archive`);

    const csv = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/tracking/sites/export?format=csv',
      headers: { cookie: fresh.cookie, 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="tracking-sites.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      '名称,类型,站点密钥,允许的域名,遵守“请勿追踪”,需要用户同意,截断 IP,首个事件,最近事件,归档时间,创建时间',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^小程序,小程序,[\w-]{22},,是,否,否,,,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil.example""\)",网站,[\w-]{22},a\.example,是,否,否,,,,/);

    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/tracking/sites/export?format=xlsx',
      headers: { cookie: fresh.cookie, 'accept-language': 'en-US' },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="tracking-sites.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tracked sites');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Name',
      'Kind',
      'Site key',
      'Allowed domains',
      'Honour Do-Not-Track',
      'Consent required',
      'Truncate IP',
      'First event',
      'Last event',
      'Archived at',
      'Created at',
    ]);
    expect(sheet?.getRow(2).getCell(2).value).toBe('Mini-program');
    expect(sheet?.getRow(2).getCell(10).value).toBeInstanceOf(Date);
    expect(sheet?.rowCount).toBe(3);

    expect((await callAs(ctx, fresh, 'GET', '/api/v1/tracking/sites/export?format=pdf')).statusCode).toBe(400);
  });
});
