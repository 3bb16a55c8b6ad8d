import type { ImportCounts } from '@kindling/contracts/imports';
import { Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const KEYS = ['created', 'updated', 'skipped', 'rejected'] as const;
const COLORS: Record<(typeof KEYS)[number], string | undefined> = {
  created: '#389e0d',
  updated: '#1677ff',
  skipped: undefined,
  rejected: '#cf1322',
};

/** The four outcomes of an import as large figures (result page). */
export function ImportCountStatistics({ counts }: { counts: ImportCounts }) {
  const { t } = useTranslation();
  return (
    <Row gutter={24} data-testid="import-counts">
      {KEYS.map((key) => (
        <Col key={key} xs={12} sm={6}>
          <Statistic
            title={t(`imports.counts.${key}`)}
            value={counts[key]}
            styles={{ content: { color: counts[key] > 0 ? COLORS[key] : undefined } }}
          />
        </Col>
      ))}
    </Row>
  );
}

/** The four outcomes on one line (history table). */
export function ImportCountsInline({ counts }: { counts: ImportCounts }) {
  const { t } = useTranslation();
  return (
    <Space size={12} wrap>
      {KEYS.map((key) => (
        <Typography.Text key={key} type={key === 'rejected' && counts.rejected > 0 ? 'danger' : undefined}>
          {t(`imports.counts.${key}`)} {counts[key]}
        </Typography.Text>
      ))}
    </Space>
  );
}
