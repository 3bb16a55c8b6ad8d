import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './csv';
import type { SheetWriter } from './sheet';

const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * Streams rows to an .xlsx file with exceljs's streaming writer: each row is committed (written out and dropped)
 * as it comes, so memory stays flat for a million rows. Text is written as text (never a formula) and still
 * neutralised, in case the sheet is saved as CSV later; numbers as numbers; dates as dates with a date format.
 */
export async function openXlsxFile(filePath: string, sheetName: string, header: string[]): Promise<SheetWriter> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headerRow = sheet.addRow(header.map(neutraliseFormula));
  headerRow.font = { bold: true };
  headerRow.commit();
  return {
    async write(cells) {
      const row = sheet.addRow(
        cells.map((cell) => {
          if (typeof cell === 'string') return neutraliseFormula(cell);
          if (cell !== null && typeof cell === 'object') return cell.at;
          return cell;
        }),
      );
      cells.forEach((cell, i) => {
        if (cell !== null && typeof cell === 'object') {
          row.getCell(i + 1).numFmt = cell.withTime ? DATE_TIME_FORMAT : DATE_FORMAT;
        }
      });
      row.commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
