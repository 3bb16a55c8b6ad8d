import { ZLocale, type Locale } from '@kindling/contracts/auth';
import type { ErrorDetail } from '@kindling/contracts/errors';
import { ZExportFormat, ZLeadIds, ZLeadListScope, type ExportFormat } from '@kindling/contracts/leads';
import { z } from 'zod';
import { savedLocale } from '../../platform/auth/service';
import type { Db } from '../../platform/db/client';
import type { ServiceContext } from '../../platform/http/context';
import { invalid } from '../../platform/http/errors';
import { BUILT_IN_FIELDS } from '../fields/builtin';
import { getFieldCatalog } from '../fields/service';
import { savedLeadColumns } from '../preferences/service';

/** An export task's params: which leads (a list scope, or chosen ids), the file format, columns and language. */
export const ZExportParams = ZLeadListScope.extend({
  ids: ZLeadIds.optional(),
  format: ZExportFormat.default('csv'),
  /** Field catalogue keys in order; tasks queued before columns existed get every built-in field. */
  columns: z.array(z.string()).default(() => BUILT_IN_FIELDS.map((field) => field.key)),
  locale: ZLocale.default('en'),
});
export type ExportParams = z.input<typeof ZExportParams>;

export interface ExportSettings {
  format: ExportFormat;
  columns: string[];
  locale: Locale;
}

/**
 * The language of an export's headers and values: the requester's saved language, else what their browser asks
 * for (Accept-Language), else English (as the console falls back). Read on the owner connection (users are global).
 */
export async function requesterLocale(db: Db, ctx: ServiceContext, acceptLanguage: string | undefined) {
  const saved = ctx.userId ? await savedLocale(db, ctx.userId) : null;
  if (saved) return saved;
  return acceptLanguage?.trim().toLowerCase().startsWith('zh') ? ('zh-CN' as const) : ('en' as const);
}

/**
 * Settles an export's columns and language when it is asked for (the task then runs with exactly these):
 * the chosen columns, which must all be fields of the workspace (400 at body.columns.N); else the requester's
 * saved lead-list columns (name first, as the list shows them); else every built-in field.
 */
export async function exportSettings(
  tx: Db,
  ctx: ServiceContext,
  options: { format: ExportFormat; columns?: string[] | undefined },
  locale: Locale,
): Promise<ExportSettings> {
  const catalog = await getFieldCatalog(tx, ctx);
  const known = new Set(catalog.map((field) => field.key));
  let columns = options.columns;
  if (columns) {
    const details: ErrorDetail[] = [];
    columns.forEach((key, i) => {
      if (!known.has(key)) details.push({ path: `body.columns.${i}`, message: `Unknown field "${key}"` });
    });
    if (details.length > 0) throw invalid(details, details[0]?.message);
  } else {
    // As in the list, the name comes first; a saved column whose field is gone since is left out.
    const saved = await savedLeadColumns(tx, ctx);
    if (saved) columns = ['name', ...saved.filter((key) => key !== 'name' && known.has(key))];
  }
  return {
    format: options.format,
    columns: columns?.length ? columns : BUILT_IN_FIELDS.map((field) => field.key),
    locale,
  };
}
