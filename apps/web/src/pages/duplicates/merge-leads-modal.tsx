import type { MergeFieldRow, MergeSide } from '@kindling/contracts/lead-merge';
import { Alert, App, Flex, Modal, Radio, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMergeLeads, useMergePreview } from '../../api/use-duplicates';
import { useFieldCatalog } from '../../api/use-fields';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { MergeFieldLabel, MergeFieldValue } from './merge-field-value';

export interface MergeLeadsModalProps {
  /** The two leads; the first is kept unless the user switches. null = closed. */
  leadIds: [string, string] | null;
  onClose: () => void;
}

/** Merge two leads: pick the lead to keep and, per differing field, whose value stays; then go to the kept lead. */
export function MergeLeadsModal({ leadIds, onClose }: MergeLeadsModalProps) {
  // Keyed by the pair: a new pair starts with fresh choices.
  return leadIds ? <MergeDialog key={leadIds.join('+')} leadIds={leadIds} onClose={onClose} /> : null;
}

function MergeDialog({ leadIds, onClose }: { leadIds: [string, string]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [keep, setKeep] = useState<0 | 1>(0);
  // Choices the user made; rows without one keep the server's default. Reset when the kept lead changes.
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});
  const [primaryId, secondaryId] = keep === 0 ? leadIds : [leadIds[1], leadIds[0]];
  const preview = useMergePreview({ primaryId, secondaryId });
  const mergeLeads = useMergeLeads();
  const catalog = useFieldCatalog();
  const customField = (key: string) => catalog.data?.find((field) => !field.builtIn && field.key === key);

  const current = preview.data && preview.data.primary.id === primaryId ? preview.data : undefined;
  const names = new Map(
    preview.data ? [preview.data.primary, preview.data.secondary].map((lead) => [lead.id, lead.name]) : [],
  );
  const nameOf = (id: string) => names.get(id) ?? '…';
  const choiceOf = (row: MergeFieldRow) => choices[row.key] ?? row.choice;

  const sideColumn = (side: MergeSide, leadId: string): TableColumnsType<MergeFieldRow>[number] => ({
    key: side,
    title: (
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong ellipsis style={{ maxWidth: 220 }}>
          {nameOf(leadId)}
        </Typography.Text>
        <Tag color={side === 'primary' ? 'green' : 'red'} variant="filled">
          {side === 'primary' ? t('duplicates.mergeModal.kept') : t('duplicates.mergeModal.merged')}
        </Tag>
      </Flex>
    ),
    render: (_value, row) => (
      <Radio
        checked={choiceOf(row) === side}
        onChange={() => setChoices((previous) => ({ ...previous, [row.key]: side }))}
        data-testid={`merge-choice-${row.key}-${side}`}
      >
        <MergeFieldValue row={row} side={side} field={customField(row.key)} />
      </Radio>
    ),
  });

  const columns: TableColumnsType<MergeFieldRow> = [
    {
      key: 'field',
      title: t('duplicates.mergeModal.field'),
      width: 140,
      render: (_value, row) => (
        <Typography.Text type="secondary">
          <MergeFieldLabel row={row} field={customField(row.key)} />
        </Typography.Text>
      ),
    },
    sideColumn('primary', primaryId),
    sideColumn('secondary', secondaryId),
  ];

  const onMerge = () => {
    if (!current) return;
    const values = Object.fromEntries(current.fields.map((row) => [row.key, choiceOf(row)]));
    mergeLeads.mutate(
      { primaryId, secondaryId, values },
      {
        onSuccess: (result) => {
          void message.success(t('duplicates.mergeModal.done', { name: result.lead.name }));
          onClose();
          void navigate(`/leads/${result.lead.id}`);
        },
        onError: (error) => notifyError(error),
      },
    );
  };

  return (
    <Modal
      open
      width={880}
      title={t('duplicates.mergeModal.title')}
      onCancel={onClose}
      onOk={onMerge}
      okText={t('duplicates.mergeModal.confirm')}
      okButtonProps={{ danger: true, disabled: !current }}
      confirmLoading={mergeLeads.isPending}
      destroyOnHidden
    >
      {preview.isError && !preview.data ? (
        <QueryErrorResult error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('duplicates.mergeModal.keep')}</Typography.Text>
            <Segmented<0 | 1>
              value={keep}
              onChange={(value) => {
                setKeep(value);
                setChoices({});
              }}
              options={[
                { value: 0, label: nameOf(leadIds[0]) },
                { value: 1, label: nameOf(leadIds[1]) },
              ]}
              data-testid="merge-keep"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('duplicates.mergeModal.keepHint')}
            </Typography.Text>
          </Flex>
          {current && current.fields.length === 0 ? (
            <Alert type="info" showIcon title={t('duplicates.mergeModal.noDifferences')} />
          ) : (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{t('duplicates.mergeModal.fieldsHint')}</Typography.Text>
              <Table<MergeFieldRow>
                rowKey="key"
                size="small"
                columns={columns}
                dataSource={preview.data?.fields}
                loading={!current}
                pagination={false}
                scroll={{ y: 360 }}
                data-testid="merge-fields"
              />
            </Flex>
          )}
          {current && (
            <Alert
              type="warning"
              showIcon
              title={t('duplicates.mergeModal.summary', {
                count: current.activitiesToMove,
                primary: current.primary.name,
                secondary: current.secondary.name,
              })}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
