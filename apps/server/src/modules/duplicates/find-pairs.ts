import type { DuplicateReason } from '@kindling/contracts/duplicates';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { normalisedEmailSql, normalisedNameSql } from './normalise-sql';

/**
 * The scan's limits. A reason stops after this many pairs (newest groups first), so a workspace full of one
 * placeholder phone number cannot make the scan quadratic; the page then says the list is capped.
 */
export const MAX_PAIRS_PER_REASON = 5_000;
/** In a group sharing one value, only the oldest members pair up (10 members → 45 pairs). */
const MAX_GROUP_MEMBERS = 10;

/** A likely duplicate pair by id: `a` is the older lead (created first; id breaks ties). */
export interface CandidatePair {
  a: string;
  b: string;
  reasons: DuplicateReason[];
}

export interface DetectedPairs {
  pairs: CandidatePair[];
  capped: boolean;
}

/**
 * One way of grouping leads: a query giving `(id, created_at, key, company_id)`; leads with the same key are
 * likely the same person. `pairFilter` (over the pair's members `x` and `y`) can still reject a pair of a group.
 */
interface GroupSource {
  /** Names this source's CTEs: a constant of this file, never user input. */
  name: string;
  members: SQL;
  pairFilter?: SQL;
  /**
   * Members straight from an indexed column: read them twice (group the keys, then look the few shared keys up
   * by index) rather than copying every row of the workspace into a temporary table first.
   */
  indexed?: boolean;
}

/** One reason's scan: one statement, its shared CTEs and the groupings whose pairs it reports. */
interface ReasonScan {
  reason: DuplicateReason;
  ctes: SQL[];
  sources: GroupSource[];
}

/** Live leads of the workspace with a non-blank value in `column` (a constant column name), keyed by it. */
function byColumn(ctx: ServiceContext, reason: DuplicateReason, column: SQL): ReasonScan {
  const members = sql`select id, created_at, ${column} as key, null::uuid as company_id from leads
    where workspace_id = ${ctx.workspaceId} and deleted_at is null and ${column} is not null and ${column} <> ''`;
  return { reason, ctes: [], sources: [{ name: reason, members, indexed: true }] };
}

/**
 * Email variants. Exact emails are unique per workspace, so every pair has at least one lead whose email is
 * not its own normal form (a `+tag`, a Gmail address, capitals). A cheap test picks those few "variants"
 * before anything is normalised; their partners are the other variants with the same key, and the lead whose
 * email *is* the key, looked up through the unique email index.
 */
function emailScan(ctx: ServiceContext): ReasonScan {
  const variants = sql`email_variants as (
      select id, created_at, key from (
        select id, created_at, email, ${normalisedEmailSql(sql`email`)} as key from leads
        where workspace_id = ${ctx.workspaceId} and deleted_at is null and email is not null
          and (strpos(email, '+') > 0 or email like '%@gmail.com' or email like '%@googlemail.com'
            or email <> lower(email))
      ) e where key <> email
    )`;
  const members = sql`select id, created_at, key, null::uuid as company_id from email_variants
    union
    select l.id, l.created_at, l.email, null::uuid from leads l
    join (select distinct key from email_variants) v on l.email = v.key
    where l.workspace_id = ${ctx.workspaceId} and l.deleted_at is null`;
  return { reason: 'email', ctes: [variants], sources: [{ name: 'email', members }] };
}

/**
 * Same normalised name at the same company: the same company record when both leads have one, otherwise the
 * same normalised company name (the record's name, or the name as typed). Two groupings over one pass of
 * normalising: by (name, company id) and by (name, company name); the second must not pair two leads linked
 * to different company records.
 */
function nameCompanyScan(ctx: ServiceContext): ReasonScan {
  // companies is read directly: the name a lead's company record gives it is part of the lead's identity here.
  const named = sql`named as (
      select l.id, l.created_at, l.company_id, ${normalisedNameSql(sql`l.name`)} as name_key,
        ${normalisedNameSql(sql`coalesce(c.name, l.company_name)`)} as company_key
      from leads l left join companies c on c.workspace_id = l.workspace_id and c.id = l.company_id
      where l.workspace_id = ${ctx.workspaceId} and l.deleted_at is null
        and (l.company_id is not null or l.company_name <> '')
    )`;
  return {
    reason: 'name_company',
    ctes: [named],
    sources: [
      {
        name: 'name_company_id',
        members: sql`select id, created_at, name_key || '|' || company_id::text as key, company_id from named
          where name_key is not null and company_id is not null`,
      },
      {
        name: 'name_company_name',
        members: sql`select id, created_at, name_key || '|' || company_key as key, company_id from named
          where name_key is not null and company_key is not null`,
        pairFilter: sql`x.company_id is null or y.company_id is null or x.company_id = y.company_id`,
      },
    ],
  };
}

/**
 * A source's CTEs: its members, the keys shared by two or more of them (newest groups first, at most N+1 —
 * counted without building any group, so the many single-member keys cost little), and those groups' pairs
 * (the oldest members of each group pair up; at most N+1 pairs, newest first).
 */
