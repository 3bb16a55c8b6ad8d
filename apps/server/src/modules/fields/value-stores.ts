import type { FieldEntity } from '@kindling/contracts/fields';
import { and, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { companies } from '../companies/schema';
import { leads } from '../leads/schema';

/**
 * Where an entity's custom field values live (one jsonb `attributes` column of its table), and the few queries
 * the field service runs on them: reading every stored value of a key (type changes), rewriting converted values,
 * and finding another record that already holds a unique value.
 */
export interface ValueStore {
  /** "1 lead has …" / "3 companies have …" in refusal messages. */
  countOf(n: number): string;
  /** The audit detail counting values a type change converted ('convertedLeads', 'convertedCompanies'). */
  convertedKey: string;
  storedValues(tx: Db, ctx: ServiceContext, key: string): Promise<{ id: string; value: unknown }[]>;
  /** Writes converted values (null removes the key), in the caller's transaction. */
  rewrite(tx: Db, ctx: ServiceContext, key: string, values: { id: string; value: unknown }[]): Promise<void>;
  /** Does another (live) record already hold `value` under `key`? */
  isTaken(tx: Db, ctx: ServiceContext, key: string, value: unknown, exceptId?: string): Promise<boolean>;
}

interface Table {
  table: PgTable;
  workspaceId: AnyPgColumn;
  id: AnyPgColumn;
  attributes: AnyPgColumn;
  /** Records that count (leads in the recycle bin keep their values but do not block unique ones). */
  live?: SQL;
  noun: [one: string, many: string];
}

const REWRITE_CHUNK = 500;

function valueStore({ table, workspaceId, id, attributes, live, noun }: Table): ValueStore {
  return {
    countOf: (n) => (n === 1 ? `1 ${noun[0]} has` : `${n} ${noun[1]} have`),
    convertedKey: `converted${noun[1].charAt(0).toUpperCase()}${noun[1].slice(1)}`,

    // Every record, recycle bin included: restored leads keep their values, so those must convert too.
    storedValues: (tx, ctx, key) =>
      tx
        .select({ id: sql<string>`${id}`, value: sql<unknown>`${attributes} -> ${key}` })
        .from(table)
        .where(and(eq(workspaceId, ctx.workspaceId), sql`${attributes} ? ${key}`)),

    async rewrite(tx, ctx, key, values) {
      for (let i = 0; i < values.length; i += REWRITE_CHUNK) {
        const chunk = values.slice(i, i + REWRITE_CHUNK);
        // A value that converts to "nothing" (blank text) is removed rather than stored as null.
        await tx.execute(sql`
          update ${table} set attributes = case when v.value = 'null'::jsonb
              then ${attributes} - ${key}
              else jsonb_set(${attributes}, array[${key}]::text[], v.value) end
          from jsonb_to_recordset(${JSON.stringify(chunk.map((r) => ({ id: r.id, value: r.value ?? null })))}::jsonb)
            as v(id uuid, value jsonb)
          where ${workspaceId} = ${ctx.workspaceId} and ${id} = v.id`);
      }
    },

    async isTaken(tx, ctx, key, value, exceptId) {
      const [clash] = await tx
        .select({ id: sql<string>`${id}` })
        .from(table)
        .where(
          and(
            eq(workspaceId, ctx.workspaceId),
            live,
            sql`${attributes} -> ${key} = ${JSON.stringify(value)}::jsonb`,
            exceptId ? ne(id, exceptId) : undefined,
          ),
        )
        .limit(1);
      return clash !== undefined;
    },
  };
}

export const VALUE_STORES: Record<FieldEntity, ValueStore> = {
  lead: valueStore({
    table: leads,
    workspaceId: leads.workspaceId,
    id: leads.id,
    attributes: leads.attributes,
    live: isNull(leads.deletedAt),
    noun: ['lead', 'leads'],
  }),
  company: valueStore({
    table: companies,
    workspaceId: companies.workspaceId,
    id: companies.id,
    attributes: companies.attributes,
    noun: ['company', 'companies'],
  }),
};
