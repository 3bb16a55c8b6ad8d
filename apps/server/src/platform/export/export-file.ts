import path from 'node:path';

/** Where an export task's file lives: one per task, under the workspace's files. */
export const exportFilePath = (dataDir: string, workspaceId: string, taskId: string, extension: string): string =>
  path.join(dataDir, 'files', workspaceId, 'exports', `${taskId}.${extension}`);

/** The name the download gets: what was exported and when (UTC, to the minute), e.g. `leads-202611231741.xlsx`. */
export const exportFileName = (what: string, extension: string, now = new Date()): string =>
  `${what}-${now.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.${extension}`;
