import type { FieldDefinition } from '@kindling/contracts/fields';
import type { EvaluableActivity } from '@kindling/contracts/filter-evaluate';
import { operatorSpec, operatorsFor, validateFilter, type FilterNode } from '@kindling/contracts/filters';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, createTestContext, type TestContext } from '../../testing/test-app';
import { COMPANY_SIZES } from '@kindling/contracts/companies';
import {
  evaluatorMatches,
  seedLeads,
  sqlMatches,
  TEST_CATALOG,
  type TestCompany,
  type TestLead,
} from './test-fixtures';

/**
 * The SQL compiler and the in-memory evaluator must select exactly the same leads for any valid filter
 * (ARCHITECTURE §6). Random filters (depth ≤ 4, every field type and operator, behaviour conditions, conditions on
 * the lead's company) over random leads, including empty values, letter case, junk of the wrong JSON type,
 * activities around the window edges, and leads with or without a (shared) company.
 */

let ctx: TestContext;
let workspaceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await createOwner(ctx)).workspaceId;
});
afterAll(() => ctx.close());

const NOW = new Date('2024-06-15T04:00:00Z');
const DAY = 86_400_000;
const OWNERS = ['0190a000-0000-7000-8000-00000000000a', '0190a000-0000-7000-8000-00000000000b'];

const texts = fc.constantFrom('a', 'A', 'ab', 'Ab', 'b', 'é', 'É', 'x y', '%', '_', "o'k");
const instant = fc.integer({ min: -40 * DAY, max: 3 * DAY }).map((ms) => new Date(NOW.getTime() + ms));
const isoDay = fc
  .integer({ min: -40, max: 5 })
  .map((d) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10));
const dateTimeValue = fc.oneof(
  isoDay,
  instant.map((d) => d.toISOString()),
);

function scalar(def: FieldDefinition): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'number':
      return fc.constantFrom(-1, 0, 1, 2.5, 10);
    case 'date':
      return isoDay;
    case 'datetime':
      return dateTimeValue;
    case 'user':
      return fc.constantFrom(...OWNERS);
    case 'single_select':
    case 'multi_select':
      return fc.constantFrom(...def.options.slice(0, 4).map((o) => o.value));
    default:
      return texts;
  }
}

function valueArb(def: FieldDefinition, operator: string): fc.Arbitrary<unknown> {
  switch (operatorSpec(def.type, operator)?.shape) {
    case 'one':
      return scalar(def);
    case 'list':
      return fc.array(scalar(def), { minLength: 1, maxLength: 3 });
    case 'range':
      return fc
        .tuple(scalar(def), scalar(def))
        .map(([a, b]) => (def.type === 'datetime' || (a as number) <= (b as number) ? [a, b] : [b, a]));
    case 'days':
      return fc.integer({ min: 0, max: 40 });
    default:
      return fc.constant(undefined);
  }
}

const fieldCondition: fc.Arbitrary<FilterNode> = fc.constantFrom(...TEST_CATALOG).chain((def) =>
  fc.constantFrom(...operatorsFor(def.type)).chain((operator) =>
    valueArb(def, operator).map((value) => ({
      kind: 'field' as const,
      field: def.key,
      operator,
      ...(value === undefined ? {} : { value }),
    })),
  ),
);

const propertyPredicate = fc.oneof(
  fc.record({
    path: fc.constantFrom('url', 'utm.source', 'n', 'missing'),
    operator: fc.constantFrom('equals' as const, 'not_equals' as const),
    value: fc.constantFrom<string | number | boolean>('/a', '/B', 'WeChat', 1, 2, '1', true),
  }),
  fc.record({
    path: fc.constantFrom('url', 'utm.source'),
    operator: fc.constant('contains' as const),
    value: fc.constantFrom('a', 'we', 'CHAT'),
  }),
  fc.record({ path: fc.constantFrom('url', 'utm.source', 'n'), operator: fc.constant('exists' as const) }),
);

const behaviourCondition: fc.Arbitrary<FilterNode> = fc.record(
  {
    kind: fc.constant('behaviour' as const),
    activityType: fc.constantFrom('page_view', 'email_open'),
    properties: fc.array(propertyPredicate, { maxLength: 2 }),
    comparison: fc.constantFrom('at_least' as const, 'at_most' as const),
    count: fc.integer({ min: 0, max: 3 }),
    withinDays: fc.integer({ min: 1, max: 40 }),
  },
  { requiredKeys: ['kind', 'activityType', 'comparison', 'count', 'withinDays'], noNullPrototype: true },
);

function filterArb(depth: number): fc.Arbitrary<FilterNode> {
  const leaf = fc.oneof({ weight: 4, arbitrary: fieldCondition }, { weight: 1, arbitrary: behaviourCondition });
  if (depth <= 1) return leaf;
  const group = fc.record({
    kind: fc.constant('group' as const),
    op: fc.constantFrom('and' as const, 'or' as const),
    negate: fc.boolean(),
    children: fc.array(filterArb(depth - 1), { maxLength: 3 }),
  });
  return fc.oneof(leaf, group);
}

