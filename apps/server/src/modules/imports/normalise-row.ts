import type { ImportPlan } from './import-plan';
import { IDENTITY_LEAD_KEYS, type ImportedLeadKey } from '@kindling/contracts/imports';
import type { RowValues } from './lead-values';
import { MAX_CELL_CHARS, type RejectionReason } from './rejection-reasons';
import { cellText, isBlankRow, type SheetCell, type SheetRecord } from './sheet-source';

/** A data row that reads cleanly: what it says about a lead. */
export interface ImportRow {
  row: number;
  /** As read, for the error report should the row be refused when it meets the database. */
  cells: SheetCell[];
  values: RowValues;
  /** Custom field values (normalised; only non-blank ones). */
  attributes: Record<string, unknown>;
}

/** A data row that cannot be imported, with everything the error report shows about it. */
export interface RejectedRow {
  row: number;
  /** The row's cells as text, or the raw line when the row could not be split into cells. */
  cells: string[];
  reasons: RejectionReason[];
}

export type RowOutcome = { ok: true; row: ImportRow } | { ok: false; rejected: RejectedRow };

export const rejectRow = (row: number, cells: SheetCell[], reasons: RejectionReason[]): RejectedRow => ({
  row,
  cells: cells.map(cellText),
  reasons,
});

const rejected = (row: number, cells: SheetCell[], reasons: RejectionReason[]): RowOutcome => ({
  ok: false,
  rejected: rejectRow(row, cells, reasons),
});

/**
 * Reads one data row through the plan: broken lines, wrong cell counts and oversized cells are rejected before
 * any value is looked at; then every mapped value is converted (all problems of the row are reported together).
 * Returns null for a blank row, which is not a data row at all.
 */
export function normaliseRecord(plan: ImportPlan, record: SheetRecord): RowOutcome | null {
  if ('broken' in record) {
    return {
      ok: false,
      rejected: { row: record.row, cells: [record.broken.raw], reasons: [{ code: record.broken.reason }] },
    };
  }
  const { row, cells } = record;
  if (isBlankRow(cells)) return null;
  if (plan.exactCellCount && cells.length !== plan.headers.length) {
    return rejected(row, cells, [{ code: 'column_count', cells: cells.length, expected: plan.headers.length }]);
  }
  const tooLong = cells.findIndex((cell) => typeof cell === 'string' && cell.length > MAX_CELL_CHARS);
  if (tooLong !== -1) {
    const preview = cells.map((cell) => (typeof cell === 'string' ? cell.slice(0, 200) : cell));
    return rejected(row, preview, [
      { code: 'cell_too_long', column: plan.headers[tooLong] ?? `Column ${tooLong + 1}` },
    ]);
  }
  const values: RowValues = {};
  const attributes: Record<string, unknown> = {};
  const reasons: RejectionReason[] = [];
  for (const column of plan.columns) {
    const cell = cells[column.index] ?? null;
    const converted = column.convert(cell);
    if (!converted.ok) {
      reasons.push({
        code: 'invalid_value',
        column: column.header,
        problem: converted.problem,
        value: cellText(cell),
        ...(converted.max === undefined ? {} : { max: converted.max }),
      });
      continue;
    }
    if (converted.value === null) continue;
    if (column.builtIn) values[column.key as ImportedLeadKey] = converted.value as string;
    else attributes[column.key] = converted.value;
  }
  if (reasons.length > 0) return rejected(row, cells, reasons);
  if (!IDENTITY_LEAD_KEYS.some((key) => values[key] !== undefined))
    return rejected(row, cells, [{ code: 'no_identity' }]);
  return { ok: true, row: { row, cells, values, attributes } };
}
