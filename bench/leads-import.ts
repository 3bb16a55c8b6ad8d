// One import through the product's own importer, as the console would run it (suggested mapping, dedupe on email),
// minus HTTP and the job queue: upload registration, start, run. Timed from registration to the last batch.
import path from 'node:path';
import type { DedupeMode } from '@kindling/contracts/imports';
import type { Database } from '../apps/server/src/platform/db/client';
import { withTenant } from '../apps/server/src/platform/db/tenant';
import { createImportFromFile, startLeadImport } from '../apps/server/src/modules/imports/service';
import { runLeadImport } from '../apps/server/src/modules/imports/run-import';
import { startRssSampler, timed } from './timing';

export interface ImportTarget {
  database: Database;
  dataDir: string;
  workspaceId: string;
  userId: string;
}

export async function importFile(target: ImportTarget, filePath: string, dedupeMode: DedupeMode) {
  const ctx = { workspaceId: target.workspaceId, userId: target.userId };
  const rss = startRssSampler();
  const { ms, value: summary } = await timed(async () => {
    const upload = await createImportFromFile(target.database, ctx, {
      path: filePath,
      fileName: path.basename(filePath),
      dataDir: target.dataDir,
    });
    const mapped = new Set(Object.values(upload.suggestedMapping));
    if (mapped.size < upload.headers.length) {
      throw new Error(`bench: the suggested mapping left columns unmapped: ${JSON.stringify(upload.suggestedMapping)}`);
    }
    await withTenant(target.database.db, target.workspaceId, (tx) =>
      startLeadImport(tx, ctx, upload.import.id, {
        mapping: upload.suggestedMapping,
        dedupeMode,
        dedupeKeys: ['email'],
        source: 'import',
        reportLanguage: 'en',
        // The COPY baseline links no companies either; company matching is measured by its own tests.
        companies: 'none',
      }),
    );
    return runLeadImport(target.database, target.dataDir, target.workspaceId, upload.import.id);
  });
  const peakRssMb = rss.stop();
  const counts = {
    created: summary.created,
    updated: summary.updated,
    skipped: summary.skipped,
    rejected: summary.rejected,
  };
  return { rows: summary.rows, seconds: ms / 1000, rowsPerSecond: summary.rows / (ms / 1000), counts, peakRssMb };
}
