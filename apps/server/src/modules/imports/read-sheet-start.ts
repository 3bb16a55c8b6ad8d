import { AppError } from '../../platform/http/errors';
import { unreadableFile, type FileFormat } from './file-format';
import { openSheet } from './open-sheet';
import { isBlankRow, type SheetCell } from './sheet-source';

export interface SheetStart {
  /** The first non-blank row. */
  header: SheetCell[];
  /** Up to `limit` non-blank rows after it (rows that cannot be read are left out of a preview). */
  rows: SheetCell[][];
}

/**
 * Reads the header and the first data rows of a file, then stops (a 200 MB file is not read to the end).
 * A file whose first row cannot be read, or an XLSX that is not a workbook, is refused with 400.
 */
export async function readSheetStart(filePath: string, format: FileFormat, limit: number): Promise<SheetStart> {
  const sheet = openSheet(filePath, format);
  let header: SheetCell[] | null = null;
  const rows: SheetCell[][] = [];
  try {
    for await (const record of sheet.records) {
      if ('broken' in record) {
        if (!header) throw unreadableFile('unreadableHeader');
        continue;
      }
      if (isBlankRow(record.cells)) continue;
      if (!header) header = record.cells;
      else rows.push(record.cells);
      if (rows.length >= limit) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadableFile(format.format === 'xlsx' ? 'unreadableWorkbook' : 'unreadableText');
  } finally {
    sheet.close();
  }
  if (!header) {
    throw unreadableFile(format.format === 'xlsx' ? 'emptyWorksheet' : 'empty');
  }
  return { header, rows };
}
