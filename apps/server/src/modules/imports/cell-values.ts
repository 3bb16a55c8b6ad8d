import type { FieldDefinition, FieldOption } from '@kindling/contracts/fields';
import { ZPhoneField } from '@kindling/contracts/leads';
import { z } from 'zod';
import { normaliseValue } from '../fields/values';
import type { ValueProblem } from './rejection-reasons';
import { cellText, type SheetCell } from './sheet-source';
import { zonedToUtc } from './zoned-time';

/** A cell read as a field's value: the stored form (null = no value), or what is wrong with it. */
export type Converted = { ok: true; value: unknown } | { ok: false; problem: ValueProblem; max?: number };
export type CellConverter = (cell: SheetCell) => Converted;

const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (problem: ValueProblem, max?: number): Converted =>
  max === undefined ? { ok: false, problem } : { ok: false, problem, max };

/** Trimmed text of a cell; '' when blank. */
const textOf = (cell: SheetCell): string => cellText(cell).trim();

/**
 * Remembers the answers for repeated cell texts (options, booleans, dates, URLs repeat a lot in real files), so a
 * million rows cost a few thousand conversions. Bounded: cleared when it grows large.
 */
function memoised(convert: CellConverter): CellConverter {
  const seen = new Map<string, Converted>();
  return (cell) => {
    if (typeof cell !== 'string') return convert(cell);
    const hit = seen.get(cell);
    if (hit) return hit;
    const result = convert(cell);
    if (seen.size >= 20_000) seen.clear();
    seen.set(cell, result);
    return result;
  };
}

/** Trimmed text up to `max` characters, as the API's `text(max)` schemas accept it. */
export function textConverter(max: number): CellConverter {
  return (cell) => {
    const text = textOf(cell);
    if (text === '') return ok(null);
    return text.length > max ? fail('too_long', max) : ok(text);
  };
}

/** Same result as the API's `ZEmailField` (trim, lower-case, zod's email pattern, 254 characters), without zod. */
export function convertEmail(cell: SheetCell): Converted {
  const text = textOf(cell).toLowerCase();
  if (text === '') return ok(null);
  return text.length <= 254 && z.regexes.email.test(text) ? ok(text) : fail('email');
}

/** Same result as the API's `ZPhoneField` (E.164; numbers without a country code are mainland China). */
export function convertPhone(cell: SheetCell): Converted {
  const text = textOf(cell);
  if (text === '') return ok(null);
  // No shortcut for "1 + 10 digits": not every such number is a valid mobile (120…, 1 00…), and the import must
  // accept exactly what the API accepts.
  const parsed = ZPhoneField.safeParse(text);
  return parsed.success ? ok(parsed.data) : fail('phone');
}

const normaliseLabel = (text: string) => text.trim().toLowerCase();

/** An option by its value or its Chinese or English label (case-insensitive); values win over labels. */
export function optionLookup(options: readonly FieldOption[]): (text: string) => string | undefined {
  const byText = new Map<string, string>();
  for (const option of options) {
    byText.set(normaliseLabel(option.label['zh-CN']), option.value);
    byText.set(normaliseLabel(option.label.en), option.value);
  }
  for (const option of options) byText.set(normaliseLabel(option.value), option.value);
  return (text) => byText.get(normaliseLabel(text));
}

export function optionConverter(options: readonly FieldOption[]): CellConverter {
  const lookup = optionLookup(options);
  return memoised((cell) => {
    const text = textOf(cell);
    if (text === '') return ok(null);
    const value = lookup(text);
    return value === undefined ? fail('option') : ok(value);
  });
}

const MULTI_SEPARATORS = /[,;、|，；]/;

function multiOptionConverter(options: readonly FieldOption[]): CellConverter {
  const lookup = optionLookup(options);
  return memoised((cell) => {
    const parts = textOf(cell)
      .split(MULTI_SEPARATORS)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (parts.length === 0) return ok(null);
    const values: string[] = [];
    for (const part of parts) {
      const value = lookup(part);
      if (value === undefined) return fail('option');
      if (!values.includes(value)) values.push(value);
    }
    return ok(values);
  });
}

const TRUE_TEXTS = new Set(['true', 'yes', 'y', '是', '1']);
const FALSE_TEXTS = new Set(['false', 'no', 'n', '否', '0']);

function convertBoolean(cell: SheetCell): Converted {
  if (typeof cell === 'boolean') return ok(cell);
  const text = textOf(cell).toLowerCase();
  if (text === '') return ok(null);
  if (TRUE_TEXTS.has(text)) return ok(true);
  if (FALSE_TEXTS.has(text)) return ok(false);
  return fail('boolean');
}

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, optionally followed by a time (14:30 or 14:30:15). */
const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

const pad = (n: number | string) => String(n).padStart(2, '0');

interface ParsedDate {
  date: string;
  time: { hour: number; minute: number; second: number } | null;
}

