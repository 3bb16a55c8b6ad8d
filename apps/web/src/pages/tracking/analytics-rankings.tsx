import type { WebAnalytics } from '@kindling/contracts/tracking';
import { Col, Flex, Row, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayRange } from '../../api/use-tracking';
import { EChart, type ChartOption } from '../../components/echart';
import { deviceLabel, formatClock } from './analytics-format';
import { useNumberFormat } from './use-number-format';
import { AnalyticsTableCard } from './analytics-table-card';

type Analytics = WebAnalytics;
type Counted = { visitors: number };

interface TextProps {
  value: string | null;
  fallback: string;
  mono?: boolean;
  maxWidth?: number;
}

/** User-supplied text (a title, a host, a UTM value): shown as plain text, one line, the rest on hover. */
function Text({ value, fallback, mono = false, maxWidth = 320 }: TextProps) {
  if (!value) return <Typography.Text type="secondary">{fallback}</Typography.Text>;
  return (
    <Typography.Text className={mono ? 'mono' : undefined} ellipsis={{ tooltip: value }} style={{ maxWidth }}>
      {value}
    </Typography.Text>
  );
}

interface RankingsProps {
  siteId: string;
  range: DayRange;
  data: Analytics | undefined;
  loading: boolean;
}

/** Top pages, sources, campaigns, devices, browsers, systems and regions of the period. */
export function AnalyticsRankings({ siteId, range, data, loading }: RankingsProps) {
  const { t } = useTranslation();
  const { count, percent } = useNumberFormat();
  const exportOf = (table: 'topPages' | 'referrers' | 'campaigns' | 'devices' | 'regions') => ({
    siteId,
    range,
    table,
  });
  const unknown = t('tracking.analytics.unknown');
  const totalVisitors = data?.summary.visitors ?? 0;

  const number = <Row,>(key: keyof Row & string, title: string): TableColumnsType<Row>[number] => ({
    title,
    dataIndex: key,
    key,
    align: 'right',
    width: 90,
    render: (value: number) => count(value),
  });
  const visitorsWithShare = <Row extends Counted>(): TableColumnsType<Row> => [
    number<Row>('visitors', t('tracking.analytics.visitors')),
    {
      title: t('tracking.analytics.share'),
      key: 'share',
      align: 'right',
      width: 80,
      render: (_v, row) => (totalVisitors > 0 ? percent(row.visitors / totalVisitors) : '—'),
    },
  ];

  type Page = Analytics['topPages'][number];
  const pageColumns: TableColumnsType<Page> = [
    {
      title: t('tracking.analytics.page'),
      key: 'page',
      render: (_v, page) => (
        <Flex vertical>
          <Text value={page.title} fallback={t('tracking.analytics.untitled')} />
          <Typography.Text
            type="secondary"
            className="mono"
            ellipsis={{ tooltip: page.path }}
            style={{ maxWidth: 320 }}
          >
            {page.path}
          </Typography.Text>
        </Flex>
      ),
    },
    number<Page>('pageViews', t('tracking.analytics.pageViews')),
    number<Page>('visitors', t('tracking.analytics.visitors')),
    {
      title: t('tracking.analytics.avgDuration'),
      dataIndex: 'avgDurationMs',
      key: 'avgDurationMs',
      align: 'right',
      width: 110,
      render: (ms: number | null) => (ms === null ? '—' : formatClock(ms)),
    },
  ];

  type Referrer = Analytics['referrers'][number];
  const referrerColumns: TableColumnsType<Referrer> = [
    {
      title: t('tracking.analytics.referrer'),
      dataIndex: 'host',
      key: 'host',
      render: (host: string) =>
        host ? (
          <Text value={host} fallback={unknown} mono />
        ) : (
          <Typography.Text>{t('tracking.analytics.direct')}</Typography.Text>
        ),
    },
    number<Referrer>('sessions', t('tracking.analytics.sessions')),
    number<Referrer>('visitors', t('tracking.analytics.visitors')),
  ];

  type Campaign = Analytics['campaigns'][number];
  const campaignColumns: TableColumnsType<Campaign> = [
    ...(['source', 'medium', 'campaign'] as const).map((key) => ({
      title: t(`tracking.analytics.utm.${key}`),
      dataIndex: key,
      key,
      render: (value: string) => <Text value={value} fallback="—" maxWidth={150} />,
    })),
    number<Campaign>('sessions', t('tracking.analytics.sessions')),
    number<Campaign>('visitors', t('tracking.analytics.visitors')),
  ];

  type Device = Analytics['devices'][number];
  const deviceColumns: TableColumnsType<Device> = [
    {
      title: t('tracking.analytics.device'),
      dataIndex: 'deviceType',
      key: 'deviceType',
      render: (type: string) => deviceLabel(t, type),
    },
    ...visitorsWithShare<Device>(),
  ];
  const named = <Row extends Counted>(key: keyof Row & string, title: string): TableColumnsType<Row> => [
    { title, dataIndex: key, key, render: (value: string) => <Text value={value} fallback={unknown} /> },
    ...visitorsWithShare<Row>(),
  ];
  type Region = Analytics['regions'][number];
  const regionColumns: TableColumnsType<Region> = [
    {
      title: t('tracking.analytics.region'),
      key: 'region',
      render: (_v, region) => (
        <Text value={[region.province, region.city].filter(Boolean).join(' · ') || null} fallback={unknown} />
      ),
    },
    ...visitorsWithShare<Region>(),
  ];

  const devices = data?.devices;
  const devicePie = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', valueFormatter: (value) => count(Number(value)) },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: '{b} {d}%' },
          data: (devices ?? []).map((d) => ({ name: deviceLabel(t, d.deviceType), value: d.visitors })),
        },
      ],
    }),
    [devices, t, count],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <AnalyticsTableCard
          title={t('tracking.analytics.topPages')}
          exportOf={exportOf('topPages')}
          columns={pageColumns}
          rows={data?.topPages}
          rowKey={(page) => page.path}
          loading={loading}
          testId="analytics-top-pages"
        />
      </Col>
      <Col xs={24} xl={10}>
        <AnalyticsTableCard
          title={t('tracking.analytics.referrers')}
          exportOf={exportOf('referrers')}
          columns={referrerColumns}
          rows={data?.referrers}
          rowKey={(row) => row.host}
          loading={loading}
          testId="analytics-referrers"
        />
      </Col>
      <Col xs={24} xl={14}>
        <AnalyticsTableCard
          title={t('tracking.analytics.campaigns')}
          exportOf={exportOf('campaigns')}
          columns={campaignColumns}
          rows={data?.campaigns}
          rowKey={(row) => `${row.source}\n${row.medium}\n${row.campaign}`}
          loading={loading}
          testId="analytics-campaigns"
        />
      </Col>
      <Col xs={24} xl={10}>
        <AnalyticsTableCard
          title={t('tracking.analytics.devices')}
          exportOf={exportOf('devices')}
          columns={deviceColumns}
          rows={devices}
          rowKey={(row) => row.deviceType}
          loading={loading}
          testId="analytics-devices"
        >
          {devices && devices.length > 0 && (
            <EChart option={devicePie} height={220} aria-label={t('tracking.analytics.devices')} />
          )}
        </AnalyticsTableCard>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <AnalyticsTableCard
          title={t('tracking.analytics.browsers')}
          columns={named<Analytics['browsers'][number]>('browser', t('tracking.analytics.browser'))}
          rows={data?.browsers}
          rowKey={(row) => row.browser}
          loading={loading}
          testId="analytics-browsers"
        />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <AnalyticsTableCard
          title={t('tracking.analytics.systems')}
          columns={named<Analytics['os'][number]>('os', t('tracking.analytics.os'))}
          rows={data?.os}
          rowKey={(row) => row.os}
          loading={loading}
          testId="analytics-os"
        />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <AnalyticsTableCard
          title={t('tracking.analytics.regions')}
          exportOf={exportOf('regions')}
          columns={regionColumns}
          rows={data?.regions}
          rowKey={(row) => `${row.province}\n${row.city}`}
          loading={loading}
          testId="analytics-regions"
        />
      </Col>
    </Row>
  );
}
