import { CloseOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The × that removes a condition, a group or a property row from the filter tree. */
export function RemoveNodeButton({ onRemove, label }: { onRemove: () => void; label?: string }) {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      size="small"
      icon={<CloseOutlined />}
      aria-label={label ?? t('filters.remove')}
      onClick={onRemove}
    />
  );
}
