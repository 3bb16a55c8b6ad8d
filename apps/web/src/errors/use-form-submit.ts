import type { FormInstance } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { useErrorMessage, type ErrorMessageOverrides } from './error-message';
import { applyErrorDetailsToForm } from './form-errors';

export interface FormSubmitState<T> {
  onFinish: (values: T) => void;
  submitting: boolean;
  /** A message for the whole form (shown as an Alert) when the error did not land on fields. */
  formError: string | null;
  clearFormError: () => void;
}

export interface FormSubmitOptions<T> {
  /** Rewords particular error codes for this form (the Alert, and the fields the error names). */
  overrides?: ErrorMessageOverrides;
  /** Translated text for a field the server rejects, instead of its English detail message. */
  fieldMessages?: Partial<Record<keyof T & string, string>>;
}

/**
 * Runs a form's submit and turns a failure into field errors (server `details`) or a form-level message
 * translated by error code.
 */
export function useFormSubmit<T>(
  form: FormInstance<T>,
  submit: (values: T) => Promise<unknown>,
  { overrides = {}, fieldMessages = {} }: FormSubmitOptions<T> = {},
): FormSubmitState<T> {
  const describe = useErrorMessage();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const run = async (values: T) => {
    setFormError(null);
    setSubmitting(true);
    try {
      await submit(values);
    } catch (error) {
      if (!isApiError(error)) {
        setFormError(describe(error));
        return;
      }
      const override = error.code in overrides ? describe(error, overrides) : undefined;
      const wordingFor = (field: string) => (fieldMessages as Partial<Record<string, string>>)[field] ?? override;
      const { placed, unplaced } = applyErrorDetailsToForm(form, error, wordingFor);
      if (placed === 0 || unplaced.length > 0) setFormError([describe(error, overrides), ...unplaced].join(' '));
    } finally {
      setSubmitting(false);
    }
  };

  return { onFinish: (values) => void run(values), submitting, formError, clearFormError: () => setFormError(null) };
}
