import type { Locale } from '@kindling/contracts/auth';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { zonedWallClock } from '@kindling/contracts/filter-plan';
import type { SheetCell } from '../../platform/export/sheet';
import type { leads } from './schema';

/**
 * An export's columns: the lead id first (so a file can be matched back to its leads), then the chosen fields
 * with their labels in the requester's language, and values as people read them: option labels, lists joined,
 * yes/no, dates as dates in the workspace's time zone.
 */

export interface ExportRow {
  lead: typeof leads.$inferSelect;
  ownerName: string | null;
}

export interface ExportColumn {
  header: string;
  cell(row: ExportRow): SheetCell;
}

export interface ExportLanguage {
  locale: Locale;
  timeZone: string;
}

const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };
const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', en: ', ' };
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayCell(value: string): SheetCell {
  const m = DAY.exec(value);
  return m ? { at: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), withTime: false } : value;
}

function instantCell(value: Date | string, timeZone: string): SheetCell {
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return String(value);
  return { at: zonedWallClock(instant, timeZone), withTime: true };
}

/** Stored values that do not fit the field's type are shown as stored rather than dropped. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A field's value for people, by its type. */
export function formatValue(field: FieldDefinition, value: unknown, { locale, timeZone }: ExportLanguage): SheetCell {
  if (value === null || value === undefined || value === '') return null;
  const label = (option: unknown) => {
    const match = field.options.find((o) => o.value === option);
    return match ? match.label[locale] : asText(option);
  };
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? value : asText(value);
    case 'boolean':
      return typeof value === 'boolean' ? YES_NO[locale][value ? 0 : 1] : asText(value);
    case 'date':
      return typeof value === 'string' ? dayCell(value) : asText(value);
    case 'datetime':
      return value instanceof Date || typeof value === 'string' ? instantCell(value, timeZone) : asText(value);
    case 'single_select':
      return label(value);
    case 'multi_select':
      return Array.isArray(value) ? value.map(label).join(LIST_SEPARATOR[locale]) : label(value);
    default:
      return asText(value);
  }
}

function fieldColumn(field: FieldDefinition, language: ExportLanguage): ExportColumn {
  const header = field.label[language.locale];
  if (!field.builtIn) return { header, cell: ({ lead }) => formatValue(field, lead.attributes[field.key], language) };
  // The owner's id means nothing in a spreadsheet: the column shows their name.
  if (field.key === 'ownerId') return { header, cell: ({ ownerName }) => ownerName };
  // Built-in field keys are the lead row's property names (`companyName`, `createdAt`).
  return {
    header,
    cell: ({ lead }) => {
      const values: Record<string, unknown> = lead;
      return formatValue(field, values[field.key], language);
    },
  };
}

/** The id column, then one column per catalogue key in `keys` (unknown keys are left out; the request checked them). */
export function exportColumns(
  catalog: readonly FieldDefinition[],
  keys: readonly string[],
  language: ExportLanguage,
): ExportColumn[] {
  const byKey = new Map(catalog.map((field) => [field.key, field]));
  const chosen = keys.flatMap((key) => {
    const field = byKey.get(key);
    return field ? [fieldColumn(field, language)] : [];
  });
  return [{ header: 'ID', cell: ({ lead }) => lead.id }, ...chosen];
}
