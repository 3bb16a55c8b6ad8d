import { AUDIT_ACTIONS, type AuditEntry } from '@kindling/contracts/audit';
import { Card, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAuditLog } from '../../api/use-audit';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useSearchParamsState } from '../../hooks/use-search-params-state';

type AuditAction = (typeof AUDIT_ACTIONS)[number];

const ZAuditParams = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(20),
  action: z.string().max(60).optional().catch(undefined),
});

function isKnownAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

function actionLabel(t: TFunction, action: string): string {
  return isKnownAction(action) ? t(`audit.actions.${action}`) : action;
}

export function AuditLogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.audit.title'));
  const [params, setParams] = useSearchParamsState(ZAuditParams);
  const audit = useAuditLog(params);

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.fields.time'),
      dataIndex: 'createdAt',
      width: 150,
      render: (_value, entry) => <DateTime value={entry.createdAt} />,
    },
    {
      title: t('audit.fields.actor'),
      key: 'actor',
      width: 190,
      ellipsis: true,
      render: (_value, entry) =>
        entry.actor ? (
          <>
            <div>{entry.actor.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {entry.actor.email}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
        ),
    },
    {
      title: t('audit.fields.action'),
      dataIndex: 'action',
      width: 130,
      render: (_value, entry) => (
        <Tag color={entry.action.endsWith('failed') ? 'red' : 'default'}>{actionLabel(t, entry.action)}</Tag>
      ),
    },
    {
      title: t('audit.fields.target'),
      key: 'target',
      width: 240,
      ellipsis: true,
      render: (_value, entry) =>
        entry.targetType ? (
          <Typography.Text className="mono" ellipsis={{ tooltip: entry.targetId }}>
            {entry.targetType}
            {entry.targetId && `:${entry.targetId}`}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('audit.fields.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (_value, entry) => <span className="mono">{entry.ip ?? '—'}</span>,
    },
    {
      title: t('audit.fields.details'),
      key: 'details',
      width: 320,
      ellipsis: true,
      render: (_value, entry) => {
        if (Object.keys(entry.details).length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        const json = JSON.stringify(entry.details);
        return (
          <Typography.Text className="mono" ellipsis={{ tooltip: json }}>
            {json}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.items.audit.title')} subtitle={t('nav.items.audit.description')} />
      <Card variant="borderless">
        <div className="toolbar">
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterAction')}
            value={params.action}
            onChange={(action) => setParams({ action, page: 1 })}
            style={{ width: 220 }}
            options={AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) }))}
          />
        </div>
        {audit.isError && !audit.data ? (
          <QueryErrorResult error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={audit.data?.items}
            loading={audit.isFetching}
            scroll={{ x: 1160 }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('audit.total', { total }),
            }}
            onChange={(pagination) =>
              setParams({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? params.pageSize })
            }
          />
        )}
      </Card>
    </>
  );
}
