import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../errors/error-message';

/** A query that failed for a reason the page does not handle itself; offers a retry. */
export function QueryErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={describe(error)}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
