import type { ImportCounts } from '@kindling/contracts/imports';
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { newId } from '../../platform/db/ids';
import type { ServiceContext } from '../../platform/http/context';
import { leads } from '../leads/schema';
import type { LeadValues } from './lead-values';
import type { ExistingLead, LeadUpdate, NewLead } from './plan-batch';
import { leadImports } from './schema';

/*
 * The statements of one import batch. Each is one round trip however many rows the batch has: values bound as
 * one array parameter per column and unpacked with unnest(), never a parameter per value. JSON values travel as
 * one JSON document instead: inside a text[] literal every quote of every document would be escaped again, which
 * costs more than the insert itself.
 */

const array = (values: readonly unknown[]) => sql.param(values);

/** Which import an activity came from: the timeline says "imported from <file>, row N". */
export interface ImportRef {
  id: string;
  fileName: string;
}

export interface MatchKeys {
  emails: string[];
  phones: string[];
  openids: string[];
}

/**
 * Live leads with any of these emails, phones or OpenIDs, oldest first (the oldest wins a shared phone). With
 * `lock`, the rows stay locked until the batch commits, so the values the update is computed from are current.
 */
export async function findMatchingLeads(
  tx: Db,
  ctx: ServiceContext,
  keys: MatchKeys,
  lock: boolean,
): Promise<ExistingLead[]> {
  const matches: SQL[] = [];
  if (keys.emails.length > 0) matches.push(sql`${leads.email} = any(${array(keys.emails)}::text[])`);
  if (keys.phones.length > 0) matches.push(sql`${leads.phone} = any(${array(keys.phones)}::text[])`);
  if (keys.openids.length > 0) matches.push(sql`${leads.wechatOpenid} = any(${array(keys.openids)}::text[])`);
  if (matches.length === 0) return [];
  const query = tx
    .select({
      id: leads.id,
      name: leads.name,
      email: leads.email,
      phone: leads.phone,
      companyName: leads.companyName,
      jobTitle: leads.jobTitle,
      industry: leads.industry,
      province: leads.province,
      city: leads.city,
      wechatOpenid: leads.wechatOpenid,
      wechatUnionid: leads.wechatUnionid,
      source: leads.source,
      ownerId: leads.ownerId,
      attributes: leads.attributes,
    })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), isNull(leads.deletedAt), or(...matches)))
    .orderBy(asc(leads.createdAt), asc(leads.id));
  return lock ? query.for('update') : query;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Which live lead holds each of these values of a unique custom field: value (as JSON) → lead id. One lateral
 * containment probe per value, so the attributes GIN index answers each.
 */
export async function findUniqueHolders(
  tx: Db,
  ctx: ServiceContext,
  key: string,
  values: readonly unknown[],
): Promise<Map<string, string>> {
  if (values.length === 0) return new Map();
  const result = await tx.execute(sql`
    select v.i::int as i, l.id
    from unnest(${array(values.map((value) => JSON.stringify(value)))}::jsonb[]) with ordinality as v(value, i)
    cross join lateral (
      select ${leads.id} as id from ${leads}
      where ${leads.workspaceId} = ${ctx.workspaceId} and ${leads.deletedAt} is null
        and ${leads.attributes} @> jsonb_build_object(${key}::text, v.value)
      limit 1
    ) l`);
  return new Map(rowsOf<{ i: number; id: string }>(result).map((r) => [JSON.stringify(values[r.i - 1]), r.id]));
}

/** The leads' values as parallel arrays, one per column, in `unnest` order. */
function columns(items: readonly { id: string; values: LeadValues }[]) {
  return [
    array(items.map((l) => l.id)),
    array(items.map((l) => l.values.name)),
    array(items.map((l) => l.values.email)),
    array(items.map((l) => l.values.phone)),
    array(items.map((l) => l.values.companyName)),
    array(items.map((l) => l.values.jobTitle)),
    array(items.map((l) => l.values.industry)),
    array(items.map((l) => l.values.province)),
    array(items.map((l) => l.values.city)),
    array(items.map((l) => l.values.wechatOpenid)),
    array(items.map((l) => l.values.wechatUnionid)),
    array(items.map((l) => l.values.source)),
    array(items.map((l) => l.values.ownerId)),
    // One JSON document rather than an array of JSON strings: every quote in them would be escaped twice.
    JSON.stringify(items.map((l) => l.values.attributes)),
  ] as const;
}

const UNNEST_COLUMNS = sql.raw(
  'v(id, name, email, phone, company_name, job_title, industry, province, city, wechat_openid, wechat_unionid, source, owner_id, attributes)',
);

