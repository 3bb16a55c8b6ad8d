import type { ErrorDetail } from '@kindling/contracts/errors';
import { z } from 'zod';

export const API_BASE = '/api/v1';

/** A failed API call: the server's `{ error: { code, message, details } }`, plus the HTTP status (0 = network). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Calls that legitimately answer 401 and must not bounce the user to the login page. */
const AUTH_PROBES = new Set(['/auth/me', '/auth/login']);

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => {
  window.location.assign('/login');
};

/** The app installs a router-aware handler; until then a 401 reloads onto /login. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
}

export function apiUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** The error an answer with this status and (parsed) body stands for; also for uploads sent outside `fetch`. */
export function apiErrorOf(status: number, statusText: string, payload: unknown): ApiError {
  const parsed = ZErrorBody.safeParse(payload);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details ?? []);
  }
  const code = status >= 500 ? 'internal_error' : 'bad_request';
  return new ApiError(status, code, statusText || `HTTP ${status}`);
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall through to a generic error.
  }
  return apiErrorOf(response.status, response.statusText, payload);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(options.body) : undefined,
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && error.code !== 'invalid_credentials' && !AUTH_PROBES.has(path)) {
      onUnauthenticated();
    }
    throw error;
  }
  return response;
}

/** A call whose JSON answer is validated against a contracts schema. */
async function requestJson<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const response = await send(method, path, options);
  return schema.parse(await response.json());
}

/** A call whose answer carries no body we need (204, or one we ignore). */
async function requestVoid(method: string, path: string, options: RequestOptions = {}): Promise<void> {
  await send(method, path, options);
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: QueryParams) =>
    requestJson('GET', path, schema, { query }),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) =>
    requestJson('POST', path, schema, { body: body ?? {} }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) => requestJson('PATCH', path, schema, { body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown) => requestJson('PUT', path, schema, { body }),
  postVoid: (path: string, body?: unknown) => requestVoid('POST', path, { body: body ?? {} }),
  delete: (path: string) => requestVoid('DELETE', path),
};
