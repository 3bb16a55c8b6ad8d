import { z } from 'zod';
import { ZErrorResponse } from '@kindling/contracts/errors';

/** Error responses every authenticated route may give, for the OpenAPI document. */
export const commonErrors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
} as const;

/** 204 responses: no body. */
export const noContent = { 204: z.null().describe('No content') } as const;
