import { DEDUPE_KEYS, ZDedupeKey, ZImportCompanies, ZImportReportLanguage } from '@kindling/contracts/imports';
import { ZLeadSource } from '@kindling/contracts/leads';
import { z } from 'zod';

/** `lead_imports.options`: how the file reads (set on upload) and the importer's choices (set on start). */
export const ZStoredImportOptions = z.object({
  delimiter: z.string().nullable().default(null),
  crLineBreaks: z.boolean().default(false),
  dedupeKeys: z.array(ZDedupeKey).default([...DEDUPE_KEYS]),
  ownerId: z.uuid().nullable().default(null),
  source: ZLeadSource.default('import'),
  reportLanguage: ZImportReportLanguage.default('zh-CN'),
  companies: ZImportCompanies.default('create'),
});
export type StoredImportOptions = z.infer<typeof ZStoredImportOptions>;

export const readStoredOptions = (options: Record<string, unknown>): StoredImportOptions =>
  ZStoredImportOptions.parse(options);
