import { DeleteOutlined, EditOutlined, TeamOutlined } from '@ant-design/icons';
import type { ExportFormat } from '@kindling/contracts/leads';
import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBulkDelete } from '../../api/use-bulk';
import { ExportButton } from '../../components/export-button';
import { useNotifyError } from '../../errors/use-notify-error';
import { useCan } from '../../session/session-context';
import { AssignLeadsModal } from './assign-leads-modal';
import { BulkSetFieldModal } from './bulk-set-field-modal';
import { useReportBulkOutcome } from './use-bulk-outcome';
import type { LeadSelection } from './use-lead-selection';

interface LeadBulkBarProps {
  selection: LeadSelection;
  /** Leads matching the list's scope now (for "select all N matching"). */
  total: number;
  /** Every row of the current page is ticked: the moment to offer all matching rows. */
  pageSelected: boolean;
  onExport: (format: ExportFormat) => void;
  exporting: boolean;
}

/**
 * Above the table while rows are chosen: how many, "select all N matching", and what can be done to them —
 * assign, set a field, export, delete — each as the user's permissions allow.
 */
export function LeadBulkBar({ selection, total, pageSelected, onExport, exporting }: LeadBulkBarProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const notifyError = useNotifyError();
  const report = useReportBulkOutcome();
  const bulkDelete = useBulkDelete();
  const [dialog, setDialog] = useState<'assign' | 'setField' | null>(null);
  const canWrite = useCan('leads:write');
  const canDelete = useCan('leads:delete');
  const canExport = useCan('leads:export');
  const canAssign = useCan('leads:assign');
  const { count, target } = selection;

  const closeDialog = (done: boolean) => {
    setDialog(null);
    if (done) selection.clear();
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('bulk.deleteTitle', { count }),
      content: t('bulk.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        bulkDelete.mutateAsync({ target }).then(
          (outcome) => {
            report(outcome, (result) => t('bulk.deleted', { count: result.deleted }));
            selection.clear();
          },
          (error: unknown) => notifyError(error),
        ),
    });

  return (
    <Flex className="bulk-bar" align="center" justify="space-between" gap={12} wrap data-testid="leads-bulk-bar">
      <Flex align="center" gap={12} wrap>
        <Typography.Text strong>
          {selection.all ? t('bulk.allSelected', { total }) : t('bulk.selected', { count })}
        </Typography.Text>
        {!selection.all && pageSelected && total > count && (
          <Typography.Link onClick={selection.selectAll} data-testid="leads-select-all-matching">
            {t('bulk.selectAll', { total })}
          </Typography.Link>
        )}
        <Typography.Link onClick={selection.clear}>{t('bulk.clear')}</Typography.Link>
      </Flex>
      <Flex gap={8} wrap>
        {canAssign && (
          <Button icon={<TeamOutlined />} onClick={() => setDialog('assign')} data-testid="leads-assign">
            {t('bulk.assign')}
          </Button>
        )}
        {canWrite && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('setField')} data-testid="leads-bulk-set-field">
            {t('bulk.setField')}
          </Button>
        )}
        {canExport && (
          <ExportButton onExport={onExport} loading={exporting} data-testid="leads-bulk-export">
            {t('bulk.export')}
          </ExportButton>
        )}
        {canDelete && (
          <Button
            danger
            icon={<DeleteOutlined />}
            loading={bulkDelete.isPending}
            onClick={confirmDelete}
            data-testid="leads-bulk-delete"
          >
            {t('bulk.delete')}
          </Button>
        )}
      </Flex>
      <AssignLeadsModal target={target} count={count} open={dialog === 'assign'} onClose={closeDialog} />
      {dialog === 'setField' && <BulkSetFieldModal target={target} count={count} open onClose={closeDialog} />}
    </Flex>
  );
}
