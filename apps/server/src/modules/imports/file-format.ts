import { open } from 'node:fs/promises';
import { IMPORT_FILE_PROBLEMS, type ImportFileProblem, type ImportFormat } from '@kindling/contracts/imports';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { invalid } from '../../platform/http/errors';

/** How to read an uploaded file: the sheet format and, for CSV, its text encoding and delimiter. */
export interface FileFormat {
  format: ImportFormat;
  /** iconv-lite name of the CSV's encoding ('UTF-8', 'GB18030', …); null for XLSX. */
  encoding: string | null;
  /** CSV field delimiter; null for XLSX. */
  delimiter: string | null;
  /** A CSV whose lines end in a lone \r (old Mac Excel); \n and \r\n files are read alike. */
  crLineBreaks: boolean;
}

/** Enough text for encoding detection and a dozen lines for delimiter sniffing, without reading the whole file. */
const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;

const startsWith = (sample: Buffer, bytes: number[]) => bytes.every((byte, i) => sample[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];

/** 400 "file" errors: the upload is refused and nothing is kept. */
export function unreadableFile(problem: ImportFileProblem) {
  const message = IMPORT_FILE_PROBLEMS[problem];
  return invalid([{ path: 'file', message }], message);
}

/** UTF-8 that may be cut mid-character at the end of the sample. */
function isUtf8(sample: Buffer, truncated: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= (truncated ? 3 : 0); cut++) {
    try {
      decoder.decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // Try again without the last bytes: a multi-byte character may straddle the sample's end.
    }
  }
  return false;
}

/**
 * chardet's best guess, leaning to GB18030: short Chinese samples score the same for GBK, Big5, EUC-KR and
 * EUC-JP, and a Chinese product's users mostly mean GBK (what Excel zh-CN saves as "CSV").
 */
function guessLegacyEncoding(sample: Buffer): string {
  const matches = chardet.analyse(sample);
  const top = matches[0];
  const chinese = matches.find((m) => m.name === 'GB18030');
  if (!top || (chinese && (chinese.confidence >= top.confidence || top.confidence < 50))) return 'GB18030';
  return iconv.encodingExists(top.name) ? top.name : 'GB18030';
}

function detectEncoding(sample: Buffer, truncated: boolean): string {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return 'UTF-8';
  if (startsWith(sample, [0xff, 0xfe])) return 'UTF-16LE';
  if (startsWith(sample, [0xfe, 0xff])) return 'UTF-16BE';
  if (isUtf8(sample, truncated)) {
    if (sample.includes(0)) throw unreadableFile('notSpreadsheet');
    return 'UTF-8';
  }
  const encoding = guessLegacyEncoding(sample);
  if (!encoding.startsWith('UTF-16') && sample.includes(0)) {
    throw unreadableFile('notSpreadsheet');
  }
  return encoding;
}

/** Quoted text may hold any delimiter: only what is outside quotes counts. */
const QUOTED = /"(?:[^"]|"")*"/g;

/** The candidate that splits the first lines most consistently (same count on each line, more is better). */
function detectDelimiter(text: string): string {
  const lines = text
    .replace(QUOTED, '')
    .split(/\r\n|\n|\r/)
    .slice(0, 20);
  // The last line of the sample may be cut short.
  if (lines.length > 1) lines.pop();
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.filter((l) => l.trim() !== '').map((l) => l.split(delimiter).length - 1);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((n) => n === header).length;
    const score = consistent * 1000 + header;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/**
 * Looks at the first 64 KB: XLSX by the zip signature, otherwise CSV with its encoding (BOM, valid UTF-8, else
 * chardet) and delimiter. Refuses (400) empty files and ones that are clearly not a spreadsheet.
 */
export async function detectFileFormat(filePath: string): Promise<FileFormat> {
  const handle = await open(filePath, 'r');
  let sample: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (size === 0) throw unreadableFile('empty');
  if (startsWith(sample, ZIP)) return { format: 'xlsx', encoding: null, delimiter: null, crLineBreaks: false };
  if (startsWith(sample, OLE2)) {
    throw unreadableFile('oldExcel');
  }
  if (startsWith(sample, PDF)) throw unreadableFile('notSpreadsheet');
  const encoding = detectEncoding(sample, size > sample.length);
  const text = iconv.decode(sample, encoding);
  if (text.trim() === '') throw unreadableFile('empty');
  const crLineBreaks = text.includes('\r') && !text.includes('\n');
  return { format: 'csv', encoding, delimiter: detectDelimiter(text), crLineBreaks };
}
