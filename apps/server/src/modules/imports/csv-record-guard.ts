import { Transform, type TransformCallback } from 'node:stream';

/** Why the guard took a line out of the stream. */
export type BrokenLineReason = 'unclosed_quote' | 'row_too_long';

export interface BrokenLine {
  line: number;
  reason: BrokenLineReason;
  /** The line as it was in the file (cut to a readable length for the error report). */
  raw: string;
}

export interface GuardLimits {
  /** A line longer than this (bytes) is dropped: a real row is far shorter (cells are capped at 10,000 characters). */
  maxLineBytes: number;
  /** A quoted cell may span lines, but not more than this many … */
  maxRecordLines: number;
  /** … nor this many bytes: past either, its opening quote is taken to be a stray one. */
  maxRecordBytes: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = {
  maxLineBytes: 2_000_000,
  maxRecordLines: 1_000,
  maxRecordBytes: 2_000_000,
};

/** What the guard writes in place of a broken line: csv-parse reads it as a record of one cell. */
export const BROKEN_LINE_MARKER = '\u0001kindling:broken-line\u0001';
const MARKER_LINE = Buffer.from(`${BROKEN_LINE_MARKER}\n`);

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const RAW_PREVIEW_BYTES = 2_000;

/** How a line leaves the quoting: closed, still inside a quoted cell, or a continued cell closed irregularly. */
export type LineEnd = 'closed' | 'open' | 'bad_close';

/**
 * Reads one line (without its line break) as csv-parse does with `relax_quotes`: a quote opens a cell only at the
 * cell's start; inside, `""` is a quote character, and a quote followed by anything but the delimiter or the line's
 * end closes the quoting, leaving the rest of the cell as plain text. That last case on a line that continues a
 * cell from an earlier line is `bad_close`: a real multi-line cell ends with a proper closing quote, so the opening
 * quote was a stray one.
 */
export function scanLine(view: Buffer, delimiter: number, startsInside: boolean): LineEnd {
  let inside = startsInside;
  let continued = startsInside;
  let fieldStart = !startsInside;
  let i = 0;
  for (;;) {
    if (inside) {
      const quote = view.indexOf(QUOTE, i);
      if (quote === -1) return 'open';
      if (view[quote + 1] === QUOTE) {
        i = quote + 2;
        continue;
      }
      inside = false;
      if (quote + 1 >= view.length) return 'closed';
      fieldStart = view[quote + 1] === delimiter;
      if (!fieldStart && continued) return 'bad_close';
      continued = false;
      i = fieldStart ? quote + 2 : quote + 1;
      continue;
    }
    if (fieldStart && view[i] === QUOTE) {
      inside = true;
      fieldStart = false;
      i += 1;
      continue;
    }
    const next = view.indexOf(delimiter, i);
    if (next === -1) return 'closed';
    i = next + 1;
    fieldStart = true;
  }
}

interface PendingLine {
  /** The line with its line break, as it was in the file. */
  bytes: Buffer;
  number: number;
  /** Cached scans, so replaying the lines after a broken one never scans any line more than twice. */
  fromInside?: LineEnd;
  fromOutside?: LineEnd;
}

/** Where csv-parse's next record came from: the line it starts on, or a line the guard took out. */
export type RecordOrigin = number | BrokenLine;

/** The line without its line break (\n or \r\n). */
function content(bytes: Buffer): Buffer {
  let end = bytes.length;
  if (bytes[end - 1] === LF) end -= 1;
  if (bytes[end - 1] === CR) end -= 1;
  return bytes.subarray(0, end);
}

/**
 * Keeps one bad line from swallowing the rest of a CSV. csv-parse reads an unbalanced quote as the start of a cell
 * that runs to the end of the file, and does not recover after such an error. This stream sits in front of it,
 * on UTF-8 bytes (a quote, delimiter or line break byte never occurs inside a multi-byte character), and follows
 * the quoting line by line. When a quoted cell does not close properly (by the end of the file, within sane
 * limits, with a proper closing quote) the line that opened it is replaced by `BROKEN_LINE_MARKER` and reading
 * goes on from the next line. Lines without quotes pass through untouched, in large slices.
 *
 * It also tells the reader where each record csv-parse emits starts (`nextRecord()`, in order): csv-parse's own
 * line count drifts on \r\n inside quoted cells.
 */
export class CsvRecordGuard extends Transform {
  private readonly origins: RecordOrigin[] = [];
  private originsHead = 0;
  private partial: Buffer | null = null;
  private partialTooLong = false;
  private started = false;
  private lineNumber = 0;
  private open: PendingLine[] = [];
  private openBytes = 0;
  private out: Buffer[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly limits: GuardLimits = DEFAULT_GUARD_LIMITS,
  ) {
    super();
    if (Buffer.byteLength(delimiter) !== 1) throw new Error('CsvRecordGuard: the delimiter must be one byte');
  }

