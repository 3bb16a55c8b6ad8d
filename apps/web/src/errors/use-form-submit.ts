import type { FormInstance } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useErrorMessage, type ErrorMessageOverrides } from './error-message';
import { applyErrorDetailsToForm } from './form-errors';

export interface FormSubmitState<T> {
  onFinish: (values: T) => Promise<void>;
  submitting: boolean;
  /** A message for the whole form (shown as an Alert) when the error did not land on fields. */
  formError: string | null;
  clearFormError: () => void;
}

/**
 * Runs a form's submit and turns a failure into field errors (server `details`) or a form-level message
 * translated by error code. `overrides` rewords particular codes for this form (on fields too).
 */
export function useFormSubmit<T>(
  form: FormInstance<T>,
  submit: (values: T) => Promise<unknown>,
  overrides: ErrorMessageOverrides = {},
): FormSubmitState<T> {
  const describe = useErrorMessage();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const onFinish = async (values: T) => {
    setFormError(null);
    setSubmitting(true);
    try {
      await submit(values);
    } catch (error) {
      const override = isApiError(error) && error.code in overrides ? describe(error, overrides) : undefined;
      const { placed, unplaced } = isApiError(error)
        ? applyErrorDetailsToForm(form, error, override)
        : { placed: 0, unplaced: [] };
      if (placed === 0 || unplaced.length > 0) setFormError([describe(error, overrides), ...unplaced].join(' '));
    } finally {
      setSubmitting(false);
    }
  };

  return { onFinish, submitting, formError, clearFormError: () => setFormError(null) };
}
