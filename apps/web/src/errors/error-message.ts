import { ZErrorCode, type ErrorCode } from '@kindling/contracts/errors';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

type TranslatedCode = ErrorCode | 'network_error';

function isTranslatedCode(code: string): code is TranslatedCode {
  return code === 'network_error' || ZErrorCode.safeParse(code).success;
}

/** Per-screen wording for a code, e.g. a 409 on the lead form says which field clashes. */
export type ErrorMessageOverrides = Partial<Record<TranslatedCode, string>>;

/** A human message for any thrown value: translated by the API error code, else the server's own message. */
export function describeError(t: TFunction, error: unknown, overrides: ErrorMessageOverrides = {}): string {
  if (!isApiError(error)) return t('errors.unexpected');
  if (isTranslatedCode(error.code)) return overrides[error.code] ?? t(`errors.${error.code}`);
  return error.message || t('errors.unexpected');
}

export function useErrorMessage() {
  const { t } = useTranslation();
  return useCallback((error: unknown, overrides?: ErrorMessageOverrides) => describeError(t, error, overrides), [t]);
}
