import { CloseOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The × that removes a condition or a group from the filter tree. */
export function RemoveNodeButton({ onRemove }: { onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('filters.remove')} onClick={onRemove} />
  );
}
