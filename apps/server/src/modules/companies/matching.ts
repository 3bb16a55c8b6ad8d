import { emailDomain } from '@kindling/contracts/domains';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { leadsChanged } from '../leads/count-cache';
import { leads } from '../leads/schema';
import { isFreeMailDomain } from './free-mail-domains';
import { companies } from './schema';

export interface CompanyMatchInput {
  leadId: string;
  companyName: string | null | undefined;
  email: string | null | undefined;
}

export interface CompanyMatchOptions {
  /** Create a company for a name nothing matches (name from companyName, domain from a non-free-mail email). */
  createMissing: boolean;
}

export interface CompanyMatchResult {
  /** The leads that were linked, and to which company. */
  links: { leadId: string; companyId: string }[];
  createdCompanies: number;
}

interface Candidate {
  leadId: string;
  /** The work email's domain; null for free mail (qq.com, gmail.com, …) or no email. */
  domain: string | null;
  /** The company name as typed, trimmed; null when blank. */
  name: string | null;
}

/** Statements stay a bounded size however big the caller's batch is. */
const CHUNK = 2000;

function candidateOf(input: CompanyMatchInput): Candidate {
  const domain = emailDomain(input.email);
  const name = input.companyName?.trim() || null;
  return { leadId: input.leadId, domain: domain && !isFreeMailDomain(domain) ? domain : null, name };
}

/**
 * The matching company of each candidate, in one statement: the company with the email's domain, else the
 * (oldest) company whose name equals the typed name ignoring case. Served by the (workspace, domain) unique index
 * and the (workspace, lower(name)) index.
 */
async function findMatches(tx: Db, ctx: ServiceContext, candidates: Candidate[]): Promise<Map<string, string>> {
  if (candidates.length === 0) return new Map();
  const rows = JSON.stringify(candidates.map((c) => ({ lead_id: c.leadId, domain: c.domain, name: c.name })));
  const result = await rawRows<{ lead_id: string; company_id: string | null }>(
    tx,
    sql`
    select v.lead_id, coalesce(
      (select ${companies.id} from ${companies}
        where ${companies.workspaceId} = ${ctx.workspaceId} and ${companies.domain} = v.domain),
      (select ${companies.id} from ${companies}
        where ${companies.workspaceId} = ${ctx.workspaceId} and lower(${companies.name}) = lower(v.name)
        order by ${companies.id} limit 1)
    ) as company_id
    from jsonb_to_recordset(${rows}::jsonb) as v(lead_id uuid, domain text, name text)`,
  );
  const matches = new Map<string, string>();
  for (const row of result) if (row.company_id) matches.set(row.lead_id, row.company_id);
  return matches;
}

/**
 * One new company per distinct name (ignoring case) among the unmatched candidates; each takes the first domain
 * of its leads that no other new company claimed. A company created meanwhile by someone else with the same
 * domain wins (the insert skips ours); the second matching pass links to it.
 */
async function createCompanies(tx: Db, ctx: ServiceContext, unmatched: Candidate[]): Promise<number> {
  const planned = new Map<string, { name: string; domain: string | null }>();
  const claimedDomains = new Set<string>();
  for (const candidate of unmatched) {
    if (!candidate.name) continue;
    const key = candidate.name.toLowerCase();
    const plan = planned.get(key) ?? { name: candidate.name, domain: null };
    if (!plan.domain && candidate.domain && !claimedDomains.has(candidate.domain)) {
      plan.domain = candidate.domain;
      claimedDomains.add(candidate.domain);
    }
    planned.set(key, plan);
  }
  if (planned.size === 0) return 0;
  const created = await tx
    .insert(companies)
    .values([...planned.values()].map((plan) => ({ workspaceId: ctx.workspaceId, ...plan, createdBy: ctx.userId })))
    .onConflictDoNothing()
    .returning({ id: companies.id });
  return created.length;
}

/** Sets company_id of leads that have none yet, in one statement; returns the leads it changed. */
async function linkLeads(tx: Db, ctx: ServiceContext, matches: Map<string, string>) {
  if (matches.size === 0) return [];
  const rows = JSON.stringify([...matches].map(([leadId, companyId]) => ({ lead_id: leadId, company_id: companyId })));
  const result = await rawRows<{ id: string; company_id: string }>(
    tx,
    sql`
    update ${leads} set company_id = v.company_id, updated_at = now()
    from jsonb_to_recordset(${rows}::jsonb) as v(lead_id uuid, company_id uuid)
    where ${leads.workspaceId} = ${ctx.workspaceId} and ${leads.id} = v.lead_id and ${leads.companyId} is null
    returning ${leads.id}, ${leads.companyId}`,
  );
  return result.map((row) => ({ leadId: row.id, companyId: row.company_id }));
}

/**
 * Links leads to their companies automatically: by the email's domain (free-mail domains ignored), else by the
 * company name (exact, trimmed, ignoring case). With `createMissing`, names nothing matches become new companies
 * (in bulk). Only leads without a company are linked: an explicit link is never replaced. Set-based, so a batch of
 * thousands costs a handful of statements. Runs in the caller's transaction; the caller records the leads'
 * activity (creation, import) as it sees fit.
 */
export async function matchCompaniesForLeads(
  tx: Db,
  ctx: ServiceContext,
  inputs: readonly CompanyMatchInput[],
  { createMissing }: CompanyMatchOptions,
): Promise<CompanyMatchResult> {
  const result: CompanyMatchResult = { links: [], createdCompanies: 0 };
  for (let start = 0; start < inputs.length; start += CHUNK) {
    const candidates = inputs
      .slice(start, start + CHUNK)
      .map(candidateOf)
      .filter((c) => c.domain !== null || c.name !== null);
    const matches = await findMatches(tx, ctx, candidates);
    const unmatched = candidates.filter((c) => !matches.has(c.leadId));
    if (createMissing && unmatched.length > 0) {
      result.createdCompanies += await createCompanies(tx, ctx, unmatched);
      for (const [leadId, companyId] of await findMatches(tx, ctx, unmatched)) matches.set(leadId, companyId);
    }
    result.links.push(...(await linkLeads(tx, ctx, matches)));
  }
  if (result.links.length > 0) leadsChanged(ctx.workspaceId);
  return result;
}
