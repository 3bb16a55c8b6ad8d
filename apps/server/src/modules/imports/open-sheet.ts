import { openCsvSheet } from './csv-sheet';
import type { FileFormat } from './file-format';
import type { SheetSource } from './sheet-source';
import { openXlsxSheet } from './xlsx-sheet';

/** The rows of an uploaded file, whichever format it is in. */
export function openSheet(filePath: string, format: FileFormat): SheetSource {
  if (format.format === 'xlsx') return openXlsxSheet(filePath);
  return openCsvSheet(filePath, format);
}
