import { z } from 'zod';

/** Machine-readable error codes; the console translates them, the message is an English fallback. */
export const ZErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ZErrorCode>;

export const ZErrorDetail = z.object({
  /** Dotted path of the offending field, e.g. "body.email" or "query.limit". */
  path: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ZErrorDetail>;

/** The one error shape every route returns. */
export const ZErrorResponse = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    details: z.array(ZErrorDetail).default([]),
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ZErrorResponse>;
