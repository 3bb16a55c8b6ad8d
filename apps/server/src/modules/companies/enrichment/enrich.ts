import { ENRICHED_FIELDS, type EnrichmentOutcome } from '@kindling/contracts/companies';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/service';
import type { Db } from '../../../platform/db/client';
import { withTenant } from '../../../platform/db/tenant';
import type { ServiceContext } from '../../../platform/http/context';
import { AppError } from '../../../platform/http/errors';
import { findCompanyRow, getCompany } from '../service';
import { companies } from '../schema';
import type { EnrichmentData, EnrichmentProvider } from './provider';

/**
 * Fills a company's registry fields from the provider: only the empty ones, or every one the provider knows with
 * `overwrite`. Records when and from whom (enrichedAt, enrichmentProvider) and audits what changed. The lookup
 * (a network call for real providers) runs between two short transactions, never inside one. A company the
 * provider does not know answers 404 with a message saying so (nothing is changed).
 */
export async function enrichCompany(
  db: Db,
  ctx: ServiceContext,
  id: string,
  provider: EnrichmentProvider,
  { overwrite }: { overwrite: boolean },
): Promise<EnrichmentOutcome> {
  const query = await withTenant(db, ctx.workspaceId, async (tx) => {
    const row = await findCompanyRow(tx, ctx, id);
    return { name: row.name, domain: row.domain };
  });
  const data = await provider.lookup(query);
  if (!data) {
    const message = `${provider.displayName} has no registry data for this company`;
    throw new AppError(404, 'not_found', message, [{ path: 'enrichment', message }]);
  }
  return withTenant(db, ctx.workspaceId, async (tx) => {
    const before = await findCompanyRow(tx, ctx, id);
    const changes: EnrichmentOutcome['changes'] = {};
    for (const field of ENRICHED_FIELDS) {
      const found = (data satisfies EnrichmentData)[field] ?? null;
      const current = before[field];
      if (found === null || found === current || (current !== null && !overwrite)) continue;
      changes[field] = { from: current, to: found };
    }
    const set = Object.fromEntries(Object.entries(changes).map(([field, { to }]) => [field, to]));
    await tx
      .update(companies)
      .set({ ...set, enrichedAt: new Date(), enrichmentProvider: provider.id })
      .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id)));
    await recordAudit(tx, ctx, {
      action: 'companies.enriched',
      targetType: 'company',
      targetId: id,
      details: { name: before.name, provider: provider.id, overwrite, changes },
    });
    return {
      provider: { id: provider.id, displayName: provider.displayName },
      changes,
      company: await getCompany(tx, ctx, id),
    };
  });
}
