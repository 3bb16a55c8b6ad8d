import type { BrokenLineReason } from './csv-record-guard';

/** A cell as a spreadsheet gives it: CSV cells are always text; XLSX cells keep their numbers, dates and booleans. */
export type SheetCell = string | number | boolean | Date | null;

export type BrokenRowReason = BrokenLineReason | 'malformed_row';

/** One row of the file; `row` is the 1-based row (line) number a user sees when opening the file. */
export type SheetRecord =
  { row: number; cells: SheetCell[] } | { row: number; broken: { reason: BrokenRowReason; raw: string } };

/** A sheet read as a stream: memory stays flat however large the file. */
export interface SheetSource {
  records: AsyncIterable<SheetRecord>;
  /** Bytes of the file consumed so far, for a progress estimate. */
  bytesRead(): number;
  /** Stops reading and releases the file (for reading just the first rows). */
  close(): void;
}

/** A cell as text, for previews and the error report (dates as YYYY-MM-DD, or with the time when there is one). */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  return String(cell);
}

export function isBlankRow(cells: SheetCell[]): boolean {
  return cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}
