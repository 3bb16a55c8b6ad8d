import { companyKeyOf, isCompanyFilterKey } from '@kindling/contracts/company-filter-fields';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { COMPANY_BUILT_IN_COLUMNS } from '../fields/builtin';
import { leads } from '../leads/schema';
import type { SqlFieldSource } from '../segments/compile-sql';
import {
  attributeBoundSql,
  attributeContainmentSql,
  attributeValueSql,
  columnBoundSql,
  columnValueSql,
} from '../segments/field-value-sql';
import { companies } from './schema';

/**
 * Lead filter conditions on the lead's company (`company.name`, `company.<customKey>`, …) for the SQL compiler.
 * The predicate is evaluated over `companies` and related to the lead as
 * `leads.company_id in (select id from companies where workspace_id = $ws and <predicate>)`: uncorrelated, so
 * PostgreSQL runs the subquery once (a hashed subplan) however many leads it checks. A lead without a company
 * has empty company values: `company_id is null` satisfies "is empty", and the negative operators, being the
 * complement of their positive twin, match it (contracts/filters.ts semantics).
 */

function relateToLead(predicate: SQL, matchesMissing: boolean, workspaceId: string): SQL {
  const matching = sql`${leads.companyId} in (select ${companies.id} from ${companies}
    where ${companies.workspaceId} = ${workspaceId} and ${predicate})`;
  return matchesMissing ? sql`(${leads.companyId} is null or ${matching})` : matching;
}

const columnOf = (def: FieldDefinition): AnyColumn | undefined => {
  const key = companyKeyOf(def.key);
  return Object.hasOwn(COMPANY_BUILT_IN_COLUMNS, key) ? COMPANY_BUILT_IN_COLUMNS[key] : undefined;
};

/** Built-in company fields: real `companies` columns. */
const companyColumnSource: SqlFieldSource = {
  name: 'company column',
  handles: (def) => isCompanyFilterKey(def.key) && def.builtIn && columnOf(def) !== undefined,
  value: (def) => columnValueSql(columnOf(def)!),
  bound: (def, kind, value) => columnBoundSql(columnOf(def)!, kind, value),
  storedValue: (def) => sql`${columnOf(def)!}`,
  relate: relateToLead,
};

/** Custom company fields: `companies.attributes ->> key`. */
const companyAttributeSource: SqlFieldSource = {
  name: 'company attribute',
  handles: (def) => isCompanyFilterKey(def.key) && !def.builtIn,
  value: (def, kind) => attributeValueSql(companies.attributes, companyKeyOf(def.key), kind),
  bound: (_def, kind, value) => attributeBoundSql(kind, value),
  containment: (def, json) => attributeContainmentSql(companies.attributes, companyKeyOf(def.key), json),
  relate: relateToLead,
};

export const COMPANY_SQL_SOURCES: readonly SqlFieldSource[] = [companyColumnSource, companyAttributeSource];
