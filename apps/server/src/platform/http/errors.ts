import type { ErrorCode, ErrorDetail } from '@kindling/contracts/errors';

/** A failure a user can act on; anything else becomes a 500 with no internals shown. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError(403, 'forbidden', message);
export const unauthenticated = (message = 'Please sign in') => new AppError(401, 'unauthenticated', message);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError(409, 'conflict', message, details);
export const invalid = (details: ErrorDetail[], message = 'Some fields are invalid') =>
  new AppError(400, 'validation_failed', message, details);

/** PostgreSQL's unique_violation, possibly wrapped by drizzle; returns the violated constraint's name. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e instanceof Error || (typeof e === 'object' && e !== null);) {
    const candidate = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === '23505') return typeof candidate.constraint === 'string' ? candidate.constraint : '';
    e = candidate.cause;
    if (!e) break;
  }
  return null;
}
