import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { rawRows } from '../../platform/db/raw-rows';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { companies } from './schema';

/** Deeper than any real group structure; stops the walk on data that is somehow already circular. */
const MAX_DEPTH = 1000;

/**
 * Checks that `parentId` may become the parent of `companyId` (null for a company being created): it must be a
 * company of this workspace, and not the company itself or one of its descendants (a company cannot be its own
 * ancestor). Hierarchy changes of a workspace are serialised with a transaction-scoped advisory lock, so two
 * concurrent moves cannot build a cycle that neither would alone. 400 with `path` otherwise.
 */
export async function assertParentAllowed(
  tx: Db,
  ctx: ServiceContext,
  companyId: string | null,
  parentId: string,
  path = 'body.parentId',
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`companies.hierarchy:${ctx.workspaceId}`}, 0))`);
  const chain = await rawRows<{ id: string }>(
    tx,
    sql`
    with recursive ancestors (id, parent_id, depth) as (
      select ${companies.id}, ${companies.parentId}, 1 from ${companies}
        where ${companies.workspaceId} = ${ctx.workspaceId} and ${companies.id} = ${parentId}
      union all
      select c.id, c.parent_id, a.depth + 1 from companies c join ancestors a on c.id = a.parent_id
        where c.workspace_id = ${ctx.workspaceId} and a.depth < ${MAX_DEPTH}
    )
    select id from ancestors`,
  );
  const ancestors = chain.map((row) => row.id);
  if (ancestors.length === 0) {
    throw invalid([{ path, message: 'The parent must be a company of this workspace' }]);
  }
  if (companyId !== null && ancestors.includes(companyId)) {
    throw invalid(
      [{ path, message: 'This parent would create a cycle: a company cannot be its own ancestor' }],
      'This parent would create a cycle',
    );
  }
}
