import type { DuplicateLead } from '@kindling/contracts/duplicates';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { companies } from '../companies/schema';
import { leads } from '../leads/schema';

/** The duplicate list's view of live leads, by id; ids of deleted or unknown leads are simply absent. */
export async function leadSummaries(tx: Db, ctx: ServiceContext, ids: string[]): Promise<Map<string, DuplicateLead>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: leads.id,
      name: leads.name,
      email: leads.email,
      phone: leads.phone,
      companyName: leads.companyName,
      companyRecordName: companies.name,
      ownerId: leads.ownerId,
      ownerName: users.name,
      createdAt: leads.createdAt,
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .leftJoin(companies, and(eq(companies.workspaceId, leads.workspaceId), eq(companies.id, leads.companyId)))
    .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.id, [...new Set(ids)]), isNull(leads.deletedAt)));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        company: row.companyRecordName ?? row.companyName,
        owner: row.ownerId && row.ownerName !== null ? { id: row.ownerId, name: row.ownerName } : null,
        createdAt: row.createdAt.toISOString(),
      },
    ]),
  );
}
