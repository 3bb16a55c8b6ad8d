import { EditOutlined, InboxOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import type { EventDefinitionList, TrackingSite } from '@kindling/contracts/tracking';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useArchiveEventDefinition, useEventDefinitions, useTrackingExport } from '../../api/use-tracking';
import { ExportButton } from '../../components/export-button';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useCan } from '../../session/session-context';
import { useNumberFormat } from './use-number-format';
import { DefinitionFormModal, type DefinitionDraft } from './definition-form-modal';

type Definition = EventDefinitionList['items'][number];
type UndefinedName = EventDefinitionList['undefinedNames'][number];
/** Closed, a new definition (maybe pre-filled), or one being edited. */
type Editing = { definition?: Definition; draft?: DefinitionDraft } | null;

/** 事件定义: what the marketer chose to track on this site, with how often it happened in the last 30 days. */
export function DefinitionsTab({ site }: { site: TrackingSite }) {
  const { t } = useTranslation();
  const { count } = useNumberFormat();
  const canManage = useCan('tracking:manage');
  const notifyError = useNotifyError();
  const definitions = useEventDefinitions({ siteId: site.id });
  const exportFile = useTrackingExport();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const items = (definitions.data?.items ?? []).filter((d) => showArchived || !d.archivedAt);

  const columns: TableColumnsType<Definition> = [
    {
      title: t('tracking.definition.label'),
      key: 'label',
      width: 220,
      render: (_v, definition) => (
        <Flex vertical>
          <Typography.Text strong delete={Boolean(definition.archivedAt)}>
            {definition.label}
          </Typography.Text>
          <Typography.Text type="secondary" className="mono">
            {definition.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tracking.definition.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 110,
      render: (kind: Definition['kind']) => <Tag variant="filled">{t(`tracking.definitionKinds.${kind}`)}</Tag>,
    },
    {
      title: t('tracking.definition.rule'),
      key: 'rule',
      render: (_v, definition) => {
        const rule = definition.selector ?? definition.urlPattern;
        return rule ? (
          <Typography.Text className="mono" ellipsis={{ tooltip: rule }} style={{ maxWidth: 260 }}>
            {rule}
          </Typography.Text>
        ) : (
          '—'
        );
      },
    },
    {
      title: t('tracking.definition.properties'),
      key: 'properties',
      render: (_v, definition) =>
        definition.properties.length > 0 ? (
          <Flex wrap gap={4}>
            {definition.properties.map((p) => (
              <Tooltip key={p.key} title={p.label || undefined}>
                <Tag className="mono">
                  {p.key}
                  {p.required ? '*' : ''}: {t(`tracking.propertyTypes.${p.type}`)}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('tracking.definition.scope'),
      key: 'scope',
      width: 100,
      render: (_v, definition) =>
        definition.siteId ? t('tracking.definition.thisSite') : t('tracking.definition.allSitesShort'),
    },
    {
      title: t('tracking.definition.count'),
      dataIndex: 'count',
      key: 'count',
      width: 110,
      align: 'right',
      render: (value: number) => count(value),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, definition) => (
        <>
          {!definition.archivedAt && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ definition })}>
              {t('common.edit')}
            </Button>
          )}
          <DefinitionArchiveButton definition={definition} />
        </>
      ),
    });
  }

  if (definitions.isError && !definitions.data) {
    return <QueryErrorResult error={definitions.error} onRetry={() => void definitions.refetch()} />;
  }
  return (
    <Flex vertical gap={16}>
      <Card variant="borderless">
        <div className="toolbar">
          <Typography.Text type="secondary">{t('tracking.definition.intro')}</Typography.Text>
          <div className="toolbar-spacer" />
          <Flex component="label" gap={8} align="center">
            <Switch size="small" checked={showArchived} onChange={setShowArchived} />
            <Typography.Text>{t('tracking.definition.showArchived')}</Typography.Text>
          </Flex>
          <ExportButton
            loading={exportFile.isPending}
            onExport={(format) =>
              exportFile.mutate({ what: 'definitions', format }, { onError: (e) => notifyError(e) })
            }
            data-testid="definitions-export"
          >
            {t('tracking.export')}
          </ExportButton>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="definition-new">
              {t('tracking.definition.new')}
            </Button>
          )}
        </div>
        <Table<Definition>
          data-testid="definitions-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={definitions.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.definition.empty')} />,
          }}
        />
      </Card>
      <UndefinedNames
        names={definitions.data?.undefinedNames ?? []}
        onDefine={canManage ? (name) => setEditing({ draft: { kind: 'custom', name, label: name } }) : undefined}
      />
      <DefinitionFormModal
        open={editing !== null}
        siteId={site.id}
        definition={editing?.definition}
        draft={editing?.draft}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}

/** Custom events the site sent in the period that nobody has defined yet, each one click away from a definition. */
function UndefinedNames({ names, onDefine }: { names: UndefinedName[]; onDefine?: (name: string) => void }) {
  const { t } = useTranslation();
  const { count } = useNumberFormat();
  if (names.length === 0) return null;
  const columns: TableColumnsType<UndefinedName> = [
    {
      title: t('tracking.definition.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <Typography.Text className="mono">{name}</Typography.Text>,
    },
    {
      title: t('tracking.definition.count'),
      dataIndex: 'count',
      key: 'count',
      width: 110,
      align: 'right',
      render: (value: number) => count(value),
    },
  ];
  if (onDefine) {
    columns.push({
      title: t('common.actions'),
      key: 'define',
      width: 100,
      render: (_v, row) => (
        <Button type="link" size="small" onClick={() => onDefine(row.name)} data-testid={`define-${row.name}`}>
          {t('tracking.definition.define')}
        </Button>
      ),
    });
  }
  return (
    <Card variant="borderless" title={t('tracking.definition.undefinedTitle')} data-testid="undefined-events">
      <Typography.Paragraph type="secondary">{t('tracking.definition.undefinedHint')}</Typography.Paragraph>
      <Table<UndefinedName>
        rowKey="name"
        size="small"
        columns={columns}
        dataSource={names}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
      />
    </Card>
  );
}

function DefinitionArchiveButton({ definition }: { definition: Definition }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const archive = useArchiveEventDefinition();
  const run = (archived: boolean) =>
    archive.mutateAsync({ id: definition.id, archived }).then(
      () =>
        void message.success(
          t(archived ? 'tracking.definition.archived' : 'tracking.definition.restored', { label: definition.label }),
        ),
      (error: unknown) =>
        notifyError(error, archived ? undefined : { conflict: t('tracking.definition.restoreConflict') }),
    );
  if (definition.archivedAt) {
    return (
      <Button
        type="link"
        size="small"
        icon={<UndoOutlined />}
        loading={archive.isPending}
        onClick={() => void run(false)}
      >
        {t('tracking.restore')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t('tracking.definition.archiveConfirm', { label: definition.label })}
      description={t('tracking.definition.archiveHint')}
      okText={t('tracking.archive')}
      cancelText={t('common.cancel')}
      onConfirm={() => run(true)}
    >
      <Button type="link" size="small" icon={<InboxOutlined />} loading={archive.isPending}>
        {t('tracking.archive')}
      </Button>
    </Popconfirm>
  );
}
