import { LoadingOutlined } from '@ant-design/icons';
import type { LiveEvent, TrackingSite } from '@kindling/contracts/tracking';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../../api/query-keys';
import { useLiveEvents } from '../../api/use-tracking';
import { QueryErrorResult } from '../../components/query-error-result';
import { useOptionalSession } from '../../session/session-context';
import { formatDateTime } from '../../time/format';
import { deviceLabel } from './analytics-format';

/** A visitor id is long and random; its last characters are enough to tell visitors apart on screen. */
const shortVisitor = (visitorId: string) => visitorId.slice(-6);

/** 验证安装: the site's newest events, refreshed every 2 s while this tab is open and the browser tab visible. */
export function VerifyTab({ site }: { site: TrackingSite }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const timeZone = useOptionalSession()?.workspace.timeZone;
  const live = useLiveEvents(site.id, true);
  const events = live.data?.items ?? [];
  const arrived = events.length > 0;

  // The first event also installs the site: refresh it so its status and default tab follow.
  useEffect(() => {
    if (arrived && !site.firstEventAt) void queryClient.invalidateQueries({ queryKey: queryKeys.trackingSites });
  }, [arrived, site.firstEventAt, queryClient]);

  const columns: TableColumnsType<LiveEvent> = [
    {
      title: t('tracking.live.time'),
      dataIndex: 'occurredAt',
      key: 'time',
      width: 100,
      render: (value: string) => (
        <time dateTime={value} title={formatDateTime(value, timeZone, 'YYYY-MM-DD HH:mm:ss')}>
          {formatDateTime(value, timeZone, 'HH:mm:ss')}
        </time>
      ),
    },
    {
      title: t('tracking.live.event'),
      dataIndex: 'name',
      key: 'name',
      width: 160,
      render: (name: string) => <Tag className="mono">{name}</Tag>,
    },
    {
      title: t('tracking.live.page'),
      key: 'page',
      render: (_v, event) => (
        <Flex vertical style={{ minWidth: 0 }}>
          {event.title && <Typography.Text ellipsis={{ tooltip: event.title }}>{event.title}</Typography.Text>}
          {/* Shown as text, never as a link: a tracked URL is whatever the page (or anyone) sent. */}
          <Typography.Text type="secondary" className="mono" ellipsis={{ tooltip: event.url }}>
            {event.url ?? '—'}
          </Typography.Text>
          {Object.keys(event.properties).length > 0 && (
            <Typography.Text type="secondary" className="mono" ellipsis={{ tooltip: true }}>
              {JSON.stringify(event.properties)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('tracking.live.visitor'),
      key: 'visitor',
      width: 170,
      render: (_v, event) =>
        event.leadId ? (
          <Link to={`/leads/${event.leadId}`}>{event.leadName ?? t('tracking.live.lead')}</Link>
        ) : (
          <Typography.Text type="secondary">
            {t('tracking.live.anonymous', { id: shortVisitor(event.visitorId) })}
          </Typography.Text>
        ),
    },
    {
      title: t('tracking.live.device'),
      key: 'device',
      width: 200,
      render: (_v, event) => {
        const device = [deviceLabel(t, event.deviceType), event.browser, event.os].filter(Boolean).join(' · ');
        const region = [event.province, event.city].filter(Boolean).join(' · ');
        return (
          <Flex vertical>
            <Typography.Text ellipsis={{ tooltip: device }}>{device}</Typography.Text>
            <Typography.Text type="secondary">{region || t('tracking.analytics.unknown')}</Typography.Text>
          </Flex>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      {arrived ? (
        <Alert
          type="success"
          showIcon
          title={t('tracking.live.success')}
          description={t('tracking.live.successHint')}
          data-testid="verify-success"
        />
      ) : (
        <Alert
          type="info"
          showIcon
          icon={<LoadingOutlined />}
          title={t('tracking.live.waiting')}
          description={t('tracking.live.waitingHint')}
          data-testid="verify-waiting"
        />
      )}
      <Card
        variant="borderless"
        title={t('tracking.live.title')}
        extra={<Typography.Text type="secondary">{t('tracking.live.polling')}</Typography.Text>}
      >
        {live.isError && !live.data ? (
          <QueryErrorResult error={live.error} onRetry={() => void live.refetch()} />
        ) : (
          <Table<LiveEvent>
            data-testid="verify-events"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={events}
            loading={live.isPending}
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: 900 }}
            locale={{ emptyText: t('tracking.live.empty') }}
          />
        )}
      </Card>
    </Flex>
  );
}