const attributes = fc.record(
  {
    c_text: fc.oneof(texts, fc.constantFrom<unknown>('', null, 5)),
    c_email: fc.constantFrom<unknown>('a@x.com', 'b@x.com', '', null),
    c_num: fc.constantFrom<unknown>(-1, 0, 1, 2.5, 10, 'abc', '1', null),
    c_date: fc.oneof(isoDay, fc.constantFrom<unknown>('nope', '', null)),
    c_dt: fc.oneof(
      instant.map((d) => d.toISOString()),
      fc.constantFrom<unknown>('x', 123, null),
    ),
    c_sel: fc.constantFrom<unknown>('a', 'b', 'c', '', 5, null),
    c_multi: fc.oneof(fc.subarray(['x', 'y', 'z']), fc.constantFrom<unknown>('x', null)),
    c_bool: fc.constantFrom<unknown>(true, false, 'yes', null),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const activity: fc.Arbitrary<EvaluableActivity> = fc.record({
  type: fc.constantFrom('page_view', 'email_open'),
  occurredAt: instant,
  properties: fc.record(
    {
      url: fc.constantFrom('/a', '/B', '/c'),
      utm: fc.oneof(
        fc.record({ source: fc.constantFrom('WeChat', 'wechat', 'baidu') }, { noNullPrototype: true }),
        fc.constant('str'),
      ),
      n: fc.constantFrom<unknown>(1, 2, '1', null),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
});

const company: fc.Arbitrary<TestCompany> = fc.record(
  {
    name: fc.oneof(texts, fc.constant('')),
    domain: fc.constantFrom('acme.com', 'Acme.org', 'b.example', '', null),
    industry: fc.oneof(texts, fc.constantFrom('', null)),
    size: fc.constantFrom<string | null>(...COMPANY_SIZES.slice(0, 5), 'huge', '', null),
    region: fc.oneof(texts, fc.constant(null)),
    attributes: fc.record(
      {
        cc_text: fc.oneof(texts, fc.constantFrom<unknown>('', null, 5)),
        cc_num: fc.constantFrom<unknown>(-1, 0, 1, 2.5, 10, 'abc', null),
        cc_date: fc.oneof(isoDay, fc.constantFrom<unknown>('nope', null)),
        cc_multi: fc.oneof(fc.subarray(['x', 'y', 'z']), fc.constantFrom<unknown>('x', null)),
        cc_bool: fc.constantFrom<unknown>(true, false, 'yes', null),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  { requiredKeys: ['name'], noNullPrototype: true },
);

/** Domains are unique per workspace: a repeated one becomes null. */
function withUniqueDomains(rows: TestCompany[]): TestCompany[] {
  const seen = new Set<string>();
  return rows.map((c) => {
    if (c.domain === undefined || c.domain === null || !seen.has(c.domain)) {
      if (c.domain !== undefined && c.domain !== null) seen.add(c.domain);
      return c;
    }
    return { ...c, domain: null };
  });
}

const lead: fc.Arbitrary<TestLead> = fc.record(
  {
    name: fc.oneof(texts, fc.constant('')),
    email: fc.constantFrom('a@x.com', 'ab@x.com', null),
    companyName: fc.oneof(texts, fc.constantFrom('', null)),
    jobTitle: fc.oneof(texts, fc.constant(null)),
    source: fc.constantFrom('manual', 'website', 'form', 'wechat'),
    ownerId: fc.constantFrom(OWNERS[0]!, OWNERS[1]!, null),
    createdAt: instant,
    attributes,
    activities: fc.array(activity, { maxLength: 4 }),
  },
  { noNullPrototype: true },
);

/** Leads, each with one of up to three companies (shared between leads) or none. */
const leadsWithCompanies: fc.Arbitrary<TestLead[]> = fc
  .tuple(
    fc.array(company, { maxLength: 3 }).map(withUniqueDomains),
    fc.array(fc.tuple(lead, fc.integer({ min: -1, max: 2 })), { minLength: 1, maxLength: 6 }),
  )
  .map(([pool, rows]) => withUniqueEmails(rows.map(([r, i]) => ({ ...r, company: pool[i] ?? null }))));

/** Emails are unique per workspace: a repeated one becomes null. */
function withUniqueEmails(rows: TestLead[]): TestLead[] {
  const seen = new Set<string>();
  return rows.map((r) => {
    if (!r.email || !seen.has(r.email)) {
      if (r.email) seen.add(r.email);
      return r;
    }
    return { ...r, email: null };
  });
}

describe('filter compiler ≡ evaluator (property)', () => {
  it('selects the same leads for random filters, leads and activities', async () => {
    await fc.assert(
      fc.asyncProperty(
        leadsWithCompanies,
        filterArb(4),
        fc.constantFrom('Asia/Shanghai', 'America/New_York', 'UTC'),
        async (rows, filter, timeZone) => {
          expect(validateFilter(filter, TEST_CATALOG)).toEqual([]);
          const ids = await seedLeads(ctx.database.db, workspaceId, rows);
          const options = { now: NOW, timeZone };
          const fromSql = await sqlMatches(ctx.database.db, workspaceId, ids, filter, options);
          expect(fromSql).toEqual(evaluatorMatches(rows, filter, options));
        },
      ),
      { numRuns: 100, interruptAfterTimeLimit: 20_000 },
    );
  });
});
