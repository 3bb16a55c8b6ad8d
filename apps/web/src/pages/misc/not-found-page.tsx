import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../../components/not-found-result';
import { useDocumentTitle } from '../../hooks/use-document-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return <NotFoundResult />;
}
