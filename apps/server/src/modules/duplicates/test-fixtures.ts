import type { DuplicatePage, DuplicateReason, LeadDuplicates } from '@kindling/contracts/duplicates';
import { and, eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';
import { companies } from '../companies/schema';
import { leadsChanged } from '../leads/count-cache';
import { leads } from '../leads/schema';

/** Test-only helpers shared by the duplicate and merge tests. */

/** Creates a company record and links the leads to it (as the companies module would), returning its id. */
export async function linkToNewCompany(
  ctx: TestContext,
  workspaceId: string,
  name: string,
  leadIds: string[],
): Promise<string> {
  const [company] = await ctx.database.db.insert(companies).values({ workspaceId, name }).returning();
  if (!company) throw new Error('company insert returned nothing');
  await ctx.database.db
    .update(leads)
    .set({ companyId: company.id })
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, leadIds)));
  // Written beside the API, so tell the caches what an API write would.
  leadsChanged(workspaceId);
  return company.id;
}

/** The whole duplicate list of the user's workspace as "idA+idB" (older lead first) → reasons. */
export async function pairsOf(
  ctx: TestContext,
  user: TestUser,
  query = '',
): Promise<{ page: DuplicatePage; reasons: Map<string, DuplicateReason[]> }> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/duplicates?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json<DuplicatePage>();
  return {
    page,
    reasons: new Map(page.items.map((pair) => [`${pair.leads[0].id}+${pair.leads[1].id}`, pair.reasons])),
  };
}

/** The likely duplicates of one lead: other lead id → reasons. */
export async function duplicatesOfLead(
  ctx: TestContext,
  user: TestUser,
  leadId: string,
): Promise<Map<string, DuplicateReason[]>> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/leads/${leadId}/duplicates`);
  expect(res.statusCode, res.body).toBe(200);
  return new Map(res.json<LeadDuplicates>().items.map((item) => [item.lead.id, item.reasons]));
}
