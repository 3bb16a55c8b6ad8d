import type { ErrorDetail, ErrorResponse } from '@kindling/contracts/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  body: Omit<ErrorResponse['error'], 'requestId'>,
) {
  const payload: ErrorResponse = { error: { ...body, requestId: request.id } };
  return reply.status(status).type('application/json').send(payload);
}

function validationDetails(error: FastifyError): ErrorDetail[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const context = error.validationContext ?? 'body';
  return error.validation.map((v) => {
    const field = v.instancePath.split('/').filter(Boolean).join('.');
    return { path: field ? `${context}.${field}` : context, message: v.message ?? 'Invalid value' };
  });
}

/** One error shape for everything (ARCHITECTURE §10): `{ error: { code, message, details } }`, never a stack. */
export function registerErrorHandling(app: FastifyInstance, spaRoot: string | null): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return send(reply, request, error.statusCode, {
        code: error.code,
        message: error.message,
        details: error.details,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, request, 400, {
        code: 'validation_failed',
        message: 'Some fields are invalid',
        details: validationDetails(error),
      });
    }
    if (error.code === 'FST_ERR_RESPONSE_SERIALIZATION' && isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return send(reply, request, 500, { code: 'internal_error', message: 'Something went wrong', details: [] });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, request, 413, {
          code: 'payload_too_large',
          message: 'Request body is too large',
          details: [],
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, request, 415, {
          code: 'unsupported_media_type',
          message: 'Send JSON (Content-Type: application/json)',
          details: [],
        });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, request, 400, { code: 'bad_request', message: 'Malformed JSON body', details: [] });
    }
    if (error.statusCode === 429) {
      return send(reply, request, 429, {
        code: 'rate_limited',
        message: 'Too many requests, try again later',
        details: [],
      });
    }
    if (error instanceof SyntaxError || (error.statusCode === 400 && !error.code?.startsWith('FST_ERR_VALIDATION'))) {
      return send(reply, request, 400, { code: 'bad_request', message: 'Malformed request', details: [] });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode, { code: 'bad_request', message: 'Bad request', details: [] });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, { code: 'internal_error', message: 'Something went wrong', details: [] });
  });

  app.setNotFoundHandler((request, reply) => {
    // The console is a single-page app: unknown non-API GETs get its index.html and the client router decides.
    const isApi = /^\/(api|t|p)(\/|$)/.test(request.url);
    if (spaRoot && request.method === 'GET' && !isApi) return reply.sendFile('index.html', spaRoot);
    return send(reply, request, 404, {
      code: 'not_found',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
      details: [],
    });
  });
}
