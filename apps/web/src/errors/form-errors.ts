import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
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
 * `wordingFor` may replace the server's (English) text for a field with a translated one.
 */
export function applyErrorDetailsToForm<T>(
  form: FormInstance<T>,
  error: ApiError,
  wordingFor: (field: string) => string | undefined = () => undefined,
): PlacedErrors {
  const registered = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const field = fieldOf(detail.path);
    if (field && registered.has(field)) {
      byField.set(field, [...(byField.get(field) ?? []), wordingFor(field) ?? detail.message]);
    } else {
      unplaced.push(detail.message);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as NamePath<T>, errors: [...new Set(errors)] })));
  return { placed: byField.size, unplaced };
}
