import type { ExportFormat } from '@kindling/contracts/leads';
import { openCsvFile } from './csv';
import { openXlsxFile } from './xlsx';

/** A calendar value: `at` holds the wall-clock time in its UTC fields (shown as is, without a zone). */
export interface DateCell {
  at: Date;
  withTime: boolean;
}

/** What an export cell holds: text, a number, a date or date-time, or nothing. Never a formula. */
export type SheetCell = string | number | DateCell | null;

export interface SheetWriter {
  write(row: SheetCell[]): Promise<void>;
  close(): Promise<void>;
}

/** 2024-06-01, or 2024-06-01 08:30:00 with the time. */
export function dateCellText({ at, withTime }: DateCell): string {
  const iso = at.toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
}

export const SHEET_EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx' };

/** Streams rows to a CSV (UTF-8 with BOM) or XLSX file; formulas are neutralised in both. */
export async function openSheetFile(
  format: ExportFormat,
  filePath: string,
  sheetName: string,
  header: string[],
): Promise<SheetWriter> {
  if (format === 'xlsx') return openXlsxFile(filePath, sheetName, header);
  const csv = await openCsvFile(filePath, header);
  return {
    write: (cells) =>
      csv.write(cells.map((cell) => (cell !== null && typeof cell === 'object' ? dateCellText(cell) : cell))),
    close: () => csv.close(),
  };
}
