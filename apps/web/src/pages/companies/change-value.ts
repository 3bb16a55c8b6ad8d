/**
 * The value an antd input reports to `onChange`: inputs hand an event (the value is `event.target.value`),
 * pickers, selects and switches hand the value itself. Form.Item does this unwrapping for forms; inline editors
 * outside a form use this.
 */
export function valueFromChange(arg: unknown): unknown {
  if (typeof arg === 'object' && arg !== null && 'target' in arg) {
    const target = (arg as { target: unknown }).target;
    if (typeof target === 'object' && target !== null && 'value' in target) return (target as { value: unknown }).value;
  }
  return arg;
}
