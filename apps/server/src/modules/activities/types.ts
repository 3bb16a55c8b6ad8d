import type { ActivityTypeCatalog, PropertyValueType } from '@kindling/contracts/activities';
import { ZPropertyValueType } from '@kindling/contracts/activities';
import { ZPropertyPath } from '@kindling/contracts/filters';
import { and, asc, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { activities } from './schema';

/** Recent activities per type whose properties are sampled for the filter builder's suggestions. */
const SAMPLE_PER_TYPE = 1000;
/** A workspace with more distinct types than this is misusing types; the builder lists the first ones. */
const MAX_TYPES = 200;

/** The activity types in one lead's timeline with how many of each, most frequent first (the timeline's chips). */
export async function leadActivityTypeCounts(tx: Db, ctx: ServiceContext, leadId: string) {
  const n = count();
  return tx
    .select({ type: activities.type, count: n })
    .from(activities)
    .where(and(eq(activities.workspaceId, ctx.workspaceId), eq(activities.leadId, leadId)))
    .groupBy(activities.type)
    .orderBy(desc(n), asc(activities.type));
}

/**
 * The workspace's distinct activity types, by a skip scan over the (workspace, type, occurred_at) index: one
 * index probe per type instead of reading every activity.
 */
async function distinctTypes(tx: Db, ctx: ServiceContext): Promise<string[]> {
  const types: string[] = [];
  for (let last: string | undefined; types.length < MAX_TYPES;) {
    const [next] = await tx
      .select({ type: activities.type })
      .from(activities)
      .where(
        and(eq(activities.workspaceId, ctx.workspaceId), last === undefined ? undefined : gt(activities.type, last)),
      )
      .orderBy(asc(activities.type))
      .limit(1);
    if (!next) break;
    types.push(next.type);
    last = next.type;
  }
  return types;
}

/** Objects as they are; anything else as {} (jsonb_each raises on non-objects). */
const asObject = (value: SQL) => sql`(case when jsonb_typeof(${value}) = 'object' then ${value} else '{}'::jsonb end)`;

/** Property paths (top level and one nested level) and their JSON types in the type's recent activities. */
async function samplePaths(tx: Db, ctx: ServiceContext, type: string) {
  const paths = sql`(
    with s as (
      select a.properties from ${activities} a
      where a.workspace_id = ${ctx.workspaceId}::uuid and a.type = ${type}::text
      order by a.occurred_at desc limit ${SAMPLE_PER_TYPE}::int
    )
    select t.key as path, jsonb_typeof(t.value) as kind from s, jsonb_each(${asObject(sql`s.properties`)}) t
    union all
    select t.key || '.' || n.key, jsonb_typeof(n.value)
      from s, jsonb_each(${asObject(sql`s.properties`)}) t, jsonb_each(${asObject(sql`t.value`)}) n
  ) p`;
  const seen = sql<number>`count(*)::int`;
  return tx
    .select({ path: sql<string>`p.path`, kind: sql<string>`p.kind`, seen })
    .from(paths)
    .groupBy(sql`p.path`, sql`p.kind`)
    .orderBy(sql`p.path`, desc(seen));
}

/** Each path once, with the JSON type its values have most often; paths the filter language cannot name are left out. */
function mostCommonTypes(rows: { path: string; kind: string; seen: number }[]) {
  const byPath = new Map<string, PropertyValueType>();
  for (const row of rows) {
    const kind = ZPropertyValueType.safeParse(row.kind);
    // Rows come most-seen first within a path, so the first usable type wins.
    if (kind.success && !byPath.has(row.path) && ZPropertyPath.safeParse(row.path).success) {
      byPath.set(row.path, kind.data);
    }
  }
  return [...byPath].map(([path, valueType]) => ({ path, valueType }));
}

/** The workspace's activity types with the property paths seen recently, for the filter builder's suggestions. */
export async function activityTypeCatalog(tx: Db, ctx: ServiceContext): Promise<ActivityTypeCatalog['items']> {
  const items: ActivityTypeCatalog['items'] = [];
  // Sequential: one transaction's connection runs one query at a time anyway.
  for (const type of await distinctTypes(tx, ctx)) {
    items.push({ type, properties: mostCommonTypes(await samplePaths(tx, ctx, type)) });
  }
  return items;
}
