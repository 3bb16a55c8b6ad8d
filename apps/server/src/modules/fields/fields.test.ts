import type { FieldDefinition, FieldList } from '@kindling/contracts/fields';
import type { ActivityPage } from '@kindling/contracts/activities';
import type { Lead } from '@kindling/contracts/leads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  owner = await createOwner(ctx, 'Fields');
});
afterAll(() => ctx.close());

async function api(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, user = owner) {
  return ctx.app.inject({
    method,
    url,
    headers: { cookie: user.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const option = (value: string, zh = value, en = value) => ({ value, label: label(zh, en) });

async function createField(body: Record<string, unknown>, user = owner): Promise<FieldDefinition> {
  const res = await api('POST', '/api/v1/fields', { label: label(String(body.key), String(body.key)), ...body }, user);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<FieldDefinition>();
}

async function createLead(body: Record<string, unknown>, user = owner): Promise<Lead> {
  const res = await api('POST', '/api/v1/leads', body, user);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Lead>();
}

async function catalog(user = owner): Promise<FieldDefinition[]> {
  return (await api('GET', '/api/v1/fields', undefined, user)).json<FieldList>().items;
}

const paths = (res: { json: () => { error: { details: { path: string }[] } } }) =>
  res.json().error.details.map((d) => d.path);

describe('field catalogue', () => {
  it('lists the built-in fields first, with Chinese and English labels, then custom fields in order', async () => {
    const other = await createOwner(ctx, 'Catalogue');
    const res = await api(
      'POST',
      '/api/v1/fields',
      { key: 'budget', label: label('预算', 'Budget'), type: 'number' },
      other,
    );
    expect(res.statusCode, res.body).toBe(201);
    const items = await catalog(other);
    const builtIn = items.filter((f) => f.builtIn);
    expect(builtIn.map((f) => f.key)).toEqual(
      expect.arrayContaining(['name', 'email', 'phone', 'companyName', 'jobTitle', 'source', 'ownerId']),
    );
    expect(builtIn.find((f) => f.key === 'wechatOpenid')?.label).toEqual({
      'zh-CN': '微信 OpenID',
      en: 'WeChat OpenID',
    });
    expect(builtIn.find((f) => f.key === 'province')?.label['zh-CN']).toBe('省份');
    expect(builtIn.find((f) => f.key === 'source')?.options.length).toBeGreaterThan(5);
    expect(items.at(-1)).toMatchObject({ key: 'budget', builtIn: false, archived: false, type: 'number' });
    expect(items.findIndex((f) => !f.builtIn)).toBe(builtIn.length);
  });

  it('only owners and admins manage fields; everyone can read the catalogue', async () => {
    const marketer = await addMember(ctx, owner.workspaceId, 'marketer');
    const admin = await addMember(ctx, owner.workspaceId, 'admin');
    expect((await api('GET', '/api/v1/fields', undefined, marketer)).statusCode).toBe(200);
    const body = { key: 'perm_test', label: label('权限', 'Perm'), type: 'text' };
    expect((await api('POST', '/api/v1/fields', body, marketer)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/fields', body, admin)).statusCode).toBe(201);
    expect((await api('PATCH', '/api/v1/fields/perm_test', { required: true }, marketer)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/fields/perm_test/archive', {}, marketer)).statusCode).toBe(403);
    expect((await api('PUT', '/api/v1/fields/order', { keys: ['perm_test'] }, marketer)).statusCode).toBe(403);
  });

  it('validates keys, labels and options; duplicate and built-in keys are 409', async () => {
    const bad = await api('POST', '/api/v1/fields', { key: 'Bad Key', label: { 'zh-CN': '' }, type: 'user' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['body.key', 'body.label.zh-CN', 'body.label.en', 'body.type']));

    const noOptions = await api('POST', '/api/v1/fields', {
      key: 'tier',
      label: label('等级', 'Tier'),
      type: 'single_select',
    });
    expect(noOptions.statusCode).toBe(400);
    expect(paths(noOptions)).toEqual(['body.options']);
    const dupOptions = await api('POST', '/api/v1/fields', {
      key: 'tier',
      label: label('等级', 'Tier'),
      type: 'single_select',
      options: [option('a'), option('a')],
    });
    expect(dupOptions.statusCode).toBe(400);
    expect(paths(dupOptions)).toEqual(['body.options.1.value']);

    await createField({ key: 'dup_key', type: 'text' });
    const dup = await api('POST', '/api/v1/fields', { key: 'dup_key', label: label('x', 'x'), type: 'text' });
    expect(dup.statusCode).toBe(409);
    expect(paths(dup)).toEqual(['body.key']);
    const builtIn = await api('POST', '/api/v1/fields', { key: 'city', label: label('城市', 'City'), type: 'text' });
    expect(builtIn.statusCode).toBe(409);
    expect(paths(builtIn)).toEqual(['body.key']);
  });

  it('built-in fields cannot be edited or archived', async () => {
    for (const res of [
      await api('PATCH', '/api/v1/fields/email', { required: true }),
      await api('POST', '/api/v1/fields/name/archive', {}),
      await api('PUT', '/api/v1/fields/order', { keys: ['name'] }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/built-in/i);
    }
    expect((await api('PATCH', '/api/v1/fields/no_such_field', { required: true })).statusCode).toBe(404);
  });

  it('edits labels, reorders custom fields and audits the changes', async () => {
    const w = await createOwner(ctx, 'Order');
    for (const key of ['first', 'second', 'third']) {
      expect((await api('POST', '/api/v1/fields', { key, label: label(key, key), type: 'text' }, w)).statusCode).toBe(
        201,
      );
    }
    const patched = await api('PATCH', '/api/v1/fields/second', { label: label('第二', 'Second'), helpText: 'Hi' }, w);
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ label: { 'zh-CN': '第二' }, helpText: 'Hi' });
    const ordered = await api('PUT', '/api/v1/fields/order', { keys: ['third', 'first'] }, w);
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect((await catalog(w)).filter((f) => !f.builtIn).map((f) => f.key)).toEqual(['third', 'first', 'second']);
    expect((await api('PUT', '/api/v1/fields/order', { keys: ['nope'] }, w)).statusCode).toBe(400);
    const audit = (await api('GET', '/api/v1/audit?action=fields.updated', undefined, w)).json();
    expect(audit.items[0]).toMatchObject({
      targetId: 'second',
      details: { changes: { helpText: { from: null, to: 'Hi' } } },
    });
    expect((await api('GET', '/api/v1/audit?action=fields.created', undefined, w)).json().total).toBe(3);
  });
});

describe('new built-in columns', () => {
  it('stores WeChat ids, province, city and industry, trims blanks to null and tracks edits in the timeline', async () => {
    const lead = await createLead({
      name: 'Built-in',
      wechatOpenid: ' o6_bmjrPTlm6_2sgVt7hMZOPfL2M ',
      province: '广东',
      city: '深圳',
      industry: '',
    });
    expect(lead).toMatchObject({
      wechatOpenid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      wechatUnionid: null,
      province: '广东',
      city: '深圳',
      industry: null,
      attributes: {},
    });
    const res = await api('PATCH', `/api/v1/leads/${lead.id}`, { city: '广州', industry: '制造业' });
    expect(res.statusCode, res.body).toBe(200);
    const timeline = (await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>();
    expect(timeline.items[0]?.properties).toEqual({
      changes: { city: { from: '深圳', to: '广州' }, industry: { from: null, to: '制造业' } },
    });
    const tooLong = await api('POST', '/api/v1/leads', { name: 'x', province: 'x'.repeat(51) });
    expect(tooLong.statusCode).toBe(400);
    expect(paths(tooLong)).toEqual(['body.province']);
  });
});

describe('custom field values', () => {
  beforeAll(async () => {
    await createField({ key: 'text_f', type: 'text' });
    await createField({ key: 'long_f', type: 'long_text' });
    await createField({ key: 'num_f', type: 'number' });
    await createField({ key: 'date_f', type: 'date' });
    await createField({ key: 'dt_f', type: 'datetime' });
    await createField({ key: 'bool_f', type: 'boolean' });
    await createField({ key: 'email_f', type: 'email' });
    await createField({ key: 'phone_f', type: 'phone' });
    await createField({ key: 'url_f', type: 'url' });
    await createField({ key: 'single_f', type: 'single_select', options: [option('a'), option('b')] });
    await createField({ key: 'multi_f', type: 'multi_select', options: [option('x'), option('y'), option('z')] });
  });

  it('normalises good values of every type', async () => {
    const lead = await createLead({
      name: 'Typed',
      attributes: {
        text_f: '  hello ',
        long_f: 'line 1\nline 2',
        num_f: '42.5',
        date_f: '2024-02-29',
        dt_f: '2024-05-01T10:00:00+08:00',
        bool_f: false,
        email_f: ' Someone@Example.COM ',
        phone_f: '138 0013 8000',
        url_f: 'https://kindling.example/a?b=c',
        single_f: 'b',
        multi_f: ['x', 'z', 'x'],
      },
    });
    expect(lead.attributes).toEqual({
      text_f: 'hello',
      long_f: 'line 1\nline 2',
      num_f: 42.5,
      date_f: '2024-02-29',
      dt_f: '2024-05-01T02:00:00.000Z',
      bool_f: false,
      email_f: 'someone@example.com',
      phone_f: '+8613800138000',
      url_f: 'https://kindling.example/a?b=c',
      single_f: 'b',
      multi_f: ['x', 'z'],
    });
    expect((await api('GET', `/api/v1/leads/${lead.id}`)).json<Lead>().attributes).toEqual(lead.attributes);
  });

  it('rejects bad values with one path per field and stores nothing', async () => {
    const res = await api('POST', '/api/v1/leads', {
      name: 'Bad values',
      attributes: {
        text_f: 12,
        num_f: '12abc',
        date_f: '2023-02-29',
        dt_f: '2024-05-01 10:00',
        bool_f: 'yes',
        email_f: 'not-an-email',
        phone_f: '12',
        url_f: 'javascript:alert(1)',
        single_f: 'c',
        multi_f: ['x', 'w'],
        unknown_f: 1,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res).sort()).toEqual(
      ['text_f', 'num_f', 'date_f', 'dt_f', 'bool_f', 'email_f', 'phone_f', 'url_f', 'single_f', 'multi_f', 'unknown_f']
        .map((k) => `body.attributes.${k}`)
        .sort(),
    );
    const search = (await api('GET', '/api/v1/leads?q=Bad%20values')).json();
    expect(search.total).toBe(0);
    expect(
      (await api('POST', '/api/v1/leads', { name: 'x', attributes: { url_f: 'ftp://a.example' } })).statusCode,
    ).toBe(400);
  });

  it('updates merge values, null clears one, and the timeline records from → to', async () => {
    const lead = await createLead({ name: 'Merge', attributes: { text_f: 'a', num_f: 1 } });
    const res = await api('PATCH', `/api/v1/leads/${lead.id}`, {
      attributes: { num_f: 2, text_f: null, single_f: 'a' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Lead>().attributes).toEqual({ num_f: 2, single_f: 'a' });
    const timeline = (await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>();
    expect(timeline.items[0]?.properties).toEqual({
      changes: {
        'attributes.num_f': { from: 1, to: 2 },
        'attributes.text_f': { from: 'a', to: null },
        'attributes.single_f': { from: null, to: 'a' },
      },
    });
    // A write that changes nothing records nothing.
    await api('PATCH', `/api/v1/leads/${lead.id}`, { attributes: { num_f: '2' } });
    expect((await api('GET', `/api/v1/leads/${lead.id}/activities`)).json<ActivityPage>().items).toHaveLength(2);
  });

  it('a failed update changes nothing, built-in fields included', async () => {
    const lead = await createLead({ name: 'Atomic', city: '上海', attributes: { num_f: 5 } });
    const res = await api('PATCH', `/api/v1/leads/${lead.id}`, {
      city: '北京',
      attributes: { num_f: 6, bool_f: 'no' },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.attributes.bool_f']);
    const after = (await api('GET', `/api/v1/leads/${lead.id}`)).json<Lead>();
    expect(after).toMatchObject({ city: '上海', attributes: { num_f: 5 } });
  });
});

describe('required, unique and archived fields', () => {
  let w: TestUser;
  beforeAll(async () => {
    w = await createOwner(ctx, 'Rules');
    await createField({ key: 'member_no', type: 'text', required: true, unique: true }, w);
  });

  it('required fields must be given on create and cannot be cleared', async () => {
    const missing = await api('POST', '/api/v1/leads', { name: 'No number' }, w);
    expect(missing.statusCode).toBe(400);
    expect(paths(missing)).toEqual(['body.attributes.member_no']);
    const lead = await createLead({ name: 'Numbered', attributes: { member_no: 'M-1' } }, w);
    // Updates without the field are fine; clearing it is not.
    expect((await api('PATCH', `/api/v1/leads/${lead.id}`, { jobTitle: 'CEO' }, w)).statusCode).toBe(200);
    const cleared = await api('PATCH', `/api/v1/leads/${lead.id}`, { attributes: { member_no: '' } }, w);
    expect(cleared.statusCode).toBe(400);
    expect(paths(cleared)).toEqual(['body.attributes.member_no']);
  });

  it('unique fields refuse a value another live lead has (409), but a lead may keep its own', async () => {
    const first = await createLead({ name: 'Unique 1', attributes: { member_no: 'U-1' } }, w);
    const clash = await api('POST', '/api/v1/leads', { name: 'Unique 2', attributes: { member_no: 'U-1' } }, w);
    expect(clash.statusCode).toBe(409);
    expect(paths(clash)).toEqual(['body.attributes.member_no']);
    expect((await api('PATCH', `/api/v1/leads/${first.id}`, { attributes: { member_no: 'U-1' } }, w)).statusCode).toBe(
      200,
    );
    const second = await createLead({ name: 'Unique 2', attributes: { member_no: 'U-2' } }, w);
    expect((await api('PATCH', `/api/v1/leads/${second.id}`, { attributes: { member_no: 'U-1' } }, w)).statusCode).toBe(
      409,
    );
    // A lead in the recycle bin no longer holds its value.
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: `/api/v1/leads/${first.id}`, headers: { cookie: w.cookie } }))
        .statusCode,
    ).toBe(204);
    expect((await api('PATCH', `/api/v1/leads/${second.id}`, { attributes: { member_no: 'U-1' } }, w)).statusCode).toBe(
      200,
    );
  });

  it('archiving keeps values, hides the field from required checks and blocks writes; restore re-enables it', async () => {
    const field = await createField({ key: 'old_code', type: 'text' }, w);
    const lead = await createLead({ name: 'Archive', attributes: { member_no: 'A-1', old_code: 'keep me' } }, w);
    const archived = await api('POST', `/api/v1/fields/${field.key}/archive`, {}, w);
    expect(archived.json()).toMatchObject({ key: 'old_code', archived: true });
    expect((await catalog(w)).find((f) => f.key === 'old_code')?.archived).toBe(true);
    expect((await api('GET', `/api/v1/leads/${lead.id}`, undefined, w)).json<Lead>().attributes.old_code).toBe(
      'keep me',
    );
    const write = await api('PATCH', `/api/v1/leads/${lead.id}`, { attributes: { old_code: 'new' } }, w);
    expect(write.statusCode).toBe(400);
    expect(write.json().error.details[0]).toMatchObject({
      path: 'body.attributes.old_code',
      message: expect.stringMatching(/archived/),
    });

    // An archived required field is not required any more.
    await api('PATCH', '/api/v1/fields/old_code', { required: true }, w);
    await createLead({ name: 'After archive', attributes: { member_no: 'A-2' } }, w);

    expect((await api('POST', `/api/v1/fields/${field.key}/restore`, {}, w)).json().archived).toBe(false);
    expect((await api('PATCH', `/api/v1/leads/${lead.id}`, { attributes: { old_code: 'new' } }, w)).statusCode).toBe(
      200,
    );
    const audit = (await api('GET', '/api/v1/audit?action=fields.archived', undefined, w)).json();
    expect(audit.items[0]).toMatchObject({ targetId: 'old_code' });
  });

  it("another workspace's field keys are unknown", async () => {
    const stranger = await createOwner(ctx, 'Stranger');
    const res = await api('POST', '/api/v1/leads', { name: 'Foreign', attributes: { member_no: 'X' } }, stranger);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.attributes.member_no']);
    expect((await catalog(stranger)).some((f) => f.key === 'member_no')).toBe(false);
    expect((await api('PATCH', '/api/v1/fields/member_no', { required: false }, stranger)).statusCode).toBe(404);
  });
});

describe('changing a field', () => {
  it('refuses a type change when values would not convert, with the count; converts them otherwise', async () => {
    const w = await createOwner(ctx, 'Types');
    await createField({ key: 'size', type: 'text' }, w);
    const a = await createLead({ name: 'A', attributes: { size: '120' } }, w);
    const b = await createLead({ name: 'B', attributes: { size: 'big' } }, w);
    const c = await createLead({ name: 'C', attributes: { size: 'huge' } }, w);
    const refused = await api('PATCH', '/api/v1/fields/size', { type: 'number' }, w);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toEqual([
      { path: 'body.type', message: '2 leads have values that are not numbers' },
    ]);
    expect((await catalog(w)).find((f) => f.key === 'size')?.type).toBe('text');

    await api('PATCH', `/api/v1/leads/${b.id}`, { attributes: { size: '7' } }, w);
    await api('PATCH', `/api/v1/leads/${c.id}`, { attributes: { size: null } }, w);
    const accepted = await api('PATCH', '/api/v1/fields/size', { type: 'number' }, w);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await api('GET', `/api/v1/leads/${a.id}`, undefined, w)).json<Lead>().attributes).toEqual({ size: 120 });
    expect((await api('GET', `/api/v1/leads/${b.id}`, undefined, w)).json<Lead>().attributes).toEqual({ size: 7 });
    expect((await api('GET', `/api/v1/leads/${c.id}`, undefined, w)).json<Lead>().attributes).toEqual({});

    // And to a select whose options cover the values.
    const toSelect = await api(
      'PATCH',
      '/api/v1/fields/size',
      { type: 'multi_select', options: [option('120'), option('7')] },
      w,
    );
    expect(toSelect.statusCode, toSelect.body).toBe(200);
    expect((await api('GET', `/api/v1/leads/${a.id}`, undefined, w)).json<Lead>().attributes).toEqual({
      size: ['120'],
    });
  });

  it('refuses removing an option that leads use, with the count', async () => {
    const w = await createOwner(ctx, 'Options');
    await createField(
      { key: 'tier', type: 'single_select', options: [option('gold'), option('silver'), option('bronze')] },
      w,
    );
    await createLead({ name: 'G', attributes: { tier: 'gold' } }, w);
    const refused = await api('PATCH', '/api/v1/fields/tier', { options: [option('silver'), option('bronze')] }, w);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({
      path: 'body.options',
      message: expect.stringMatching(/^1 lead has/),
    });
    const ok = await api(
      'PATCH',
      '/api/v1/fields/tier',
      { options: [option('gold', '金牌', 'Gold'), option('silver')] },
      w,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<FieldDefinition>().options.map((o) => o.value)).toEqual(['gold', 'silver']);
  });
});
