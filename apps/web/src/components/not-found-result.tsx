import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A friendly 404 with a way back. */
export function NotFoundResult({
  title,
  subtitle,
  backTo = '/leads',
  backLabel,
}: {
  title?: string;
  subtitle?: string;
  backTo?: string;
  backLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={title ?? t('notFound.title')}
      subTitle={subtitle ?? t('notFound.subtitle')}
      extra={
        <Link to={backTo}>
          <Button type="primary">{backLabel ?? t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}
