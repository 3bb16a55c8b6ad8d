import type { ImportStatus } from '@kindling/contracts/imports';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ImportStatus, string> = {
  uploaded: 'default',
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`imports.status.${status}`)}</Tag>;
}
