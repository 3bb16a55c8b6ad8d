import { ZDuplicateReason, type DuplicateReason } from '@kindling/contracts/duplicates';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { notFound } from '../../platform/http/errors';
import { normalisedEmailSql, normalisedNameSql } from './normalise-sql';

/** The lead page shows a handful; the duplicate list has them all. */
const MAX_LEAD_DUPLICATES = 20;

const ZKeys = z.object({
  phone: z.string().nullable(),
  wechat_openid: z.string().nullable(),
  wechat_unionid: z.string().nullable(),
  company_id: z.string().nullable(),
  email_key: z.string().nullable(),
  name_key: z.string().nullable(),
  company_key: z.string().nullable(),
});
type LeadKeys = z.infer<typeof ZKeys>;

/** The lead's comparison keys, computed by the same SQL the workspace-wide scan uses. */
async function keysOf(tx: Db, ctx: ServiceContext, leadId: string): Promise<LeadKeys> {
  const [row] = await rawRows(
    tx,
    sql`
    select l.phone, l.wechat_openid, l.wechat_unionid, l.company_id,
      ${normalisedEmailSql(sql`l.email`)} as email_key,
      ${normalisedNameSql(sql`l.name`)} as name_key,
      ${normalisedNameSql(sql`coalesce(c.name, l.company_name)`)} as company_key
    from leads l left join companies c on c.workspace_id = l.workspace_id and c.id = l.company_id
    where l.workspace_id = ${ctx.workspaceId} and l.id = ${leadId} and l.deleted_at is null`,
  );
  if (!row) throw notFound('Lead');
  return ZKeys.parse(row);
}

/** Raw characters that can normalise to `char`: itself, its capital, and their full-width forms. */
function rawFormsOf(char: string): string[] {
  const fullWidth = (c: string) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 0x21 && code <= 0x7e ? String.fromCodePoint(code + 0xfee0) : c;
  };
  const upper = char.toUpperCase();
  return [...new Set([char, upper, fullWidth(char), fullWidth(upper)])];
}

const containsAny = (column: SQL, forms: string[]) =>
  sql`(${sql.join(
    forms.map((form) => sql`strpos(${column}, ${form}) > 0`),
    sql` or `,
  )})`;

interface Check {
  reason: DuplicateReason;
  /** Cheap and necessary: lets the exact (costly) check run on few rows. */
  prefilter: SQL;
  exact: SQL;
}

/** One check per reason the lead can match on at all (a lead without a phone matches nobody by phone). */
function checksFor(keys: LeadKeys): Check[] {
  const checks: Check[] = [];
  const equal = (reason: DuplicateReason, column: SQL, value: string | null) => {
    if (value) checks.push({ reason, prefilter: sql`${column} = ${value}`, exact: sql`${column} = ${value}` });
  };
  if (keys.email_key) {
    // A partner's email ends with the same domain (Gmail: either alias) and starts with the local part (Gmail:
    // its first letter, as dots may follow) before normalising to the same key. left/right: no pattern to escape.
    const [local = '', domain = ''] = keys.email_key.split('@');
    const domains = domain === 'gmail.com' ? ['@gmail.com', '@googlemail.com'] : [`@${domain}`];
    const prefix = domain === 'gmail.com' ? local.slice(0, 1) : local;
    const endsWith = domains.map((end) => sql`lower(right(o.email, ${Array.from(end).length})) = ${end}`);
    checks.push({
      reason: 'email',
      prefilter: sql`(${sql.join(endsWith, sql` or `)})
        and lower(left(o.email, ${Array.from(prefix).length})) = ${prefix}`,
      exact: sql`${normalisedEmailSql(sql`o.email`)} = ${keys.email_key}`,
    });
  }
  equal('phone', sql`o.phone`, keys.phone);
  equal('openid', sql`o.wechat_openid`, keys.wechat_openid);
  equal('unionid', sql`o.wechat_unionid`, keys.wechat_unionid);
  if (keys.name_key && (keys.company_id || keys.company_key)) {
    // The raw name must contain the first and the last character of the key in some raw form.
    const chars = Array.from(keys.name_key);
    const sameCompany = keys.company_id
      ? sql`(o.company_id = ${keys.company_id} or (o.company_id is null and
          ${normalisedNameSql(sql`o.company_name`)} = ${keys.company_key}))`
      : sql`${normalisedNameSql(sql`coalesce(oc.name, o.company_name)`)} = ${keys.company_key}`;
    checks.push({
      reason: 'name_company',
      prefilter: sql`${containsAny(sql`o.name`, rawFormsOf(chars[0] ?? ''))}
        and ${containsAny(sql`o.name`, rawFormsOf(chars.at(-1) ?? ''))}`,
      exact: sql`${normalisedNameSql(sql`o.name`)} = ${keys.name_key} and ${sameCompany}`,
    });
  }
  return checks;
}

const ZFound = z.object({ id: z.uuid(), reasons: z.array(ZDuplicateReason) });

/**
 * The likely duplicates of one live lead (oldest first, dismissed pairs left out), with their reasons — the
 * same rules as the workspace-wide scan, but one pass with cheap prefilters (index-backed equality for phone and
 * OpenID) so only a few rows are normalised. 404 when the lead is not a live lead of the workspace.
 */
export async function findLeadDuplicates(
  tx: Db,
  ctx: ServiceContext,
  leadId: string,
): Promise<{ id: string; reasons: DuplicateReason[] }[]> {
  const checks = checksFor(await keysOf(tx, ctx, leadId));
  if (checks.length === 0) return [];
  const reasons = sql.join(
    checks.map((check) => sql`case when ${check.prefilter} and ${check.exact} then ${check.reason}::text end`),
    sql`, `,
  );
  const prefilters = sql.join(
    checks.map((check) => sql`(${check.prefilter})`),
    sql` or `,
  );
  const rows = await rawRows(
    tx,
    sql`
    select id, reasons from (
      select o.id, o.created_at, array_remove(array[${reasons}], null) as reasons
      from leads o left join companies oc on oc.workspace_id = o.workspace_id and oc.id = o.company_id
      where o.workspace_id = ${ctx.workspaceId} and o.deleted_at is null and o.id <> ${leadId} and (${prefilters})
    ) candidates
    where cardinality(reasons) > 0 and not exists (
      select 1 from lead_duplicate_dismissals d
      where d.workspace_id = ${ctx.workspaceId}
        and d.lead_a_id = least(candidates.id, ${leadId}::uuid) and d.lead_b_id = greatest(candidates.id, ${leadId}::uuid)
    )
    order by created_at, id
    limit ${MAX_LEAD_DUPLICATES}`,
  );
  return rows.map((row) => ZFound.parse(row));
}
