import {
  MERGE_BUILT_IN_FIELDS,
  type MergeBuiltInField,
  type MergeFieldRow,
  type MergeSide,
} from '@kindling/contracts/lead-merge';
import { invalid } from '../../platform/http/errors';
import type { leads } from '../leads/schema';

type LeadRow = typeof leads.$inferSelect;

/** One side of a merge: the lead's row and the names its ids stand for. */
export interface MergeLead {
  row: LeadRow;
  ownerName: string | null;
  companyRecordName: string | null;
}

export interface MergePlan {
  /** Every field whose values differ, with the side it keeps. */
  rows: MergeFieldRow[];
  /** Built-in columns of the primary that take the secondary's value. */
  set: Partial<typeof leads.$inferInsert>;
  /** The primary's attributes after the merge; null when they do not change. */
  attributes: Record<string, unknown> | null;
  /** What the primary takes from the secondary: field (custom ones as `attributes.<key>`) → from/to. */
  taken: Record<string, { from: unknown; to: unknown }>;
}

export const isBlank = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

const sameValue = (a: unknown, b: unknown) => (isBlank(a) && isBlank(b)) || JSON.stringify(a) === JSON.stringify(b);

/** Without a choice a field keeps the primary's value, unless that is empty and the secondary has one. */
const defaultSide = (primary: unknown, secondary: unknown): MergeSide =>
  isBlank(primary) && !isBlank(secondary) ? 'secondary' : 'primary';

/** A value as the timeline records it: the company record as {id, name}, like a lead edit records it. */
function recordedValue(lead: MergeLead, key: string, value: unknown): unknown {
  if (key === 'companyId' && lead.row.companyId) return { id: lead.row.companyId, name: lead.companyRecordName ?? '' };
  return value ?? null;
}

function displayText(lead: MergeLead, key: string): string | null {
  if (key === 'ownerId') return lead.row.ownerId ? lead.ownerName : null;
  if (key === 'companyId') return lead.row.companyId ? lead.companyRecordName : null;
  return null;
}

/**
 * Decides every field of a merge. `customKeys` are the workspace's custom lead fields in display order; keys
 * found only in the leads' attributes (values of fields defined elsewhere) follow. A choice for a field that
 * does not exist is refused (400 `body.values.<key>`), so a typo never silently keeps the wrong value.
 */
export function planMerge(
  primary: MergeLead,
  secondary: MergeLead,
  customKeys: readonly string[],
  choices: Record<string, MergeSide> = {},
): MergePlan {
  const stored = [...new Set([...Object.keys(primary.row.attributes), ...Object.keys(secondary.row.attributes)])];
  const attributeKeys = [...new Set([...customKeys, ...stored.filter((k) => !customKeys.includes(k)).sort()])];
  const builtIn: ReadonlySet<string> = new Set(MERGE_BUILT_IN_FIELDS);
  const unknown = Object.keys(choices).filter((key) => !builtIn.has(key) && !attributeKeys.includes(key));
  if (unknown.length > 0) {
    throw invalid(unknown.map((key) => ({ path: `body.values.${key}`, message: 'No such lead field' })));
  }

  const plan: MergePlan = { rows: [], set: {}, attributes: null, taken: {} };
  const decide = (key: string, isBuiltIn: boolean, from: unknown, to: unknown): boolean => {
    if (sameValue(from, to)) return false;
    const choice = choices[key] ?? defaultSide(from, to);
    plan.rows.push({
      key,
      builtIn: isBuiltIn,
      primary: from ?? null,
      secondary: to ?? null,
      primaryText: isBuiltIn ? displayText(primary, key) : null,
      secondaryText: isBuiltIn ? displayText(secondary, key) : null,
      choice,
    });
    if (choice === 'primary') return false;
    plan.taken[isBuiltIn ? key : `attributes.${key}`] = {
      from: isBuiltIn ? recordedValue(primary, key, from) : (from ?? null),
      to: isBuiltIn ? recordedValue(secondary, key, to) : (to ?? null),
    };
    return true;
  };

  for (const key of MERGE_BUILT_IN_FIELDS) {
    const value = secondary.row[key satisfies MergeBuiltInField];
    if (decide(key, true, primary.row[key], value)) Object.assign(plan.set, { [key]: value });
  }
  const attributes = { ...primary.row.attributes };
  let attributesChanged = false;
  for (const key of attributeKeys) {
    const value = secondary.row.attributes[key];
    if (!decide(key, false, primary.row.attributes[key], value)) continue;
    attributesChanged = true;
    if (isBlank(value)) delete attributes[key];
    else attributes[key] = value;
  }
  if (attributesChanged) plan.attributes = attributes;
  return plan;
}