  /** Origin of the next record csv-parse emits (or skips); every record has exactly one. */
  nextRecord(): RecordOrigin | undefined {
    const origin = this.origins[this.originsHead];
    if (origin === undefined) return undefined;
    this.originsHead += 1;
    if (this.originsHead > 4096 && this.originsHead * 2 > this.origins.length) {
      this.origins.splice(0, this.originsHead);
      this.originsHead = 0;
    }
    return origin;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let buf = this.partial ? Buffer.concat([this.partial, chunk]) : chunk;
    this.partial = null;
    if (!this.started) {
      this.started = true;
      if (buf.subarray(0, 3).equals(UTF8_BOM)) buf = buf.subarray(3);
    }
    const lastBreak = buf.lastIndexOf(LF);
    if (this.partialTooLong) {
      // Still inside a runaway line: skip to its end, keeping its start for the error report.
      if (lastBreak === -1) {
        this.partial = Buffer.from(buf.subarray(0, RAW_PREVIEW_BYTES));
        return callback();
      }
      const end = buf.indexOf(LF);
      this.completeLine(buf.subarray(0, end + 1));
      buf = buf.subarray(end + 1);
      this.processLines(buf, buf.lastIndexOf(LF));
    } else {
      this.processLines(buf, lastBreak);
    }
    const rest = buf.subarray(buf.lastIndexOf(LF) + 1);
    if (rest.length > this.limits.maxLineBytes) {
      this.partial = Buffer.from(rest.subarray(0, RAW_PREVIEW_BYTES));
      this.partialTooLong = true;
    } else if (rest.length > 0) {
      this.partial = Buffer.from(rest);
    }
    this.flushOut();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.partial || this.partialTooLong) this.completeLine(this.partial ?? Buffer.alloc(0));
    this.partial = null;
    while (this.open.length > 0) this.breakOpenRecord();
    this.flushOut();
    callback();
  }

  /** Every complete line of `buf` up to `lastBreak`; quote-free lines outside a quoted cell pass in one slice. */
  private processLines(buf: Buffer, lastBreak: number): void {
    let pos = 0;
    let passFrom = 0;
    let nextQuote = buf.indexOf(QUOTE);
    while (pos <= lastBreak) {
      const end = buf.indexOf(LF, pos);
      if (this.open.length === 0 && (nextQuote === -1 || nextQuote > end)) {
        this.lineNumber += 1;
        if (end > pos && !(end === pos + 1 && buf[pos] === CR)) this.origins.push(this.lineNumber);
        pos = end + 1;
        continue;
      }
      if (passFrom < pos) this.out.push(buf.subarray(passFrom, pos));
      this.completeLine(buf.subarray(pos, end + 1));
      pos = end + 1;
      passFrom = pos;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
    }
    if (passFrom < pos) this.out.push(buf.subarray(passFrom, pos));
  }

  private completeLine(bytes: Buffer): void {
    this.lineNumber += 1;
    const line: PendingLine = { bytes: Buffer.from(bytes), number: this.lineNumber };
    if (this.partialTooLong) {
      this.partialTooLong = false;
      // A runaway line also ends any open record: its quote cannot have been a real one.
      while (this.open.length > 0) this.breakOpenRecord();
      this.markBroken(line, 'row_too_long');
      return;
    }
    this.place(line);
  }

  /** Adds a line to the output, or to the open record it continues. */
  private place(line: PendingLine): void {
    if (this.open.length === 0) {
      line.fromOutside ??= scanLine(content(line.bytes), this.delimiter.charCodeAt(0), false);
      if (line.fromOutside === 'closed') {
        // An empty line is no record (csv-parse skips it): nothing to pass on.
        if (content(line.bytes).length === 0) return;
        this.origins.push(line.number);
        this.out.push(line.bytes);
        return;
      }
      this.open = [line];
      this.openBytes = line.bytes.length;
      return;
    }
    this.open.push(line);
    this.openBytes += line.bytes.length;
    line.fromInside ??= scanLine(content(line.bytes), this.delimiter.charCodeAt(0), true);
    if (line.fromInside === 'bad_close') {
      this.breakOpenRecord();
      return;
    }
    if (line.fromInside === 'closed') {
      const first = this.open[0];
      if (first) this.origins.push(first.number);
      this.out.push(...this.open.map((l) => l.bytes));
      this.open = [];
      this.openBytes = 0;
      return;
    }
    if (this.open.length > this.limits.maxRecordLines || this.openBytes > this.limits.maxRecordBytes) {
      this.breakOpenRecord();
    }
  }

  /** The open record's first line opened a quote that never closes: take it out and re-read the lines after it. */
  private breakOpenRecord(): void {
    const [first, ...rest] = this.open;
    this.open = [];
    this.openBytes = 0;
    if (!first) return;
    this.markBroken(first, 'unclosed_quote');
    for (const line of rest) this.place(line);
  }

  private markBroken(line: PendingLine, reason: BrokenLineReason): void {
    const raw = content(line.bytes).subarray(0, RAW_PREVIEW_BYTES).toString('utf8');
    this.origins.push({ line: line.number, reason, raw });
    this.out.push(MARKER_LINE);
  }

  private flushOut(): void {
    if (this.out.length === 0) return;
    this.push(this.out.length === 1 ? this.out[0] : Buffer.concat(this.out));
    this.out = [];
  }
}
