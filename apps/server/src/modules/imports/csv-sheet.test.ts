import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsvSheet } from './csv-sheet';
import { detectFileFormat } from './file-format';
import type { SheetRecord } from './sheet-source';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kindling-csv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes the bytes, detects the format as an upload would and reads every record. */
async function readAll(content: string | Buffer): Promise<SheetRecord[]> {
  counter += 1;
  const file = path.join(dir, `f${counter}.csv`);
  await writeFile(file, content);
  const records: SheetRecord[] = [];
  for await (const record of openCsvSheet(file, await detectFileFormat(file)).records) records.push(record);
  return records;
}

const rows = (records: SheetRecord[]) =>
  records.map((r) => ('cells' in r ? [r.row, ...r.cells] : [r.row, r.broken.reason]));

describe('reading CSV', () => {
  it('numbers rows as lines of the file, across quoted line breaks, blank lines and \\r\\n', async () => {
    const records = await readAll('\uFEFFa,b\r\n1,"two\r\nlines"\r\n\r\n3,"say ""hi"""\r\n4,5');
    expect(rows(records)).toEqual([
      [1, 'a', 'b'],
      [2, '1', 'two\r\nlines'],
      [5, '3', 'say "hi"'],
      [6, '4', '5'],
    ]);
  });

  it('takes out a line whose quote never closes and reads on from the next one', async () => {
    const records = await readAll('a,b,c\n1,"2,3\n4,5,6\n"x,1\n"y,2\n7,8,9\n');
    expect(rows(records)).toEqual([
      [1, 'a', 'b', 'c'],
      [2, 'unclosed_quote'],
      [3, '4', '5', '6'],
      [4, 'unclosed_quote'],
      [5, 'unclosed_quote'],
      [6, '7', '8', '9'],
    ]);
    expect(records[1]).toMatchObject({ broken: { raw: '1,"2,3' } });
  });

  it('reads stray quotes inside a cell as text', async () => {
    expect(rows(await readAll('a,b\n5" screen,"quoted"text\n'))).toEqual([
      [1, 'a', 'b'],
      [2, '5" screen', '"quoted"text'],
    ]);
  });

  it('drops a runaway line without holding it, and goes on', async () => {
    const records = await readAll(`a,b\n1,${'x'.repeat(3_000_000)}\n2,3\n`);
    expect(rows(records)).toEqual([
      [1, 'a', 'b'],
      [2, 'row_too_long'],
      [3, '2', '3'],
    ]);
  });

  it('reads GB18030, UTF-16 and old-Mac \\r line ends', async () => {
    const text = '姓名;公司\r张三;"上海,云启"\r李四;北京\r';
    expect(rows(await readAll(iconv.encode(text, 'gb18030')))).toEqual([
      [1, '姓名', '公司'],
      [2, '张三', '上海,云启'],
      [3, '李四', '北京'],
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('名字\t城市\n王五\t深圳\n', 'utf16le')]);
    expect(rows(await readAll(utf16))).toEqual([
      [1, '名字', '城市'],
      [2, '王五', '深圳'],
    ]);
  });

  it('reads every well-formed CSV exactly as csv-parse does, and never loses a line of a malformed one', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'a', ' ', '"', '""', 'x"y', ',', '\n', '\r\n', '张三'),
      fc.string({ maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        async (table) => {
          const text = stringify([['h1', 'h2', 'h3'], ...table]);
          const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
          const records = await readAll(text);
          expect(records.every((r) => 'cells' in r)).toBe(true);
          expect(records.map((r) => ('cells' in r ? r.cells : []))).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', ',', '"', '\n', 'b'), { maxLength: 40 }), async (chars) => {
        const text = `h1,h2\n${chars.join('')}\nend,line\n`;
        const records = await readAll(text);
        // The last line is well-formed: whatever came before, it is still read.
        expect(records.at(-1)).toMatchObject({ cells: ['end', 'line'] });
        const numbers = records.map((r) => r.row);
        expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
      }),
      { numRuns: 100 },
    );
  });
});
