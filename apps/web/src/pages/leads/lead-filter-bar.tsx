import { FilterOutlined, SaveOutlined } from '@ant-design/icons';
import type { FilterGroup } from '@kindling/contracts/filters';
import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { countConditions } from '../../components/filter-builder/filter-tree';
import { useFilterSummary } from '../../components/filter-builder/use-filter-summary';

interface LeadFilterBarProps {
  filter: FilterGroup;
  inRecycleBin: boolean;
  onEdit: () => void;
  onClear: () => void;
  /** Offered when the user may create segments. */
  onSaveAsSegment?: () => void;
}

/** "Filter active (N conditions) · clear", the filter read as one line, and "save as segment". */
export function LeadFilterBar({ filter, inRecycleBin, onEdit, onClear, onSaveAsSegment }: LeadFilterBarProps) {
  const { t } = useTranslation();
  const summarize = useFilterSummary();
  return (
    <Alert
      type={inRecycleBin ? 'warning' : 'info'}
      icon={<FilterOutlined />}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="filter-active"
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{t('filters.active', { count: countConditions(filter) })}</Typography.Text>
          <Button type="link" size="small" onClick={onClear} data-testid="filter-clear">
            {t('filters.clear')}
          </Button>
          {inRecycleBin && <Typography.Text type="secondary">{t('filters.recycleBinIgnored')}</Typography.Text>}
        </Flex>
      }
      description={
        <Typography.Link onClick={onEdit} ellipsis style={{ maxWidth: '100%' }}>
          {summarize(filter)}
        </Typography.Link>
      }
      action={
        onSaveAsSegment &&
        !inRecycleBin && (
          <Button size="small" icon={<SaveOutlined />} onClick={onSaveAsSegment} data-testid="segment-save-as">
            {t('segments.saveAs')}
          </Button>
        )
      }
    />
  );
}
