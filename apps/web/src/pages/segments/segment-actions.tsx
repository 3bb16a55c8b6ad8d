import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { Segment } from '@kindling/contracts/segments';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDeleteSegment } from '../../api/use-segments';
import { useNotifyError } from '../../errors/use-notify-error';

interface SegmentActionsProps {
  segment: Segment;
  onEdit: () => void;
  onDeleted?: () => void;
  size?: 'small' | 'middle';
}

/** Edit and delete (with confirmation) for one segment. */
export function SegmentActions({ segment, onEdit, onDeleted, size = 'small' }: SegmentActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const remove = useDeleteSegment();
  const link = size === 'small' ? ('link' as const) : undefined;
  return (
    <>
      <Button type={link} size={size} icon={<EditOutlined />} onClick={onEdit} data-testid="segment-edit">
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={t('segments.deleteConfirm', { name: segment.name })}
        description={t('segments.deleteHint')}
        okButtonProps={{ danger: true }}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        onConfirm={() =>
          remove.mutateAsync(segment.id).then(
            () => {
              void message.success(t('segments.deleted', { name: segment.name }));
              onDeleted?.();
            },
            (error: unknown) => notifyError(error),
          )
        }
      >
        <Button
          type={link}
          size={size}
          danger
          icon={<DeleteOutlined />}
          loading={remove.isPending}
          data-testid="segment-delete"
        >
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </>
  );
}
