import { createReadStream } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import iconv from 'iconv-lite';
import { BROKEN_LINE_MARKER, CsvRecordGuard, DEFAULT_GUARD_LIMITS, type RecordOrigin } from './csv-record-guard';
import type { FileFormat } from './file-format';
import type { SheetRecord, SheetSource } from './sheet-source';

const isUtf8 = (encoding: string) => /^utf-?8$/i.test(encoding);

/** Old Mac Excel ends lines with a lone \r: make them \n so the guard and csv-parse see ordinary lines. */
function crToLf(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const copy = Buffer.from(chunk);
      for (let i = copy.indexOf(0x0d); i !== -1; i = copy.indexOf(0x0d, i + 1)) copy[i] = 0x0a;
      callback(null, copy);
    },
  });
}

/** UTF-8 bytes of the file: read as is when it is UTF-8, otherwise transcoded (GB18030, UTF-16, …). */
function utf8Stages(format: FileFormat): NodeJS.ReadWriteStream[] {
  const encoding = format.encoding ?? 'UTF-8';
  const stages: NodeJS.ReadWriteStream[] = isUtf8(encoding)
    ? []
    : [iconv.decodeStream(encoding), iconv.encodeStream('utf8')];
  if (format.crLineBreaks) stages.push(crToLf());
  return stages;
}

function toRecord(origin: RecordOrigin | undefined, cells: string[]): SheetRecord {
  if (typeof origin === 'object') {
    if (cells.length === 1 && cells[0] === BROKEN_LINE_MARKER) return { row: origin.line, broken: origin };
    return { row: origin.line, cells };
  }
  return { row: origin ?? 0, cells };
}

/**
 * Streams a CSV as rows: file → (transcoding to UTF-8) → `CsvRecordGuard` → csv-parse. Lines the guard took out
 * and records csv-parse skips come out as broken rows, in file order, and the rest of the file is still read.
 */
export function openCsvSheet(filePath: string, format: FileFormat): SheetSource {
  const delimiter = format.delimiter ?? ',';
  const file = createReadStream(filePath, { highWaterMark: 64 * 1024 });
  const guard = new CsvRecordGuard(delimiter);
  const skipped: SheetRecord[] = [];
  const options: Options<SheetRecord, string[]> = {
    delimiter,
    record_delimiter: ['\r\n', '\n'],
    // Stray quotes inside a cell are text; an opening quote that never closes is the guard's business.
    relax_quotes: true,
    // Rows with a different number of cells are reported per row by the importer.
    relax_column_count: true,
    skip_empty_lines: true,
    // Anything csv-parse still cannot read is skipped (and reported), never fatal for the file.
    skip_records_with_error: true,
    max_record_size: DEFAULT_GUARD_LIMITS.maxRecordBytes * 2,
    on_record: (cells) => toRecord(guard.nextRecord(), cells),
  };
  // csv-parse's types only let on_record change the record's type together with `columns`.
  const parser = parse(options as unknown as Options);
  parser.on('skip', (error: CsvError & { record?: unknown }) => {
    const origin = guard.nextRecord();
    const raw = Array.isArray(error.record) ? error.record.join(delimiter) : '';
    const row = typeof origin === 'object' ? origin.line : (origin ?? 0);
    skipped.push({ row, broken: { reason: 'malformed_row', raw: raw.slice(0, 2_000) } });
  });
  // Errors anywhere (an unreadable file) surface through the iteration below.
  const stages: (Readable | NodeJS.ReadWriteStream)[] = [file, ...utf8Stages(format), guard, parser];
  pipeline(stages, () => {});

  async function* records(): AsyncGenerator<SheetRecord> {
    for await (const record of parser as AsyncIterable<SheetRecord>) {
      while (skipped.length > 0) yield skipped.shift() as SheetRecord;
      yield record;
    }
    while (skipped.length > 0) yield skipped.shift() as SheetRecord;
  }

  return {
    records: records(),
    bytesRead: () => file.bytesRead,
    close: () => parser.destroy(),
  };
}
