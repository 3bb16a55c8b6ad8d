import { DEFAULT_LEAD_COLUMNS, type LeadColumns } from '@kindling/contracts/preferences';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../platform/workspaces/schema';
import {
  addMember,
  callAs,
  createOwner,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../testing/test-app';

let ctx: TestContext;
let admin: TestUser;
let sales: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createOwner(ctx, 'Column pickers');
  sales = await addMember(ctx, admin.workspaceId, 'sales');
  const field = await callAs(ctx, admin, 'POST', '/api/v1/fields', {
    key: 'budget_range',
    label: { 'zh-CN': '预算', en: 'Budget' },
    type: 'single_select',
    options: [{ value: 'big', label: { 'zh-CN': '大', en: 'Big' } }],
  });
  expect(field.statusCode, field.body).toBe(201);
});
afterAll(() => ctx.close());

const URL = '/api/v1/preferences/lead-columns';
const columnsOf = async (user: TestUser) => {
  const res = await callAs(ctx, user, 'GET', URL);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LeadColumns>().columns;
};
const save = (user: TestUser, columns: unknown) => callAs(ctx, user, 'PUT', URL, { columns });

describe('lead-list columns', () => {
  it('starts with the default columns', async () => {
    expect(await columnsOf(sales)).toEqual([...DEFAULT_LEAD_COLUMNS]);
    expect(DEFAULT_LEAD_COLUMNS).toEqual([
      'name',
      'email',
      'phone',
      'companyName',
      'jobTitle',
      'source',
      'ownerId',
      'createdAt',
    ]);
  });

  it('saves built-in and custom columns in the chosen order and reads them back; only for that user', async () => {
    const chosen = ['name', 'budget_range', 'city', 'createdAt'];
    const res = await save(sales, chosen);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LeadColumns>().columns).toEqual(chosen);
    expect(await columnsOf(sales)).toEqual(chosen);
    expect(await columnsOf(admin)).toEqual([...DEFAULT_LEAD_COLUMNS]);

    const again = await save(sales, ['createdAt', 'name']);
    expect(again.statusCode, again.body).toBe(200);
    expect(await columnsOf(sales)).toEqual(['createdAt', 'name']);
  });

  it('keeps a separate choice per workspace', async () => {
    const user = await createOwner(ctx, 'First home');
    const other = await createOwner(ctx, 'Second home');
    await ctx.database.db
      .insert(memberships)
      .values({ workspaceId: other.workspaceId, userId: user.userId, role: 'admin' });
    expect((await save(user, ['name', 'email'])).statusCode).toBe(200);

    const switched = await callAs(ctx, user, 'POST', '/api/v1/auth/switch-workspace', {
      workspaceId: other.workspaceId,
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(await columnsOf(user)).toEqual([...DEFAULT_LEAD_COLUMNS]);
    // A custom field of the first workspace is unknown here.
    expect((await save(user, ['name', 'budget_range'])).statusCode).toBe(400);
    expect((await save(user, ['phone', 'name'])).statusCode).toBe(200);

    await callAs(ctx, user, 'POST', '/api/v1/auth/switch-workspace', { workspaceId: user.workspaceId });
    expect(await columnsOf(user)).toEqual(['name', 'email']);
  });

  it('refuses unknown keys, repeats and bad sizes with the offending position, storing nothing', async () => {
    const before = await columnsOf(admin);

    const unknown = await save(admin, ['name', 'email', 'no_such_field']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      { path: 'body.columns.2', message: 'Unknown field "no_such_field"' },
    ]);
    // Custom keys are used as-is, not as `attributes.<key>`.
    const prefixed = await save(admin, ['attributes.budget_range']);
    expect(prefixed.json().error.details[0]).toMatchObject({ path: 'body.columns.0' });

    const repeated = await save(admin, ['name', 'email', 'name']);
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error.details[0]).toMatchObject({ path: 'body.columns.2' });

    expect((await save(admin, [])).statusCode).toBe(400);
    const many = Array.from({ length: 31 }, (_, i) => `field_${i}`);
    expect((await save(admin, many)).statusCode).toBe(400);
    expect((await callAs(ctx, admin, 'PUT', URL, { columns: ['name'], extra: true })).statusCode).toBe(400);

    expect(await columnsOf(admin)).toEqual(before);
  });

  it('needs a session', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'PUT', url: URL, payload: { columns: ['name'] } })).statusCode).toBe(401);
  });
});
