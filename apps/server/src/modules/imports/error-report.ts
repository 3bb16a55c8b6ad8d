import { openCsvFile, type CsvWriter } from '../../platform/export/csv';
import type { RejectedRow } from './normalise-row';
import { describeRejections, type ReportLanguage } from './rejection-reasons';

const LABELS: Record<ReportLanguage, { row: string; reason: string }> = {
  'zh-CN': { row: '行号', reason: '错误原因' },
  en: { row: 'Row', reason: 'Reason' },
};

/**
 * The downloadable list of rejected rows: row number, reason, then the row's original cells under the file's own
 * headers (so a user can fix the rows and import the report again). UTF-8 with BOM, formulas neutralised; the
 * file is only created once there is something to put in it.
 */
export class ErrorReport {
  private writer: CsvWriter | null = null;
  rows = 0;

  constructor(
    private readonly filePath: string,
    private readonly headers: readonly string[],
    private readonly language: ReportLanguage,
  ) {}

  async write(rejected: readonly RejectedRow[]): Promise<void> {
    if (rejected.length === 0) return;
    const labels = LABELS[this.language];
    this.writer ??= await openCsvFile(this.filePath, [labels.row, labels.reason, ...this.headers]);
    for (const row of rejected) {
      await this.writer.write([row.row, describeRejections(row.reasons, this.language), ...row.cells]);
    }
    this.rows += rejected.length;
  }

  async close(): Promise<void> {
    await this.writer?.close();
    this.writer = null;
  }
}
