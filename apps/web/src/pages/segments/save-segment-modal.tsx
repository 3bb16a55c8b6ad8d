import type { FilterNode } from '@kindling/contracts/filters';
import type { Segment } from '@kindling/contracts/segments';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateSegment } from '../../api/use-segments';
import { FormModal } from '../../components/form-modal';
import { SegmentFormFields, type SegmentFormValues } from './segment-form-fields';

interface SaveSegmentModalProps {
  open: boolean;
  filter: FilterNode;
  onClose: () => void;
  onSaved?: (segment: Segment) => void;
}

/** "Save as segment" (另存为分群): names the filter applied in the lead pool. */
export function SaveSegmentModal({ open, filter, onClose, onSaved }: SaveSegmentModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateSegment();
  return (
    <FormModal<SegmentFormValues>
      open={open}
      title={t('segments.saveAs')}
      onClose={onClose}
      initialValues={{ shared: true }}
      submitText={t('segments.create')}
      submitTestId="segment-save"
      errorOverrides={{ conflict: t('segments.conflict') }}
      onSubmit={async (values) => {
        const segment = await create.mutateAsync({ ...values, filter });
        void message.success(t('segments.created', { name: segment.name }));
        onSaved?.(segment);
        onClose();
      }}
    >
      <SegmentFormFields />
    </FormModal>
  );
}
