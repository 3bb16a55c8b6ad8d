import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab/CR) runs as a formula when the file is
 * opened in Excel. Prefixing a single quote makes it text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface CsvWriter {
  write(row: (string | number | null | undefined)[]): Promise<void>;
  close(): Promise<void>;
}

/** Streams rows to a UTF-8 CSV with BOM (so Excel reads Chinese text correctly), formulas neutralised. */
export async function openCsvFile(filePath: string, header: string[]): Promise<CsvWriter> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const out = createWriteStream(filePath);
  out.write('\uFEFF');
  const csv = stringify();
  csv.pipe(out);
  const put = (row: (string | number | null | undefined)[]) =>
    new Promise<void>((resolve) => {
      const cells = row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : (cell ?? '')));
      if (csv.write(cells)) resolve();
      else csv.once('drain', resolve);
    });
  await put(header);
  return {
    write: put,
    async close() {
      csv.end();
      await finished(out);
    },
  };
}
