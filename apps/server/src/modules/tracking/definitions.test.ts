import { zonedToday } from '@kindling/contracts/filter-plan';
import type { EventDefinition, EventDefinitionList, TrackingSite } from '@kindling/contracts/tracking';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  callAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';
import { createSiteAs, insertEvents } from './test-fixtures';
import { trackingEventDefinitions } from './schema';
import { findIngestSite } from './site-cache';

let ctx: TestContext;
let owner: TestUser;
let viewer: TestUser;
let site: TrackingSite;
let otherSite: TrackingSite;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Definers');
  viewer = await addMember(ctx, owner.workspaceId, 'viewer');
  site = await createSiteAs(ctx, owner, { name: 'Main site' });
  otherSite = await createSiteAs(ctx, owner, { name: 'Docs site' });
});
afterAll(() => ctx.close());

async function define(body: Record<string, unknown>, user = owner): Promise<EventDefinition> {
  const res = await callAs(ctx, user, 'POST', '/api/v1/tracking/event-definitions', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<EventDefinition>();
}

const definitionCount = async () =>
  (
    await ctx.database.db
      .select({ n: count() })
      .from(trackingEventDefinitions)
      .where(eq(trackingEventDefinitions.workspaceId, owner.workspaceId))
  )[0]?.n;

describe('event definitions', () => {
  it('defines a custom event with a property schema; a second live one with the same name is a 409', async () => {
    const created = await define({
      kind: 'custom',
      name: 'download_whitepaper',
      label: '下载白皮书',
      properties: [{ key: 'asset', label: '资料', type: 'string', required: true }],
    });
    expect(created).toMatchObject({
      kind: 'custom',
      siteId: null,
      name: 'download_whitepaper',
      selector: null,
      urlPattern: null,
      properties: [{ key: 'asset', label: '资料', type: 'string', required: true }],
      archivedAt: null,
    });
    const before = await definitionCount();
    const duplicate = await callAs(ctx, owner, 'POST', '/api/v1/tracking/event-definitions', {
      kind: 'custom',
      name: 'download_whitepaper',
      label: 'Again',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({
      code: 'conflict',
      message: 'An event definition with this name already exists',
      details: [{ path: 'body.name' }],
    });
    expect(await definitionCount()).toBe(before);

    // Archived, the name is free again; the archived one cannot come back while the new one lives.
    const archived = await callAs(ctx, owner, 'POST', `/api/v1/tracking/event-definitions/${created.id}/archive`);
    expect(archived.json().archivedAt).not.toBeNull();
    const replacement = await define({ kind: 'custom', name: 'download_whitepaper', label: '新版' });
    const restore = await callAs(ctx, owner, 'POST', `/api/v1/tracking/event-definitions/${created.id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(restore.json().error.message).toMatch(/download_whitepaper/);
    await callAs(ctx, owner, 'POST', `/api/v1/tracking/event-definitions/${replacement.id}/archive`);
    const restored = await callAs(ctx, owner, 'POST', `/api/v1/tracking/event-definitions/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().archivedAt).toBeNull();
  });

  it('refuses reserved and malformed names, missing or misplaced selectors and patterns; stores nothing', async () => {
    const before = await definitionCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'custom', name: 'page_view', label: 'x' }, 'body.name'],
      [{ kind: 'custom', name: 'identify', label: 'x' }, 'body.name'],
      [{ kind: 'custom', name: 'Download PDF', label: 'x' }, 'body.name'],
      [{ kind: 'custom', name: 'ok_name', label: '' }, 'body.label'],
      [{ kind: 'click', name: 'cta', label: 'CTA' }, 'body.selector'],
      [{ kind: 'page_view', name: 'pricing', label: 'Pricing' }, 'body.urlPattern'],
      [{ kind: 'page_view', name: 'pricing', label: 'Pricing', urlPattern: 'pricing' }, 'body.urlPattern'],
      [{ kind: 'custom', name: 'signup', label: 'Signup', selector: '#signup' }, 'body.selector'],
      [{ kind: 'click', name: 'cta', label: 'CTA', selector: '#cta', urlPattern: '/x' }, 'body.urlPattern'],
      [
        { kind: 'custom', name: 'x_y', label: 'x', properties: [{ key: 'bad key', type: 'string' }] },
        'body.properties.0.key',
      ],
      [{ kind: 'custom', name: 'x_z', label: 'x', secret: true }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await callAs(ctx, owner, 'POST', '/api/v1/tracking/event-definitions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        res.json().error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await definitionCount()).toBe(before);
  });

  it('ties a definition to a site of this workspace only (404 otherwise), and viewers only look', async () => {
    const stranger = await createOwner(ctx, 'Elsewhere');
    const foreign = await createSiteAs(ctx, stranger, { name: 'Foreign' });
    const res = await callAs(ctx, owner, 'POST', '/api/v1/tracking/event-definitions', {
      kind: 'custom',
      name: 'foreign_event',
      label: 'x',
      siteId: foreign.id,
    });
    expect(res.statusCode).toBe(404);
    const viewerTry = await callAs(ctx, viewer, 'POST', '/api/v1/tracking/event-definitions', {
      kind: 'custom',
      name: 'viewer_event',
      label: 'x',
    });
    expect(viewerTry.statusCode).toBe(403);
    expect((await callAs(ctx, viewer, 'GET', '/api/v1/tracking/event-definitions')).statusCode).toBe(200);
    const theirs = (await callAs(ctx, stranger, 'GET', '/api/v1/tracking/event-definitions')).json();
    expect(theirs.items).toEqual([]);
    const peek = await callAs(ctx, stranger, 'GET', `/api/v1/tracking/event-definitions?siteId=${site.id}`);
    expect(peek.statusCode).toBe(404);
  });

  it('serves click definitions to the site’s tracker at once, and stops when archived or moved', async () => {
    const click = await define({
      kind: 'click',
      name: 'book_demo',
      label: '预约演示按钮',
      selector: '#book-demo',
      siteId: site.id,
    });
    expect((await findIngestSite(ctx.database, site.siteKey))?.clicks).toContainEqual({
      name: 'book_demo',
      selector: '#book-demo',
    });
    expect((await findIngestSite(ctx.database, otherSite.siteKey))?.clicks).toEqual([]);

    const edited = await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/event-definitions/${click.id}`, {
      selector: '.book-demo',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await findIngestSite(ctx.database, site.siteKey))?.clicks).toContainEqual({
      name: 'book_demo',
      selector: '.book-demo',
    });
    await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/event-definitions/${click.id}`, { siteId: otherSite.id });
    expect((await findIngestSite(ctx.database, site.siteKey))?.clicks).toEqual([]);
    expect((await findIngestSite(ctx.database, otherSite.siteKey))?.clicks).toHaveLength(1);

    await callAs(ctx, owner, 'POST', `/api/v1/tracking/event-definitions/${click.id}/archive`);
    expect((await findIngestSite(ctx.database, otherSite.siteKey))?.clicks).toEqual([]);
    const wrongField = await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/event-definitions/${click.id}`, {
      urlPattern: '/x',
    });
    expect(wrongField.statusCode).toBe(400);
    const rename = await callAs(ctx, owner, 'PATCH', `/api/v1/tracking/event-definitions/${click.id}`, {
      name: 'renamed',
    });
    expect(rename.statusCode).toBe(400);
  });

  it('counts each definition’s events in the period and lists custom names seen without a definition', async () => {
    const fresh = await createOwner(ctx, 'Counters');
    const a = await createSiteAs(ctx, fresh, { name: 'A' });
    const b = await createSiteAs(ctx, fresh, { name: 'B' });
    const defs = {
      pricing: await define(
        { kind: 'page_view', name: 'pricing_page', label: '价格页', urlPattern: '/pricing' },
        fresh,
      ),
      blog: await define({ kind: 'page_view', name: 'blog_pages', label: '博客', urlPattern: '/blog/*' }, fresh),
      demo: await define({ kind: 'click', name: 'book_demo', label: '预约', selector: '#d', siteId: a.id }, fresh),
      paper: await define({ kind: 'custom', name: 'download_whitepaper', label: '白皮书' }, fresh),
      old: await define({ kind: 'custom', name: 'old_event', label: '旧' }, fresh),
    };
    await callAs(ctx, fresh, 'POST', `/api/v1/tracking/event-definitions/${defs.old.id}/archive`);
    const now = Date.now();
    const recent = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    const base = { visitorId: 'visitor-0001', sessionId: 'session-0001' };
    const pv = (path: string, at = recent(5)) => ({ ...base, name: 'page_view', path, occurredAt: at });
    await insertEvents(ctx, fresh.workspaceId, a.id, [
      pv('/pricing'),
      pv('/pricing'),
      pv('/pricing/enterprise'),
      pv('/blog/one'),
      pv('/blog/two'),
      pv('/blog'),
      pv('/blogger'),
      pv('/pricing', new Date(now - 40 * 86_400_000)),
      { ...base, name: 'page_leave', path: '/pricing', occurredAt: recent(4) },
      { ...base, name: 'book_demo', occurredAt: recent(3) },
      { ...base, name: 'download_whitepaper', occurredAt: recent(3) },
      { ...base, name: 'download_whitepaper', occurredAt: recent(2) },
      { ...base, name: 'old_event', occurredAt: recent(2) },
      { ...base, name: 'watch_video', occurredAt: recent(2) },
      { ...base, name: 'watch_video', occurredAt: recent(1) },
      { ...base, name: 'form_submit', occurredAt: recent(1) },
      { ...base, name: 'click', occurredAt: recent(1) },
    ]);
    await insertEvents(ctx, fresh.workspaceId, b.id, [
      pv('/pricing'),
      { ...base, name: 'book_demo', occurredAt: recent(3) },
      { ...base, name: 'download_whitepaper', occurredAt: recent(3) },
      { ...base, name: 'watch_video', occurredAt: recent(1) },
      { ...base, name: 'chat_opened', occurredAt: recent(1) },
    ]);

    const all = (await callAs(ctx, fresh, 'GET', '/api/v1/tracking/event-definitions')).json<EventDefinitionList>();
    const countOf = (list: EventDefinitionList) => Object.fromEntries(list.items.map((d) => [d.name, d.count]));
    expect(countOf(all)).toEqual({
      pricing_page: 3,
      blog_pages: 2,
      book_demo: 1,
      download_whitepaper: 3,
      old_event: 1,
    });
    // Live definitions first, the archived one last.
    expect(all.items.at(-1)?.name).toBe('old_event');
    expect(all.undefinedNames).toEqual([
      { name: 'watch_video', count: 3 },
      { name: 'chat_opened', count: 1 },
    ]);

    const onA = (
      await callAs(ctx, fresh, 'GET', `/api/v1/tracking/event-definitions?siteId=${a.id}`)
    ).json<EventDefinitionList>();
    expect(countOf(onA)).toMatchObject({ pricing_page: 2, download_whitepaper: 2, book_demo: 1 });
    expect(onA.undefinedNames).toEqual([{ name: 'watch_video', count: 2 }]);
    const onB = (
      await callAs(ctx, fresh, 'GET', `/api/v1/tracking/event-definitions?siteId=${b.id}`)
    ).json<EventDefinitionList>();
    // The click definition belongs to site A: it is not listed for B.
    expect(onB.items.map((d) => d.name)).not.toContain('book_demo');

    const longAgo = zonedToday(new Date(now - 40 * 86_400_000), 'Asia/Shanghai');
    const old = (
      await callAs(ctx, fresh, 'GET', `/api/v1/tracking/event-definitions?from=${longAgo}&to=${longAgo}`)
    ).json<EventDefinitionList>();
    expect(countOf(old)).toMatchObject({ pricing_page: 1, download_whitepaper: 0 });

    for (const query of [
      'from=2025-02-01&to=2025-01-01',
      'from=2020-01-01&to=2025-01-01',
      'from=yesterday',
      'siteId=1',
    ]) {
      const res = await callAs(ctx, fresh, 'GET', `/api/v1/tracking/event-definitions?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
  });

  it('exports the definitions with headers in the user’s language', async () => {
    const fresh = await createOwner(ctx, 'Definition exporters');
    const shop = await createSiteAs(ctx, fresh, { name: '商城' });
    await define({ kind: 'click', name: 'buy', label: '购买按钮', selector: '#buy', siteId: shop.id }, fresh);
    await define(
      {
        kind: 'custom',
        name: 'download',
        label: '下载',
        properties: [{ key: 'asset', type: 'string', required: true }],
      },
      fresh,
    );
    const zh = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/tracking/event-definitions/export',
      headers: { cookie: fresh.cookie, 'accept-language': 'zh-CN' },
    });
    expect(zh.statusCode, zh.body).toBe(200);
    expect(zh.headers['content-disposition']).toBe('attachment; filename="tracking-event-definitions.csv"');
    const lines = zh.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('事件名,显示名称,类型,站点,元素选择器,页面路径,属性,归档时间,创建时间');
    expect(lines[1]).toMatch(/^download,下载,自定义事件,全部站点,,,asset:string\*,,\d{4}-/);
    expect(lines[2]).toMatch(/^buy,购买按钮,点击,商城,#buy,,,,\d{4}-/);
    const en = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/tracking/event-definitions/export?format=csv',
      headers: { cookie: fresh.cookie, 'accept-language': 'en' },
    });
    expect(en.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'Event name,Label,Kind,Site,Selector,URL pattern,Properties,Archived at,Created at',
    );
    expect(en.body).toContain('download,下载,Custom event,All sites,');
  });
});
