import { ZImportCounts } from '@kindling/contracts/imports';
import type { TFunction } from 'i18next';

/** The tasks drawer's one-line result of an import task ("新建 120 · 更新 3 · …"); null for other tasks. */
export function importTaskSummary(t: TFunction, result: Record<string, unknown>): string | null {
  const counts = ZImportCounts.safeParse(result);
  return counts.success ? t('imports.taskResult', counts.data) : null;
}
