import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * The new value of a jsonb `attributes` column after `changes` (null clears a key), merged in SQL (jsonb ||, then
 * - for cleared keys) so values written concurrently to other keys survive. Undefined when there is nothing to do.
 */
export function mergeAttributesSql(attributes: AnyColumn, changes: Record<string, unknown>): SQL | undefined {
  const merged = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== null));
  const cleared = Object.keys(changes).filter((key) => changes[key] === null);
  if (Object.keys(merged).length === 0 && cleared.length === 0) return undefined;
  const removed =
    cleared.length > 0
      ? sql` - array[${sql.join(
          cleared.map((key) => sql`${key}`),
          sql`, `,
        )}]::text[]`
      : sql``;
  return sql`(${attributes} || ${JSON.stringify(merged)}::jsonb)${removed}`;
}
