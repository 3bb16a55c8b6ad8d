import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import type { FieldDefinition, FieldEntity } from '@kindling/contracts/fields';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useArchiveField, useFieldCatalog, useReorderFields } from '../../api/use-fields';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useLanguage } from '../../i18n/use-language';
import { useCan } from '../../session/session-context';
import { localized } from '../leads/custom-fields';

interface FieldCatalogTableProps {
  /** Lead fields or company fields. */
  entity: FieldEntity;
  onEdit: (field: FieldDefinition) => void;
}

/** One entity's field catalogue: built-in fields (locked), then custom ones to edit, order and archive. */
export function FieldCatalogTable({ entity, onEdit }: FieldCatalogTableProps) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('fields:manage');
  const catalog = useFieldCatalog(entity);
  const archive = useArchiveField(entity);
  const reorder = useReorderFields(entity);

  if (catalog.isError) return <QueryErrorResult error={catalog.error} onRetry={() => void catalog.refetch()} />;
  const fields = catalog.data ?? [];
  const customKeys = fields.filter((f) => !f.builtIn).map((f) => f.key);

  const move = (key: string, by: -1 | 1) => {
    const from = customKeys.indexOf(key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= customKeys.length) return;
    const keys = [...customKeys];
    [keys[from], keys[to]] = [keys[to] as string, keys[from] as string];
    reorder.mutate(keys, { onError: (error) => notifyError(error) });
  };

  const setArchived = (field: FieldDefinition, archived: boolean) =>
    archive.mutate(
      { key: field.key, archived },
      {
        onSuccess: () =>
          void message.success(
            t(archived ? 'customFields.archivedMessage' : 'customFields.restoredMessage', {
              name: localized(field.label, language),
            }),
          ),
        onError: (error) => notifyError(error),
      },
    );

  const columns: TableColumnsType<FieldDefinition> = [
    {
      title: t('customFields.columns.label'),
      key: 'label',
      render: (_value, field) => (
        <Space size={4}>
          {field.builtIn && (
            <Tooltip title={t('customFields.locked')}>
              <LockOutlined style={{ color: '#999' }} />
            </Tooltip>
          )}
          <Typography.Text type={field.archived ? 'secondary' : undefined}>
            {localized(field.label, language)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('customFields.columns.key'),
      dataIndex: 'key',
      render: (key: string) => <Typography.Text className="mono">{key}</Typography.Text>,
    },
    {
      title: t('customFields.columns.type'),
      dataIndex: 'type',
      render: (type: FieldDefinition['type']) => t(`customFields.types.${type}`),
    },
    {
      title: t('customFields.columns.required'),
      dataIndex: 'required',
      width: 80,
      render: (value: boolean) => (value ? t('customFields.yes') : ''),
    },
    {
      title: t('customFields.columns.unique'),
      dataIndex: 'unique',
      width: 80,
      render: (value: boolean) => (value ? t('customFields.yes') : ''),
    },
    {
      title: t('customFields.columns.status'),
      key: 'status',
      width: 110,
      render: (_value, field) =>
        field.builtIn ? (
          <Tag bordered={false}>{t('customFields.status.builtIn')}</Tag>
        ) : field.archived ? (
          <Tag bordered={false}>{t('customFields.status.archived')}</Tag>
        ) : (
          <Tag color="green" bordered={false}>
            {t('customFields.status.active')}
          </Tag>
        ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 260,
            render: (_value: unknown, field: FieldDefinition) => {
              if (field.builtIn) return null;
              const index = customKeys.indexOf(field.key);
              const name = localized(field.label, language);
              return (
                <Space size={0} wrap>
                  <Tooltip title={t('customFields.moveUp')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('customFields.moveUp')}
                      disabled={index <= 0 || reorder.isPending}
                      onClick={() => move(field.key, -1)}
                    />
                  </Tooltip>
                  <Tooltip title={t('customFields.moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('customFields.moveDown')}
                      disabled={index === customKeys.length - 1 || reorder.isPending}
                      onClick={() => move(field.key, 1)}
                    />
                  </Tooltip>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => onEdit(field)}
                    data-testid={`field-edit-${field.key}`}
                  >
                    {t('common.edit')}
                  </Button>
                  {field.archived ? (
                    <Button type="link" size="small" onClick={() => setArchived(field, false)}>
                      {t('customFields.restore')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('customFields.archiveConfirm', { name })}
                      description={t('customFields.archiveHint')}
                      okText={t('customFields.archive')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => setArchived(field, true)}
                    >
                      <Button type="link" size="small" danger data-testid={`field-archive-${field.key}`}>
                        {t('customFields.archive')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Table<FieldDefinition>
      rowKey="key"
      size="middle"
      loading={catalog.isPending}
      columns={columns}
      dataSource={fields}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={`fields-table-${entity}`}
    />
  );
}
