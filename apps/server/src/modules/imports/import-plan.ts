import type { ErrorDetail } from '@kindling/contracts/errors';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { IDENTITY_LEAD_KEYS, type ImportFormat, type ImportMapping } from '@kindling/contracts/imports';
import {
  convertEmail,
  convertPhone,
  customFieldConverter,
  memberConverter,
  optionConverter,
  textConverter,
  type CellConverter,
  type MemberRef,
} from './cell-values';
import { BUILT_IN_TEXT_LIMITS, isImportedLeadKey } from './lead-values';
import type { ReportLanguage } from './rejection-reasons';

/** Fields a file column can fill: built-in ones the import writes, and the custom fields that are not archived. */
export function importableFields(catalog: readonly FieldDefinition[]): FieldDefinition[] {
  return catalog.filter((field) => (field.builtIn ? isImportedLeadKey(field.key) : !field.archived));
}

const columnOrder = (mapping: ImportMapping) => Object.entries(mapping).sort(([a], [b]) => Number(a) - Number(b));

/** Why a mapping cannot be used, one detail per bad column (`body.mapping.<column>`); empty when it is fine. */
export function mappingProblems(
  mapping: ImportMapping,
  headers: readonly string[],
  catalog: readonly FieldDefinition[],
): ErrorDetail[] {
  const fields = new Map(catalog.map((field) => [field.key, field]));
  const mappedFrom = new Map<string, string>();
  const details: ErrorDetail[] = [];
  for (const [column, key] of columnOrder(mapping)) {
    const path = `body.mapping.${column}`;
    const field = fields.get(key);
    const earlier = mappedFrom.get(key);
    if (Number(column) >= headers.length) details.push({ path, message: `The file has no column ${column}` });
    else if (!field) details.push({ path, message: `Unknown field "${key}"` });
    else if (field.builtIn && !isImportedLeadKey(key)) {
      details.push({ path, message: `"${field.label.en}" is set by the system and cannot be imported` });
    } else if (field.archived) details.push({ path, message: 'This field is archived and cannot be imported' });
    else if (earlier !== undefined) {
      details.push({
        path,
        message: `This field is already mapped from column ${earlier} ("${headers[Number(earlier)]}")`,
      });
    } else mappedFrom.set(key, column);
  }
  if (![...mappedFrom.keys()].some((key) => (IDENTITY_LEAD_KEYS as readonly string[]).includes(key))) {
    details.push({
      path: 'body.mapping',
      message: 'Map a column to at least one of name, email, phone or WeChat OpenID',
    });
  }
  return details;
}

export interface ColumnPlan {
  index: number;
  /** The column's name in the file (for the error report). */
  header: string;
  key: string;
  builtIn: boolean;
  convert: CellConverter;
}

/** How to read every row of one import: compiled once, applied to each row. */
export interface ImportPlan {
  headers: string[];
  /** CSV rows must have exactly as many cells as the header (XLSX rows simply end early). */
  exactCellCount: boolean;
  columns: ColumnPlan[];
  /** Custom fields a new lead must have (their label, for the report). */
  required: { key: string; label: string }[];
  /** Mapped custom fields whose values must be unique among live leads. */
  unique: { key: string; header: string }[];
}

export interface PlanInputs {
  format: ImportFormat;
  headers: string[];
  mapping: ImportMapping;
  catalog: readonly FieldDefinition[];
  members: readonly MemberRef[];
  timeZone: string;
  language: ReportLanguage;
}

function builtInConverter(field: FieldDefinition, members: readonly MemberRef[]): CellConverter {
  switch (field.key) {
    case 'email':
      return convertEmail;
    case 'phone':
      return convertPhone;
    case 'source':
      return optionConverter(field.options);
    case 'ownerId':
      return memberConverter(members);
    default:
      return textConverter(BUILT_IN_TEXT_LIMITS[field.key as keyof typeof BUILT_IN_TEXT_LIMITS]);
  }
}

/** Compiles a checked mapping (see `mappingProblems`) into per-column converters. */
export function compileImportPlan(inputs: PlanInputs): ImportPlan {
  const fields = new Map(importableFields(inputs.catalog).map((field) => [field.key, field]));
  const columns: ColumnPlan[] = [];
  for (const [column, key] of columnOrder(inputs.mapping)) {
    const field = fields.get(key);
    if (!field) continue;
    const index = Number(column);
    columns.push({
      index,
      header: inputs.headers[index] ?? `Column ${index + 1}`,
      key,
      builtIn: field.builtIn,
      convert: field.builtIn ? builtInConverter(field, inputs.members) : customFieldConverter(field, inputs.timeZone),
    });
  }
  const custom = [...fields.values()].filter((field) => !field.builtIn);
  return {
    headers: inputs.headers,
    exactCellCount: inputs.format === 'csv',
    columns,
    required: custom
      .filter((field) => field.required)
      .map((field) => ({ key: field.key, label: field.label[inputs.language] })),
    unique: columns
      .filter((column) => !column.builtIn && fields.get(column.key)?.unique)
      .map((column) => ({ key: column.key, header: column.header })),
  };
}
