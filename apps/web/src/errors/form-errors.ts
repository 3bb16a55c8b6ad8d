import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import type { ApiError } from '../api/client';

/**
 * "body.email" → ["email"]; "body.attributes.budget" → ["attributes", "budget"]; "body.options.1.value" →
 * ["options", 1, "value"] (list indexes as numbers, as antd's Form.List names them).
 */
function namePathOf(path: string): (string | number)[] | null {
  if (!path.startsWith('body.')) return null;
  return path
    .slice('body.'.length)
    .split('.')
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Whether the form has a field registered at `name` (its values include that path, even when undefined). */
function isRegistered(values: unknown, name: (string | number)[]): boolean {
  let node: unknown = values;
  for (const segment of name) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

export interface PlacedErrors {
  /** How many form fields received a message. */
  placed: number;
  /** Messages of details no field took. */
  unplaced: string[];
}

/**
 * Puts the server's per-field messages (`details[].path` = `body.<field>[.<nested>…]`) under the matching form
 * fields. `wordingFor` may replace the server's (English) text for a field (its dotted path without `body.`).
 */
export function applyErrorDetailsToForm<T>(
  form: FormInstance<T>,
  error: ApiError,
  wordingFor: (field: string) => string | undefined = () => undefined,
): PlacedErrors {
  const values: unknown = form.getFieldsValue() ?? {};
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const detail of error.details) {
    const name = namePathOf(detail.path);
    if (name && isRegistered(values, name)) {
      const field = name.join('.');
      const entry = byField.get(field) ?? { name, errors: [] };
      entry.errors.push(wordingFor(field) ?? detail.message);
      byField.set(field, entry);
    } else {
      unplaced.push(detail.message);
    }
  }
  form.setFields(
    [...byField.values()].map(({ name, errors }) => ({ name: name as NamePath<T>, errors: [...new Set(errors)] })),
  );
  return { placed: byField.size, unplaced };
}