function pairCtes(source: GroupSource): { ctes: SQL; pairs: SQL } {
  const members = sql.raw(`members_${source.name}`);
  const keys = sql.raw(`keys_${source.name}`);
  const pairs = sql.raw(`pairs_${source.name}`);
  const first = sql.raw(`[1:${MAX_GROUP_MEMBERS}]`);
  const ctes = sql`${members} as ${source.indexed ? sql`not materialized` : sql``} (${source.members}),
    ${keys} as (
      select key from ${members} group by key having count(*) > 1
      order by max(created_at) desc limit ${MAX_PAIRS_PER_REASON + 1}
    ),
    ${pairs} as (
      select x.id as a, y.id as b, y.created_at as newest
      from (
        select array_agg(m.id order by m.created_at, m.id) as ids,
          array_agg(m.created_at order by m.created_at, m.id) as created,
          array_agg(m.company_id order by m.created_at, m.id) as company_ids
        from ${members} m join ${keys} k on k.key = m.key
        group by m.key
      ) g
      cross join lateral unnest(g.ids${first}, g.created${first}, g.company_ids${first})
        with ordinality as x(id, created_at, company_id, n)
      cross join lateral unnest(g.ids${first}, g.created${first}, g.company_ids${first})
        with ordinality as y(id, created_at, company_id, n)
      where x.n < y.n ${source.pairFilter ? sql`and (${source.pairFilter})` : sql``}
      order by y.created_at desc, x.id, y.id
      limit ${MAX_PAIRS_PER_REASON + 1}
    )`;
  return { ctes, pairs: sql`select a, b, newest, ${source.name}::text as source from ${pairs}` };
}

const ZFoundPair = z.object({
  a: z.uuid(),
  b: z.uuid(),
  /** When the newer lead was created (epoch seconds): the list shows new duplicates first. */
  newest: z.coerce.number(),
  source: z.string(),
  dismissed: z.boolean(),
});
type FoundPair = z.infer<typeof ZFoundPair>;

/** One reason's pairs, in one statement (one pass over the leads per grouping, shared CTEs computed once). */
async function scan(tx: Db, ctx: ServiceContext, reasonScan: ReasonScan): Promise<FoundPair[]> {
  const perSource = reasonScan.sources.map(pairCtes);
  const rows = await rawRows(
    tx,
    sql`with ${sql.join([...reasonScan.ctes, ...perSource.map((source) => source.ctes)], sql`, `)}
    select p.a, p.b, extract(epoch from p.newest) as newest, p.source, exists (
        select 1 from lead_duplicate_dismissals d
        where d.workspace_id = ${ctx.workspaceId} and d.lead_a_id = least(p.a, p.b) and d.lead_b_id = greatest(p.a, p.b)
      ) as dismissed
    from (${sql.join(
      perSource.map((source) => source.pairs),
      sql` union all `,
    )}) p`,
  );
  return rows.map((row) => ZFoundPair.parse(row));
}

/**
 * The workspace's likely duplicate pairs — each pair once with all its reasons, dismissed pairs left out — the
 * strongest (most reasons) and newest first. Set-based: one statement per reason, grouping in the database
 * (phone and OpenID through their indexes), each capped. `reason` limits the scan to that one reason.
 */
export async function findDuplicatePairs(
  tx: Db,
  ctx: ServiceContext,
  options: { reason?: DuplicateReason | undefined } = {},
): Promise<DetectedPairs> {
  const scans: ReasonScan[] = [
    emailScan(ctx),
    byColumn(ctx, 'phone', sql`phone`),
    byColumn(ctx, 'openid', sql`wechat_openid`),
    byColumn(ctx, 'unionid', sql`wechat_unionid`),
    nameCompanyScan(ctx),
  ].filter((reasonScan) => !options.reason || reasonScan.reason === options.reason);

  const byPair = new Map<string, CandidatePair & { newest: number }>();
  let capped = false;
  // One after the other: a transaction runs one statement at a time anyway.
  for (const reasonScan of scans) {
    const found = await scan(tx, ctx, reasonScan);
    const perSource = new Map<string, number>();
    for (const pair of found) perSource.set(pair.source, (perSource.get(pair.source) ?? 0) + 1);
    if ([...perSource.values()].some((n) => n > MAX_PAIRS_PER_REASON)) capped = true;
    for (const { a, b, newest, dismissed } of found) {
      if (dismissed) continue;
      const key = `${a}+${b}`;
      const known = byPair.get(key);
      if (!known) byPair.set(key, { a, b, newest, reasons: [reasonScan.reason] });
      else if (!known.reasons.includes(reasonScan.reason)) known.reasons.push(reasonScan.reason);
    }
  }
  // Ids compare as text in byte order, which is uuid order.
  const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const pairs = [...byPair.values()].sort(
    (x, y) => y.reasons.length - x.reasons.length || y.newest - x.newest || byId(x.a, y.a) || byId(x.b, y.b),
  );
  return { capped, pairs: pairs.map(({ a, b, reasons }) => ({ a, b, reasons: [...reasons].sort() })) };
}