function parseDateText(text: string): ParsedDate | null {
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${pad(m[2] ?? '')}-${pad(m[3] ?? '')}`;
  const time = m[4] === undefined ? null : { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) };
  return { date, time };
}

/** Excel stores a date as the wall-clock time; exceljs hands it over as that time in UTC. */
const excelDate = (date: Date) => date.toISOString().slice(0, 10);

function dateConverter(def: FieldDefinition): CellConverter {
  return memoised((cell) => {
    let text: string;
    if (cell instanceof Date) text = excelDate(cell);
    else if (typeof cell === 'number' || typeof cell === 'boolean') return fail('date');
    else text = textOf(cell);
    if (text === '') return ok(null);
    const parsed = parseDateText(text);
    const result = normaliseValue(def, parsed ? parsed.date : text, 'write');
    return result.ok ? result : fail('date');
  });
}

function dateTimeConverter(def: FieldDefinition, timeZone: string): CellConverter {
  return memoised((cell) => {
    let candidate: string;
    if (cell instanceof Date) {
      candidate = zonedToUtc(
        {
          year: cell.getUTCFullYear(),
          month: cell.getUTCMonth() + 1,
          day: cell.getUTCDate(),
          hour: cell.getUTCHours(),
          minute: cell.getUTCMinutes(),
          second: cell.getUTCSeconds(),
        },
        timeZone,
      ).toISOString();
    } else if (typeof cell === 'number' || typeof cell === 'boolean') {
      return fail('datetime');
    } else {
      candidate = textOf(cell);
      if (candidate === '') return ok(null);
      const parsed = parseDateText(candidate);
      if (parsed) {
        const [year, month, day] = parsed.date.split('-').map(Number);
        if (!normaliseValue({ type: 'date', options: [] }, parsed.date, 'write').ok) return fail('datetime');
        const time = parsed.time ?? { hour: 0, minute: 0, second: 0 };
        if (time.hour > 23 || time.minute > 59 || time.second > 59) return fail('datetime');
        candidate = zonedToUtc({ year: year ?? 0, month: month ?? 0, day: day ?? 0, ...time }, timeZone).toISOString();
      }
    }
    const result = normaliseValue(def, candidate, 'write');
    return result.ok ? result : fail('datetime');
  });
}

const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function convertNumber(cell: SheetCell): Converted {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('number');
  if (cell instanceof Date || typeof cell === 'boolean') return fail('number');
  let text = textOf(cell);
  if (THOUSANDS.test(text)) text = text.replaceAll(',', '');
  const result = normaliseValue({ type: 'number', options: [] }, text, 'write');
  return result.ok ? result : fail('number');
}

export interface MemberRef {
  userId: string;
  email: string;
  name: string;
}

/** A workspace member by email (case-insensitive) or exact name; a name two members share is refused. */
export function memberConverter(members: readonly MemberRef[]): CellConverter {
  const byEmail = new Map(members.map((m) => [m.email.toLowerCase(), m.userId]));
  const byName = new Map<string, string[]>();
  for (const member of members)
    byName.set(member.name.trim(), [...(byName.get(member.name.trim()) ?? []), member.userId]);
  return memoised((cell) => {
    const text = textOf(cell);
    if (text === '') return ok(null);
    const byMail = byEmail.get(text.toLowerCase());
    if (byMail) return ok(byMail);
    const named = byName.get(text) ?? [];
    if (named.length > 1) return fail('ambiguous_member');
    return named[0] ? ok(named[0]) : fail('member');
  });
}

/** Everything else goes through the fields module's own check, as the API does. */
function checkedText(def: FieldDefinition, problem: ValueProblem, max?: number): CellConverter {
  return (cell) => {
    const result = normaliseValue(def, textOf(cell), 'write');
    return result.ok ? result : fail(problem, max);
  };
}

/**
 * Reads cells for a custom field the way people fill spreadsheets: dates as 2024/3/5 or Excel dates, booleans as
 * 是/否 or yes/no, options by value or label, lists split on , ; 、 |. The result is then what `normaliseValue`
 * (the fields module, as used by the API) accepts and stores.
 */
export function customFieldConverter(def: FieldDefinition, timeZone: string): CellConverter {
  switch (def.type) {
    case 'number':
      return convertNumber;
    case 'date':
      return dateConverter(def);
    case 'datetime':
      return dateTimeConverter(def, timeZone);
    case 'boolean':
      return memoised(convertBoolean);
    case 'single_select':
      return optionConverter(def.options);
    case 'multi_select':
      return multiOptionConverter(def.options);
    case 'email':
      return convertEmail;
    case 'phone':
      return convertPhone;
    case 'url':
      return memoised(checkedText(def, 'url'));
    case 'text':
      return checkedText(def, 'too_long', 1000);
    case 'long_text':
      return checkedText(def, 'too_long', 10_000);
    case 'user':
      return () => fail('text');
  }
}
