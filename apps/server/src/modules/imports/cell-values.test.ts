import type { FieldDefinition } from '@kindling/contracts/fields';
import { ZEmailField, ZLeadWritable, ZPhoneField } from '@kindling/contracts/leads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertEmail, convertPhone, customFieldConverter } from './cell-values';
import { BUILT_IN_TEXT_LIMITS } from './lead-values';

const field = (type: FieldDefinition['type'], options: FieldDefinition['options'] = []): FieldDefinition => ({
  key: 'f',
  label: { 'zh-CN': 'F', en: 'F' },
  type,
  options,
  required: false,
  unique: false,
  helpText: null,
  builtIn: false,
  archived: false,
  position: 0,
});

const accepted = (result: ReturnType<typeof convertEmail>) => (result.ok ? result.value : 'refused');

/** The API's answer for a value: its normalised form, null, or 'refused'. */
function viaApi(schema: typeof ZEmailField | typeof ZPhoneField, value: string) {
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data ?? null) : 'refused';
}

describe('built-in values, checked without zod', () => {
  it('use the same length limits as the API', () => {
    for (const [key, max] of Object.entries(BUILT_IN_TEXT_LIMITS)) {
      const shape = ZLeadWritable.shape[key as keyof typeof BUILT_IN_TEXT_LIMITS];
      expect(shape.safeParse('x'.repeat(max)).success, key).toBe(true);
      expect(shape.safeParse('x'.repeat(max + 1)).success, key).toBe(false);
    }
  });

  it('normalise emails exactly as the API does', () => {
    const samples = ['Zhang@Example.COM', ' a.b+c@sub.example.cn ', 'not-an-email', 'a@b', 'a..b@example.com', ''];
    for (const value of samples) expect(accepted(convertEmail(value)), value).toEqual(viaApi(ZEmailField, value));
    fc.assert(
      fc.property(fc.emailAddress(), (value) => {
        expect(accepted(convertEmail(value))).toEqual(viaApi(ZEmailField, value));
      }),
    );
  });

  it('normalise phones exactly as the API does, mainland mobiles included', () => {
    const samples = ['13800138000', '+8613800138000', '138 0013 8000', '12345', '+1 415 555 2671', '021-6123 4567'];
    for (const value of samples) expect(accepted(convertPhone(value)), value).toEqual(viaApi(ZPhoneField, value));
    fc.assert(
      fc.property(fc.stringMatching(/^\+?(86)?1\d{10}$/), (value) => {
        expect(accepted(convertPhone(value))).toEqual(viaApi(ZPhoneField, value));
      }),
    );
  });
});

describe('custom field values from spreadsheets', () => {
  const read = (def: FieldDefinition, cell: string | number | boolean | Date | null) =>
    accepted(customFieldConverter(def, 'Asia/Shanghai')(cell));

  it('reads dates written the usual ways, and Excel dates', () => {
    const date = field('date');
    expect(read(date, '2024/3/5')).toBe('2024-03-05');
    expect(read(date, '2024-03-05')).toBe('2024-03-05');
    expect(read(date, '2024年3月5日')).toBe('2024-03-05');
    expect(read(date, '2024/3/5 14:30')).toBe('2024-03-05');
    expect(read(date, new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(read(date, '2023/2/29')).toBe('refused');
    expect(read(date, '5/3/2024')).toBe('refused');
  });

  it('reads date-times in the workspace time zone', () => {
    const dateTime = field('datetime');
    expect(read(dateTime, '2024/3/5 14:30')).toBe('2024-03-05T06:30:00.000Z');
    expect(read(dateTime, '2024-03-05T14:30:00+08:00')).toBe('2024-03-05T06:30:00.000Z');
    expect(read(dateTime, new Date(Date.UTC(2024, 2, 5, 14, 30)))).toBe('2024-03-05T06:30:00.000Z');
    expect(read(dateTime, '2024/3/5 25:00')).toBe('refused');
  });

  it('reads booleans, numbers, options and lists', () => {
    const bool = field('boolean');
    for (const yes of ['是', 'yes', 'TRUE', '1', true]) expect(read(bool, yes)).toBe(true);
    for (const no of ['否', 'No', 'false', '0', false]) expect(read(bool, no)).toBe(false);
    expect(read(bool, 'maybe')).toBe('refused');
    const number = field('number');
    expect(read(number, '1,234.5')).toBe(1234.5);
    expect(read(number, 42)).toBe(42);
    expect(read(number, '12abc')).toBe('refused');
    const options = [
      { value: 'gold', label: { 'zh-CN': '金牌', en: 'Gold' } },
      { value: 'silver', label: { 'zh-CN': '银牌', en: 'Silver' } },
    ];
    expect(read(field('single_select', options), '金牌')).toBe('gold');
    expect(read(field('single_select', options), ' GOLD ')).toBe('gold');
    expect(read(field('single_select', options), 'bronze')).toBe('refused');
    expect(read(field('multi_select', options), '金牌、silver|Gold')).toEqual(['gold', 'silver']);
    expect(read(field('multi_select', options), 'gold;bronze')).toBe('refused');
    expect(read(field('text'), '  =SUM(A1)  ')).toBe('=SUM(A1)');
    expect(read(field('text'), 13800138000)).toBe('13800138000');
  });
});
