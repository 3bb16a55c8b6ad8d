import { createReadStream } from 'node:fs';
import ExcelJS, { type CellValue, type Row } from 'exceljs';
import type { SheetCell, SheetSource } from './sheet-source';

/** What a user sees in the cell: formulas give their cached result (never evaluated), rich text its plain text. */
export function xlsxCellValue(value: CellValue | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return xlsxCellValue(value.result as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('text' in value) return typeof value.text === 'string' ? value.text : xlsxCellValue(value.text as CellValue);
  if ('error' in value) return null;
  return null;
}

function rowCells(row: Row): SheetCell[] {
  // `values` is 1-based and sparse: index 0 is unused, missing cells are holes.
  const values = row.values as (CellValue | undefined)[];
  const cells: SheetCell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(xlsxCellValue(values[i]));
  return cells;
}

/**
 * Streams the first worksheet of an XLSX with exceljs's streaming reader (shared strings are kept; a sheet stored
 * before them in the zip is spooled to a temporary file by exceljs). Date-formatted numbers come out as dates.
 */
export function openXlsxSheet(filePath: string): SheetSource {
  const file = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });

  async function* records() {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) yield { row: row.number, cells: rowCells(row) };
      return;
    }
  }

  return {
    records: records(),
    bytesRead: () => file.bytesRead,
    close: () => file.destroy(),
  };
}
