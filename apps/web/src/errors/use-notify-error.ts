import { App } from 'antd';
import { useCallback } from 'react';
import { useErrorMessage, type ErrorMessageOverrides } from './error-message';

/** For actions outside a form (delete, restore, role change): a toast with the translated error. */
export function useNotifyError() {
  const { message } = App.useApp();
  const describe = useErrorMessage();
  return useCallback(
    (error: unknown, overrides?: ErrorMessageOverrides) => void message.error(describe(error, overrides)),
    [message, describe],
  );
}
