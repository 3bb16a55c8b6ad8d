import type { TrackingSite, WebAnalytics } from '@kindling/contracts/tracking';
import { Alert, App, Card, Col, DatePicker, Row, Statistic, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useWebAnalytics, type DayRange } from '../../api/use-tracking';
import { EChart, type ChartOption } from '../../components/echart';
import { QueryErrorResult } from '../../components/query-error-result';
import { dayjs } from '../../time/dayjs';
import { formatClock } from './analytics-format';
import { useNumberFormat } from './use-number-format';
import { AnalyticsRankings } from './analytics-rankings';
import { AnalyticsExportButton } from './analytics-table-card';
import { presetRanges, toDay, useAnalyticsRange, type RangePreset } from './site-detail-params';

const PRESETS: RangePreset[] = ['today', 'last7', 'last30', 'thisMonth'];

/** 网站分析: visitors, sessions and page views of a period, with where they came from and what they used. */
export function AnalyticsTab({ site }: { site: TrackingSite }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { range, setRange, today } = useAnalyticsRange();
  const analytics = useWebAnalytics(site.id, range);
  const ranges = presetRanges(today);

  return (
    <>
      <div className="toolbar">
        <DatePicker.RangePicker
          value={[dayjs(range.from), dayjs(range.to)]}
          allowClear={false}
          disabledDate={(day) => day.isAfter(today, 'day')}
          presets={PRESETS.map((preset) => ({
            label: t(`tracking.analytics.presets.${preset}`),
            value: ranges[preset],
          }))}
          onChange={(days) => {
            const [from, to] = days ?? [];
            if (!from || !to) return;
            if (to.diff(from, 'day') > 366) void message.warning(t('tracking.analytics.rangeTooLong'));
            else setRange({ from: toDay(from), to: toDay(to) });
          }}
          data-testid="analytics-range"
        />
        <div className="toolbar-spacer" />
        <Tooltip title={t('tracking.analytics.rawEventsHint')}>
          <span>
            <AnalyticsExportButton
              siteId={site.id}
              range={range}
              table="events"
              label={t('tracking.analytics.exportRawEvents')}
            />
          </span>
        </Tooltip>
      </div>
      {!site.firstEventAt && (
        <Alert type="info" showIcon title={t('tracking.analytics.notInstalled')} style={{ marginBottom: 16 }} />
      )}
      {analytics.isError && !analytics.data ? (
        <QueryErrorResult error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <SummaryCards data={analytics.data} loading={analytics.isPending} />
          </Col>
          <Col span={24}>
            <DailyTrend siteId={site.id} range={range} data={analytics.data} />
          </Col>
          <Col span={24}>
            <AnalyticsRankings siteId={site.id} range={range} data={analytics.data} loading={analytics.isFetching} />
          </Col>
        </Row>
      )}
    </>
  );
}

function SummaryCards({ data, loading }: { data: WebAnalytics | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const { count, percent } = useNumberFormat();
  const summary = data?.summary;
  const kpis = [
    { key: 'visitors', value: summary && count(summary.visitors) },
    { key: 'sessions', value: summary && count(summary.sessions) },
    { key: 'pageViews', value: summary && count(summary.pageViews) },
    { key: 'bounceRate', value: summary && percent(summary.bounceRate) },
    {
      key: 'avgDuration',
      value: summary && (summary.avgDurationMs === null ? '—' : formatClock(summary.avgDurationMs)),
    },
    { key: 'identifiedVisitors', value: summary && count(summary.identifiedVisitors) },
  ] as const;
  return (
    <Row gutter={[16, 16]}>
      {kpis.map(({ key, value }) => (
        <Col key={key} xs={12} md={8} xl={4}>
          <Card variant="borderless" data-testid={`analytics-kpi-${key}`}>
            <Statistic
              title={
                <Tooltip title={t(`tracking.analytics.kpiHints.${key}`)}>
                  <span>{t(`tracking.analytics.${key}`)}</span>
                </Tooltip>
              }
              value={value ?? '—'}
              loading={loading}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

interface DailyTrendProps {
  siteId: string;
  range: DayRange;
  data: WebAnalytics | undefined;
}

function DailyTrend({ siteId, range, data }: DailyTrendProps) {
  const { t } = useTranslation();
  const { count } = useNumberFormat();
  const daily = data?.daily;
  const option = useMemo<ChartOption>(() => {
    const days = daily ?? [];
    const line = (name: string, values: number[]) => ({
      name,
      type: 'line' as const,
      smooth: true,
      showSymbol: days.length <= 31,
      data: values,
    });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value) => count(Number(value)) },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', boundaryGap: false, data: days.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        line(
          t('tracking.analytics.visitors'),
          days.map((d) => d.visitors),
        ),
        line(
          t('tracking.analytics.sessions'),
          days.map((d) => d.sessions),
        ),
        line(
          t('tracking.analytics.pageViews'),
          days.map((d) => d.pageViews),
        ),
      ],
    };
  }, [daily, t, count]);
  return (
    <Card
      variant="borderless"
      title={t('tracking.analytics.trend')}
      extra={<AnalyticsExportButton siteId={siteId} range={range} table="daily" />}
    >
      <EChart option={option} height={300} aria-label={t('tracking.analytics.trend')} data-testid="analytics-trend" />
    </Card>
  );
}
