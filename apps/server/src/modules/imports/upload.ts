import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
// For the request.file() / isMultipart() types the plugin adds (it is registered by ./routes.ts).
import type {} from '@fastify/multipart';
import { IMPORT_MAX_BYTES } from '@kindling/contracts/imports';
import type { FastifyRequest } from 'fastify';
import { newId } from '../../platform/db/ids';
import { AppError } from '../../platform/http/errors';
import { unreadableFile } from './file-format';

export interface StoredUpload {
  path: string;
  fileName: string;
  importId: string;
}

const tooLarge = () =>
  new AppError(413, 'payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);

/** The user's file name without any path, control characters or excess length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? 'upload' : cleaned;
}

function extensionOf(fileName: string): string {
  const match = /\.(csv|tsv|txt|xlsx)$/i.exec(fileName);
  return match?.[1]?.toLowerCase() ?? 'bin';
}

/**
 * Streams the multipart field `file` to `<dataDir>/files/<workspace>/imports/<importId>.<ext>` without holding it
 * in memory. Over the size limit the partial file is removed and the answer is 413; a request that is not
 * multipart is 415.
 */
export async function receiveUpload(
  request: FastifyRequest,
  dataDir: string,
  workspaceId: string,
): Promise<StoredUpload> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data, in the field "file"');
  }
  const part = await request.file();
  if (!part || part.fieldname !== 'file') {
    throw unreadableFile('noFile');
  }
  const fileName = cleanFileName(part.filename);
  const importId = newId();
  const directory = path.join(dataDir, 'files', workspaceId, 'imports');
  await mkdir(directory, { recursive: true });
  const filePath = path.join(directory, `${importId}.${extensionOf(fileName)}`);
  try {
    await pipeline(part.file, createWriteStream(filePath));
  } catch (error) {
    await rm(filePath, { force: true });
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (part.file.truncated) {
    await rm(filePath, { force: true });
    throw tooLarge();
  }
  return { path: filePath, fileName, importId };
}
