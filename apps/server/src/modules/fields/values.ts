import type { FieldDefinition, FieldType } from '@kindling/contracts/fields';
import { ZEmailField, ZPhoneField } from '@kindling/contracts/leads';
import { z } from 'zod';

/** A value read as one field type: the stored (normalised) form, null for "no value", or why it does not fit. */
export type ValueResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * `write`: a value someone sends through the API, a form or an import (types must match; a numeric string is a
 * number). `convert`: an already stored value read as another type when a field's type changes (more lenient:
 * anything scalar becomes text, "true"/"false" become booleans, a single value becomes a one-item list).
 */
export type ValueMode = 'write' | 'convert';

type Definition = Pick<FieldDefinition, 'type' | 'options'>;

const MAX_TEXT = 1000;
const MAX_LONG_TEXT = 10_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZDateTime = z.iso.datetime({ offset: true });
const ZUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(2000);

const ok = (value: unknown): ValueResult => ({ ok: true, value });
const fail = (message: string): ValueResult => ({ ok: false, message });

const TYPE_NAMES: Record<FieldType, string> = {
  text: 'text',
  long_text: 'long text',
  number: 'numbers',
  date: 'dates (YYYY-MM-DD)',
  datetime: 'date-times',
  single_select: 'options of this field',
  multi_select: 'lists of options of this field',
  boolean: 'true/false values',
  email: 'email addresses',
  phone: 'phone numbers',
  url: 'http(s) URLs',
  user: 'members',
};

/** "N leads have values that are not <typeName>". */
export const typeName = (type: FieldType): string => TYPE_NAMES[type];

function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function asText(value: unknown, mode: ValueMode, max: number): ValueResult {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (mode === 'convert' && (typeof value === 'number' || typeof value === 'boolean')) text = String(value);
  else if (mode === 'convert' && Array.isArray(value)) text = value.map(String).join(', ');
  else return fail('Expected text');
  text = text.trim();
  if (text === '') return ok(null);
  if (text.length > max) return fail(`At most ${max} characters`);
  return ok(text);
}

function asNumber(value: unknown): ValueResult {
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('Expected a number');
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return ok(null);
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) {
      const n = Number(text);
      if (Number.isFinite(n)) return ok(n);
    }
  }
  return fail('Expected a number');
}

function asDate(value: unknown, mode: ValueMode): ValueResult {
  if (typeof value !== 'string') return fail('Expected a date (YYYY-MM-DD)');
  const text = value.trim();
  if (text === '') return ok(null);
  if (isValidDate(text)) return ok(text);
  if (mode === 'convert' && ZDateTime.safeParse(text).success) return ok(new Date(text).toISOString().slice(0, 10));
  return fail('Expected a date (YYYY-MM-DD)');
}

function asDateTime(value: unknown, mode: ValueMode): ValueResult {
  if (typeof value !== 'string') return fail('Expected an ISO 8601 date-time with a time zone');
  const text = value.trim();
  if (text === '') return ok(null);
  if (ZDateTime.safeParse(text).success) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return ok(date.toISOString());
  }
  if (mode === 'convert' && isValidDate(text)) return ok(`${text}T00:00:00.000Z`);
  return fail('Expected an ISO 8601 date-time with a time zone');
}

function asBoolean(value: unknown, mode: ValueMode): ValueResult {
  if (typeof value === 'boolean') return ok(value);
  if (mode === 'convert') {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (text === 'true' || text === 'yes' || text === '是' || text === 1 || text === '1') return ok(true);
    if (text === 'false' || text === 'no' || text === '否' || text === 0 || text === '0') return ok(false);
  }
  return fail('Expected true or false');
}

function fromSchema(schema: z.ZodType, value: unknown, message: string): ValueResult {
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data ?? null) : fail(parsed.error.issues[0]?.message ?? message);
}

function asSingleSelect(value: unknown, def: Definition, mode: ValueMode): ValueResult {
  let candidate = value;
  if (mode === 'convert' && Array.isArray(value) && value.length === 1) candidate = value[0];
  if (mode === 'convert' && (typeof candidate === 'number' || typeof candidate === 'boolean')) {
    candidate = String(candidate);
  }
  if (typeof candidate !== 'string') return fail('Expected one of the options');
  if (candidate === '') return ok(null);
  return def.options.some((o) => o.value === candidate) ? ok(candidate) : fail(`"${candidate}" is not an option`);
}

function asMultiSelect(value: unknown, def: Definition, mode: ValueMode): ValueResult {
  let list = value;
  if (mode === 'convert' && !Array.isArray(value)) list = [typeof value === 'string' ? value : String(value)];
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) return fail('Expected a list of options');
  const values = [...new Set(list as string[])];
  const unknown = values.find((v) => !def.options.some((o) => o.value === v));
  if (unknown !== undefined) return fail(`"${unknown}" is not an option`);
  return ok(values.length === 0 ? null : values);
}

/** Reads `value` as a value of `def` (null and undefined mean "no value" and come back as null). */
export function normaliseValue(def: Definition, value: unknown, mode: ValueMode = 'write'): ValueResult {
  if (value === null || value === undefined) return ok(null);
  switch (def.type) {
    case 'text':
      return asText(value, mode, MAX_TEXT);
    case 'long_text':
      return asText(value, mode, MAX_LONG_TEXT);
    case 'number':
      return asNumber(value);
    case 'date':
      return asDate(value, mode);
    case 'datetime':
      return asDateTime(value, mode);
    case 'boolean':
      return asBoolean(value, mode);
    case 'email':
      return typeof value === 'string'
        ? fromSchema(ZEmailField, value, 'Invalid email address')
        : fail('Invalid email address');
    case 'phone':
      return typeof value === 'string' || (mode === 'convert' && typeof value === 'number')
        ? fromSchema(ZPhoneField, String(value), 'Invalid phone number')
        : fail('Invalid phone number');
    case 'url': {
      if (typeof value !== 'string') return fail('Expected an http(s) URL');
      const text = value.trim();
      if (text === '') return ok(null);
      return ZUrl.safeParse(text).success ? ok(text) : fail('Expected an http(s) URL');
    }
    case 'single_select':
      return asSingleSelect(value, def, mode);
    case 'multi_select':
      return asMultiSelect(value, def, mode);
    case 'user':
      return fail('Not a custom field type');
  }
}
