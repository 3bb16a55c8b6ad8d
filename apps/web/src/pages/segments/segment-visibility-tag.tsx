import { GlobalOutlined, LockOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function SegmentVisibilityTag({ shared }: { shared: boolean }) {
  const { t } = useTranslation();
  return shared ? (
    <Tag color="blue" icon={<GlobalOutlined />}>
      {t('segments.shared')}
    </Tag>
  ) : (
    <Tag icon={<LockOutlined />}>{t('segments.private')}</Tag>
  );
}
