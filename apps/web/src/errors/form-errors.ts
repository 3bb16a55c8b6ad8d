import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';

/** "body.email" → "email". Nested paths ("body.a.b") are not fields our forms own. */
function fieldOf(path: string): string | null {
  const match = /^body\.([^.]+)$/.exec(path);
  return match?.[1] ?? null;
}

export interface PlacedErrors {
  /** How many form fields received a message. */
  placed: number;
  /** Messages of details no field took. */
  unplaced: string[];
}

/**
 * Puts the server's per-field messages (`details[].path` = `body.<field>`) under the matching form fields.
 * `wording` may replace the server's (English) text, e.g. with a translated message for the error code.
 */
export function applyErrorDetailsToForm<T>(
  form: FormInstance<T>,
  error: ApiError,
  wording?: string,
): PlacedErrors {
  const registered = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = fieldOf(detail.path);
    const message = wording ?? detail.message;
    if (field && registered.has(field)) byField.set(field, [...(byField.get(field) ?? []), message]);
    else unplaced.push(detail.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return { placed: byField.size, unplaced };
}
