import type { Lead, LeadPage } from '@kindling/contracts/leads';
import type { ActivityPage } from '@kindling/contracts/activities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx);
});
afterAll(() => ctx.close());

async function api(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  user: TestUser = owner,
) {
  return ctx.app.inject({
    method,
    url,
    headers: { cookie: user.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function createLead(body: Record<string, unknown>): Promise<Lead> {
  const res = await api('POST', '/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function countLeads(q?: string): Promise<number> {
  const res = await api('GET', `/api/v1/leads?pageSize=1${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  return res.json<LeadPage>().total;
}

describe('creating leads', () => {
  it('normalises email to lower case and phone to E.164 (default region CN)', async () => {
    const lead = await createLead({
      name: '  王伟 ',
      email: ' Wang.Wei@Example.COM ',
      phone: '138 0013 8000',
      companyName: '云启科技',
    });
    expect(lead).toMatchObject({
      name: '王伟',
      email: 'wang.wei@example.com',
      phone: '+8613800138000',
      companyName: '云启科技',
      source: 'manual',
    });
    const intl = await createLead({ name: 'Emily', phone: '+1 (415) 555-2671' });
    expect(intl.phone).toBe('+14155552671');
  });

  it('rejects invalid input with field paths and stores nothing', async () => {
    const before = await countLeads();
    const res = await api('POST', '/api/v1/leads', {
      name: '',
      email: 'not-an-email',
      phone: '12',
      source: 'carrier-pigeon',
      color: 'red',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; details: { path: string }[] } }>();
    expect(error.code).toBe('validation_failed');
    const paths = error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.phone', 'body.source', 'body']));
    expect(await countLeads()).toBe(before);
  });

  it('rejects wrong types, malformed JSON, non-JSON and oversized bodies with the error shape', async () => {
    const wrongType = await api('POST', '/api/v1/leads', { name: 42, email: ['a@b.c'] });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.email']),
    );

    const malformed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');

    const text = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/leads',
      headers: { cookie: owner.cookie, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');

    const huge = await api('POST', '/api/v1/leads', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    expect(huge.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('refuses a second lead with the same email (409) and keeps the first unchanged', async () => {
    const first = await createLead({ name: 'First', email: 'dup@example.com' });
    const res = await api('POST', '/api/v1/leads', { name: 'Second', email: 'DUP@example.com' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', details: [{ path: 'body.email' }] });
    expect(await countLeads('dup@example.com')).toBe(1);
    expect((await api('GET', `/api/v1/leads/${first.id}`)).json<Lead>().name).toBe('First');
  });

  it('stores SQL and HTML payloads as plain text', async () => {
    const payload = `Robert'); DROP TABLE leads;-- <script>alert(1)</script>`;
    const lead = await createLead({ name: payload, companyName: '<img src=x onerror=alert(1)>' });
    const fetched = (await api('GET', `/api/v1/leads/${lead.id}`)).json<Lead>();
    expect(fetched.name).toBe(payload);
    expect(fetched.companyName).toBe('<img src=x onerror=alert(1)>');
    expect(await countLeads()).toBeGreaterThan(0); // the table is still there
  });
});

describe('editing, timeline and recycle bin', () => {
  it('records creation and each edit with from → to in the timeline', async () => {
    const lead = await createLead({ name: 'Li Na', email: 'li.na@example.com' });
    const patched = await api('PATCH', `/api/v1/leads/${lead.id}`, { jobTitle: 'CMO', email: 'lina@example.com' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Lead>()).toMatchObject({ jobTitle: 'CMO', email: 'lina@example.com' });
    const timeline = (await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>();
    expect(timeline.items.map((a) => a.type)).toEqual(['lead_updated', 'lead_created']);
    expect(timeline.items[0]?.properties).toEqual({
      changes: { jobTitle: { from: null, to: 'CMO' }, email: { from: 'li.na@example.com', to: 'lina@example.com' } },
    });
    expect(timeline.items[0]?.actor?.id).toBe(owner.userId);
  });

  it('an empty PATCH is a 400 and an unchanged PATCH records nothing', async () => {
    const lead = await createLead({ name: 'Same' });
    expect((await api('PATCH', `/api/v1/leads/${lead.id}`, {})).statusCode).toBe(400);
    expect((await api('PATCH', `/api/v1/leads/${lead.id}`, { name: 'Same' })).statusCode).toBe(200);
    const timeline = (await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>();
    expect(timeline.items).toHaveLength(1);
  });

  it('pages through a long timeline with a cursor, newest first, without gaps or repeats', async () => {
    const lead = await createLead({ name: 'Busy' });
    for (let i = 0; i < 7; i++) {
      expect((await api('POST', `/api/v1/leads/${lead.id}/notes`, { body: `note ${i}` })).statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ActivityPage = (
        await api('GET', `/api/v1/leads/${lead.id}/activities?limit=3${cursor ? `&before=${cursor}` : ''}`)
      ).json<ActivityPage>();
      seen.push(...page.items.map((a) => (a.type === 'note_added' ? String(a.properties.body) : a.type)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['note 6', 'note 5', 'note 4', 'note 3', 'note 2', 'note 1', 'note 0', 'lead_created']);
    expect((await api('GET', `/api/v1/leads/${lead.id}/activities?before=garbage`)).statusCode).toBe(400);
  });

  it('soft-deletes into the recycle bin and restores', async () => {
    const lead = await createLead({ name: 'Temporary', email: 'temp@example.com' });
    expect((await api('DELETE', `/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect(await countLeads('temp@example.com')).toBe(0);
    const bin = (await api('GET', '/api/v1/leads?view=deleted&q=temp@example.com')).json<LeadPage>();
    expect(bin.items.map((l) => l.id)).toEqual([lead.id]);
    expect(bin.items[0]?.deletedAt).not.toBeNull();

    // While it is in the bin its email is free; restoring then conflicts and keeps it in the bin.
    const other = await createLead({ name: 'Taker', email: 'temp@example.com' });
    expect((await api('POST', `/api/v1/leads/${lead.id}/restore`)).statusCode).toBe(409);
    expect((await api('DELETE', `/api/v1/leads/${other.id}`)).statusCode).toBe(204);
    const restored = await api('POST', `/api/v1/leads/${lead.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json<Lead>().deletedAt).toBeNull();
    const types = (await api('GET', `/api/v1/leads/${lead.id}/activities`))
      .json<ActivityPage>()
      .items.map((a) => a.type);
    expect(types).toEqual(['lead_restored', 'lead_deleted', 'lead_created']);
  });

  it('answers 404 with the error shape for unknown and malformed ids', async () => {
    const unknown = await api('GET', '/api/v1/leads/01900000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await api('GET', '/api/v1/leads/not-a-uuid')).statusCode).toBe(400);
    expect((await api('PATCH', '/api/v1/leads/01900000-0000-7000-8000-000000000000', { name: 'x' })).statusCode).toBe(
      404,
    );
  });
});

describe('listing', () => {
  let listOwner: TestUser;
  beforeAll(async () => {
    listOwner = await createOwner(ctx, 'Listing');
    for (let i = 0; i < 25; i++) {
      const res = await api(
        'POST',
        '/api/v1/leads',
        {
          name: `Lead ${String(i).padStart(2, '0')}`,
          companyName: i % 5 === 0 ? '100% Growth Ltd' : `Company ${i % 3}`,
          source: i % 2 ? 'event' : 'form',
        },
        listOwner,
      );
      expect(res.statusCode).toBe(201);
    }
  });

  it('paginates with a total and never repeats or skips a row', async () => {
    const ids = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const res = await api(
        'GET',
        `/api/v1/leads?page=${page}&pageSize=10&sort=companyName&order=asc`,
        undefined,
        listOwner,
      );
      const body = res.json<LeadPage>();
      expect(body.total).toBe(25);
      expect(body.items).toHaveLength(page < 3 ? 10 : 5);
      for (const l of body.items) ids.add(l.id);
    }
    expect(ids.size).toBe(25);
  });

  it('sorts by name both ways and filters by source', async () => {
    const asc = (
      await api('GET', '/api/v1/leads?sort=name&order=asc&pageSize=3', undefined, listOwner)
    ).json<LeadPage>();
    expect(asc.items.map((l) => l.name)).toEqual(['Lead 00', 'Lead 01', 'Lead 02']);
    const desc = (
      await api('GET', '/api/v1/leads?sort=name&order=desc&pageSize=1', undefined, listOwner)
    ).json<LeadPage>();
    expect(desc.items[0]?.name).toBe('Lead 24');
    const events = (await api('GET', '/api/v1/leads?source=event', undefined, listOwner)).json<LeadPage>();
    expect(events.total).toBe(12);
  });

  it('quick search treats % and _ literally', async () => {
    const res = (
      await api('GET', `/api/v1/leads?q=${encodeURIComponent('100%')}`, undefined, listOwner)
    ).json<LeadPage>();
    expect(res.total).toBe(5);
    expect(
      (await api('GET', `/api/v1/leads?q=${encodeURIComponent('%')}`, undefined, listOwner)).json<LeadPage>().total,
    ).toBe(5);
    expect((await api('GET', '/api/v1/leads?q=_', undefined, listOwner)).json<LeadPage>().total).toBe(0);
  });

  it('rejects bad paging and unknown query parameters', async () => {
    expect((await api('GET', '/api/v1/leads?pageSize=1000', undefined, listOwner)).statusCode).toBe(400);
    expect((await api('GET', '/api/v1/leads?page=0', undefined, listOwner)).statusCode).toBe(400);
    expect((await api('GET', '/api/v1/leads?sort=password', undefined, listOwner)).statusCode).toBe(400);
    const unknown = await api('GET', '/api/v1/leads?where=1=1', undefined, listOwner);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('querystring');
  });
});
