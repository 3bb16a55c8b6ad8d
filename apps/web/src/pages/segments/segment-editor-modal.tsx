import type { ErrorDetail } from '@kindling/contracts/errors';
import { EMPTY_FILTER, type FilterGroup } from '@kindling/contracts/filters';
import type { Segment } from '@kindling/contracts/segments';
import { App, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client';
import { useCreateSegment, useUpdateSegment } from '../../api/use-segments';
import { FilterEditor } from '../../components/filter-builder/filter-editor';
import { useFilterCheck } from '../../components/filter-builder/use-filter-check';
import { FormModal } from '../../components/form-modal';
import { SegmentFormFields, type SegmentFormValues } from './segment-form-fields';

interface SegmentEditorModalProps {
  /** The segment to edit; a new one when absent. */
  segment?: Segment;
  onClose: () => void;
  onSaved?: (segment: Segment) => void;
}

const asGroup = (filter: Segment['filter']): FilterGroup =>
  filter.kind === 'group' ? filter : { kind: 'group', op: 'and', children: [filter] };

/** Create or edit a segment: name, description, visibility and its filter, with the live count. */
export function SegmentEditorModal({ segment, onClose, onSaved }: SegmentEditorModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const [filter, setFilter] = useState<FilterGroup>(segment ? asGroup(segment.filter) : EMPTY_FILTER);
  const [showIssues, setShowIssues] = useState(false);
  const [serverIssues, setServerIssues] = useState<ErrorDetail[]>([]);
  const { issues } = useFilterCheck(filter);

  const onSubmit = async (values: SegmentFormValues) => {
    setServerIssues([]);
    if (issues.length > 0) {
      setShowIssues(true);
      throw new ApiError(400, 'validation_failed', t('filters.invalid'));
    }
    const body = { ...values, description: values.description ?? '', filter };
    try {
      const saved = segment ? await update.mutateAsync({ id: segment.id, body }) : await create.mutateAsync(body);
      void message.success(segment ? t('segments.updated') : t('segments.created', { name: saved.name }));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      if (isApiError(error)) setServerIssues(error.details);
      throw error;
    }
  };

  return (
    <FormModal<SegmentFormValues>
      open
      width={960}
      title={segment ? t('segments.editTitle') : t('segments.createTitle')}
      onClose={onClose}
      initialValues={
        segment
          ? { name: segment.name, description: segment.description ?? undefined, shared: segment.shared }
          : { shared: true }
      }
      submitText={segment ? t('common.save') : t('segments.create')}
      submitTestId="segment-save"
      errorOverrides={{ conflict: t('segments.conflict') }}
      onSubmit={onSubmit}
    >
      <SegmentFormFields />
      <Form.Item label={t('segments.fields.filter')} required>
        <FilterEditor
          value={filter}
          onChange={setFilter}
          showIssues={showIssues || (segment?.filterIssues.length ?? 0) > 0}
          serverIssues={[...serverIssues, ...(segment?.filterIssues ?? [])]}
        />
      </Form.Item>
    </FormModal>
  );
}
