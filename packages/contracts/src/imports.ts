import { z } from 'zod';
import { ZLeadSource } from './leads';
import { ZPageQuery, pageOf } from './pagination';

/** Uploads larger than this are refused (413) while they stream in. */
export const IMPORT_MAX_BYTES = 250 * 1024 * 1024;
export const IMPORT_MAX_COLUMNS = 1_000;

/**
 * Why an upload is refused (400, detail path "file"). The English text is the API's message; the console
 * translates it by key.
 */
export const IMPORT_FILE_PROBLEMS = {
  noFile: 'Attach the file in the field "file"',
  empty: 'The file is empty',
  notSpreadsheet: 'This file is not a CSV or XLSX spreadsheet',
  oldExcel: 'Old Excel (.xls) files cannot be imported: save the sheet as .xlsx or CSV and try again',
  unreadableWorkbook: 'The file could not be read as an Excel workbook (.xlsx)',
  unreadableText: 'The file could not be read as CSV text',
  emptyWorksheet: 'The first worksheet is empty',
  unreadableHeader: 'The first row of the file cannot be read (check its quotes)',
  blankHeader: 'The first row must hold the column names, but it is empty',
  headerLooksLikeData:
    'The first row looks like data (it holds an email address or phone number): add a row with the column names',
  tooManyColumns: `The file has more than ${IMPORT_MAX_COLUMNS} columns`,
  noDataRows: 'The file has no data rows below the header',
} as const;
export type ImportFileProblem = keyof typeof IMPORT_FILE_PROBLEMS;

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ZImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ZImportFormat>;

/** uploaded (waiting for the mapping) → queued → running → completed | failed. */
export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'completed', 'failed'] as const;
export const ZImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ZImportStatus>;

/** What happens to a row that matches an existing lead (or an earlier row of the same file). */
export const DEDUPE_MODES = ['skip', 'update_empty', 'overwrite'] as const;
export const ZDedupeMode = z.enum(DEDUPE_MODES);
export type DedupeMode = z.infer<typeof ZDedupeMode>;

/** The fields a row can match an existing lead on, in the order they are tried. */
export const DEDUPE_KEYS = ['email', 'phone', 'wechatOpenid'] as const;
export const ZDedupeKey = z.enum(DEDUPE_KEYS);
export type DedupeKey = z.infer<typeof ZDedupeKey>;

/** Language of the downloadable error report (its header and the reasons). */
export const IMPORT_REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export const ZImportReportLanguage = z.enum(IMPORT_REPORT_LANGUAGES);

/** The built-in lead fields a file column can fill (the rest, like created/updated times, the system sets). */
export const IMPORTED_LEAD_KEYS = [
  'name',
  'email',
  'phone',
  'companyName',
  'jobTitle',
  'industry',
  'province',
  'city',
  'wechatOpenid',
  'wechatUnionid',
  'source',
  'ownerId',
] as const;
export type ImportedLeadKey = (typeof IMPORTED_LEAD_KEYS)[number];

/** A row must give at least one of these to become (or find) a lead; a mapping must map one of them. */
export const IDENTITY_LEAD_KEYS: readonly ImportedLeadKey[] = ['name', 'email', 'phone', 'wechatOpenid'];

/** Every data row of the file ends in exactly one of these, so they add up to the file's row count. */
export const ZImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Matched a lead and changed nothing (skip mode, or nothing new to add). */
  skipped: z.number().int(),
  rejected: z.number().int(),
});
export type ImportCounts = z.infer<typeof ZImportCounts>;

/** Column number (0-based, as a string) → field key; columns left out are not imported. */
export const ZImportMapping = z.record(
  z.string().regex(/^(0|[1-9]\d{0,3})$/, 'Use column numbers: 0, 1, 2, …'),
  z.string().min(1).max(60),
);
export type ImportMapping = z.infer<typeof ZImportMapping>;

export const ZLeadImport = z.object({
  id: z.uuid(),
  fileName: z.string(),
  format: ZImportFormat,
  /** Detected text encoding of a CSV ('UTF-8', 'GB18030', …); null for XLSX. */
  encoding: z.string().nullable(),
  sizeBytes: z.number().int(),
  status: ZImportStatus,
  headers: z.array(z.string()),
  mapping: ZImportMapping.nullable(),
  dedupeMode: ZDedupeMode.nullable(),
  dedupeKeys: z.array(ZDedupeKey),
  /** Owner given to the leads the import creates (null: the public pool). */
  ownerId: z.uuid().nullable(),
  source: ZLeadSource.nullable(),
  taskId: z.uuid().nullable(),
  /** Data rows in the file; known once the import has run. */
  totalRows: z.number().int().nullable(),
  counts: ZImportCounts,
  /** Rows handled so far, of an estimated total (the total firms up as the file is read). */
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
  hasErrorReport: z.boolean(),
  error: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadImport = z.infer<typeof ZLeadImport>;

/** POST /lead-imports: the stored upload, what was read from it and a suggested mapping. */
export const ZLeadImportUpload = z.object({
  import: ZLeadImport,
  headers: z.array(z.string()),
  /** The first data rows (at most 5), as text. */
  preview: z.array(z.array(z.string())),
  suggestedMapping: ZImportMapping,
  encoding: z.string().nullable(),
  format: ZImportFormat,
});
export type LeadImportUpload = z.infer<typeof ZLeadImportUpload>;

export const IMPORT_COMPANY_MODES = ['create', 'match', 'none'] as const;
export const ZImportCompanies = z.enum(IMPORT_COMPANY_MODES);
export type ImportCompanies = z.infer<typeof ZImportCompanies>;

export const ZStartLeadImportBody = z
  .object({
    mapping: ZImportMapping,
    dedupeMode: ZDedupeMode.default('update_empty'),
    dedupeKeys: z
      .array(ZDedupeKey)
      .max(DEDUPE_KEYS.length)
      .refine((keys) => new Set(keys).size === keys.length, 'Keys must not repeat')
      .default([...DEDUPE_KEYS]),
    /** Owner of the new leads; omitted or null leaves them in the public pool (a mapped owner column wins). */
    ownerId: z.uuid().nullable().optional(),
    /** Source of the new leads (a mapped source column wins). */
    source: ZLeadSource.default('import'),
    reportLanguage: ZImportReportLanguage.default('zh-CN'),
    /**
     * Link the imported leads to companies (PRODUCT 2.4): by work-email domain or exact company name; `create` also
     * creates the companies nothing matches, `match` only links existing ones, `none` leaves companies alone.
     */
    companies: ZImportCompanies.default('create'),
  })
  .strict();
export type StartLeadImportBody = z.input<typeof ZStartLeadImportBody>;

export const ZStartedLeadImport = z.object({ import: ZLeadImport, taskId: z.uuid() });

export const ZListLeadImportsQuery = ZPageQuery.strict();
export const ZLeadImportPage = pageOf(ZLeadImport);
export type LeadImportPage = z.infer<typeof ZLeadImportPage>;
