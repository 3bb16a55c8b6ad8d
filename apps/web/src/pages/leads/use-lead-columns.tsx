import { UndoOutlined } from '@ant-design/icons';
import type { Lead } from '@kindling/contracts/leads';
import { Button, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DateTime } from '../../components/date-time';
import type { LeadLinkState, LeadListParams, LeadSortField } from './lead-list-params';
import { LeadSourceTag } from './lead-source-tag';

interface Options {
  params: Pick<LeadListParams, 'sort' | 'order' | 'view'>;
  /** Recycle-bin rows get a Restore action when given. */
  onRestore?: (lead: Lead) => void;
  restoringId?: string | null;
}

/** For the table's horizontal scroll: every column has a fixed width, so ellipsis works. */
export function totalWidth(columns: TableColumnsType<Lead>): number {
  return columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 0), 0);
}

const text = (value: string | null) => value || <Typography.Text type="secondary">—</Typography.Text>;

export function useLeadColumns({ params, onRestore, restoringId }: Options): TableColumnsType<Lead> {
  const { t } = useTranslation();
  const location = useLocation();
  const linkState: LeadLinkState = { listUrl: `${location.pathname}${location.search}` };

  const sortOrderOf = (field: LeadSortField): 'ascend' | 'descend' | null =>
    params.sort === field ? (params.order === 'asc' ? 'ascend' : 'descend') : null;
  const sortable = (field: LeadSortField) => ({ key: field, sorter: true, sortOrder: sortOrderOf(field) });

  const columns: TableColumnsType<Lead> = [
    {
      title: t('leads.fields.name'),
      dataIndex: 'name',
      ...sortable('name'),
      fixed: 'left',
      width: 140,
      ellipsis: true,
      // Deleted leads have no detail page until restored.
      render: (_value, lead) =>
        lead.deletedAt ? (
          lead.name
        ) : (
          <Link to={`/leads/${lead.id}`} state={linkState}>
            {lead.name}
          </Link>
        ),
    },
    {
      title: t('leads.fields.email'),
      dataIndex: 'email',
      ...sortable('email'),
      width: 200,
      ellipsis: true,
      render: text,
    },
    { title: t('leads.fields.phone'), dataIndex: 'phone', key: 'phone', width: 140, render: text },
    {
      title: t('leads.fields.companyName'),
      dataIndex: 'companyName',
      ...sortable('companyName'),
      width: 190,
      ellipsis: true,
      render: text,
    },
    {
      title: t('leads.fields.jobTitle'),
      dataIndex: 'jobTitle',
      key: 'jobTitle',
      width: 120,
      ellipsis: true,
      render: text,
    },
    {
      title: t('leads.fields.source'),
      dataIndex: 'source',
      ...sortable('source'),
      width: 100,
      render: (_value, lead) => <LeadSourceTag source={lead.source} />,
    },
    { title: t('leads.fields.owner'), dataIndex: 'ownerName', key: 'owner', width: 110, ellipsis: true, render: text },
    {
      title: t('leads.fields.createdAt'),
      dataIndex: 'createdAt',
      ...sortable('createdAt'),
      width: 150,
      render: (_value, lead) => <DateTime value={lead.createdAt} />,
    },
  ];

  if (params.view === 'deleted') {
    columns.push({
      title: t('leads.fields.deletedAt'),
      dataIndex: 'deletedAt',
      key: 'deletedAt',
      width: 150,
      render: (_value, lead) => <DateTime value={lead.deletedAt} />,
    });
    if (onRestore) {
      columns.push({
        title: t('common.actions'),
        key: 'actions',
        fixed: 'right',
        width: 100,
        render: (_value, lead) => (
          <Button
            type="link"
            size="small"
            icon={<UndoOutlined />}
            loading={restoringId === lead.id}
            onClick={() => onRestore(lead)}
          >
            {t('leads.recycleBin.restore')}
          </Button>
        ),
      });
    }
  }
  return columns;
}
