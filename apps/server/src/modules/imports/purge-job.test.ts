import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAs, createOwner, createTestContext, type TestContext } from '../../testing/test-app';
import { ABANDONED_UPLOAD_DAYS, purgeAbandonedImportsJob } from './purge-job';
import { leadImports } from './schema';
import { importFile, uploaded } from './test-helpers';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
});
afterAll(() => ctx.close());

/** Moves an import's creation back in time (the owner connection, as the daily job itself runs). */
async function age(id: string, days: number) {
  const createdAt = new Date(Date.now() - days * 24 * 3600 * 1000);
  await ctx.database.db.update(leadImports).set({ createdAt }).where(eq(leadImports.id, id));
}

async function storedFile(id: string): Promise<string> {
  const [row] = await ctx.database.db.select().from(leadImports).where(eq(leadImports.id, id));
  return path.resolve(ctx.config.dataDir, row!.storedPath);
}

describe('abandoned uploads', () => {
  it('removes uploads never started after a week, with their file; keeps recent and started imports', async () => {
    const owner = await createOwner(ctx, 'Purge uploads');
    const abandoned = await uploaded(ctx, owner, 'old.csv', 'Name,Email\nA,a@example.com\n');
    const recent = await uploaded(ctx, owner, 'new.csv', 'Name,Email\nB,b@example.com\n');
    const { upload: started } = await importFile(ctx, owner, 'done.csv', 'Name,Email\nC,c@example.com\n');
    const abandonedFile = await storedFile(abandoned.import.id);
    expect(existsSync(abandonedFile)).toBe(true);
    await age(abandoned.import.id, ABANDONED_UPLOAD_DAYS + 1);
    await age(started.import.id, ABANDONED_UPLOAD_DAYS + 30);
    await age(recent.import.id, ABANDONED_UPLOAD_DAYS - 1);

    await purgeAbandonedImportsJob.handle({ database: ctx.database, dataDir: ctx.config.dataDir }, undefined);

    expect((await callAs(ctx, owner, 'GET', `/api/v1/lead-imports/${abandoned.import.id}`)).statusCode).toBe(404);
    expect(existsSync(abandonedFile)).toBe(false);
    expect((await callAs(ctx, owner, 'GET', `/api/v1/lead-imports/${recent.import.id}`)).statusCode).toBe(200);
    const kept = await callAs(ctx, owner, 'GET', `/api/v1/lead-imports/${started.import.id}`);
    expect(kept.json<{ status: string }>().status).toBe('completed');
    expect(existsSync(await storedFile(recent.import.id))).toBe(true);
  });
});