function unnestLeads(items: readonly { id: string; values: LeadValues }[]): SQL {
  const [
    ids,
    names,
    emails,
    phones,
    companies,
    titles,
    industries,
    provinces,
    cities,
    openids,
    unionids,
    sources,
    owners,
    attributes,
  ] = columns(items);
  return sql`unnest(${ids}::uuid[], ${names}::text[], ${emails}::text[], ${phones}::text[], ${companies}::text[],
    ${titles}::text[], ${industries}::text[], ${provinces}::text[], ${cities}::text[], ${openids}::text[],
    ${unionids}::text[], ${sources}::text[], ${owners}::uuid[],
    array(select e from jsonb_array_elements(${attributes}::jsonb) with ordinality as t(e, i) order by i))
    as ${UNNEST_COLUMNS}`;
}

/**
 * Inserts the new leads and their `lead_imported` activities in one statement. A lead whose email a concurrent
 * writer took meanwhile is not inserted (ON CONFLICT on the email index) and gets no activity; the caller sees the
 * lower count and retries the batch, where the row then matches that lead.
 */
export async function insertLeads(
  tx: Db,
  ctx: ServiceContext,
  ref: ImportRef,
  creates: readonly NewLead[],
): Promise<number> {
  if (creates.length === 0) return 0;
  const result = await tx.execute(sql`
    with inserted as (
      insert into leads (workspace_id, id, name, email, phone, company_name, job_title, industry, province, city,
        wechat_openid, wechat_unionid, source, owner_id, attributes, created_by)
      select ${ctx.workspaceId}, v.id, v.name, v.email, v.phone, v.company_name, v.job_title, v.industry, v.province,
        v.city, v.wechat_openid, v.wechat_unionid, v.source, v.owner_id, v.attributes, ${ctx.userId}::uuid
      from ${unnestLeads(creates)}
      on conflict (workspace_id, email) where email is not null and deleted_at is null do nothing
      returning id
    ), logged as (
      insert into activities (workspace_id, id, lead_id, type, source, actor_user_id, properties)
      select ${ctx.workspaceId}, a.activity_id, a.lead_id, 'lead_imported', 'import', ${ctx.userId}::uuid,
        jsonb_build_object('importId', ${ref.id}::text, 'fileName', ${ref.fileName}::text, 'row', a.row)
      from unnest(${array(creates.map((l) => l.id))}::uuid[], ${array(creates.map(() => newId()))}::uuid[],
        ${array(creates.map((l) => l.row))}::int[]) as a(lead_id, activity_id, row)
      join inserted on inserted.id = a.lead_id
      returning 1
    )
    select (select count(*) from inserted)::int as inserted`);
  return rowsOf<{ inserted: number }>(result)[0]?.inserted ?? 0;
}

/** Writes the merged values of matched leads (locked by `findMatchingLeads`), one statement for the batch. */
export async function updateLeads(tx: Db, ctx: ServiceContext, updates: readonly LeadUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await tx.execute(sql`
    update leads as l set name = v.name, email = v.email, phone = v.phone, company_name = v.company_name,
      job_title = v.job_title, industry = v.industry, province = v.province, city = v.city,
      wechat_openid = v.wechat_openid, wechat_unionid = v.wechat_unionid, source = v.source, owner_id = v.owner_id,
      attributes = v.attributes, updated_at = now()
    from ${unnestLeads(updates.map((u) => ({ id: u.id, values: u.after })))}
    where l.workspace_id = ${ctx.workspaceId} and l.id = v.id`);
}

export interface ImportActivity {
  leadId: string;
  type: string;
  properties: Record<string, unknown>;
}

/** Appends activities (source 'import') in one statement; their properties come as one JSON document. */
export async function insertActivities(tx: Db, ctx: ServiceContext, items: readonly ImportActivity[]): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((a) => ({ id: newId(), lead_id: a.leadId, type: a.type, properties: a.properties }));
  await tx.execute(sql`
    insert into activities (workspace_id, id, lead_id, type, source, actor_user_id, properties)
    select ${ctx.workspaceId}, a.id, a.lead_id, a.type, 'import', ${ctx.userId}::uuid, a.properties
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as a(id uuid, lead_id uuid, type text, properties jsonb)`);
}

/** Adds a batch's counts to the import, in the batch's transaction: the counts are always what was committed. */
export async function addImportCounts(
  tx: Db,
  ctx: ServiceContext,
  importId: string,
  counts: ImportCounts,
): Promise<void> {
  await tx
    .update(leadImports)
    .set({
      createdCount: sql`${leadImports.createdCount} + ${counts.created}`,
      updatedCount: sql`${leadImports.updatedCount} + ${counts.updated}`,
      skippedCount: sql`${leadImports.skippedCount} + ${counts.skipped}`,
      rejectedCount: sql`${leadImports.rejectedCount} + ${counts.rejected}`,
    })
    .where(and(eq(leadImports.workspaceId, ctx.workspaceId), eq(leadImports.id, importId)));
}
