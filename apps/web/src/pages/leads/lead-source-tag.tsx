import type { LeadSource } from '@kindling/contracts/leads';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const SOURCE_COLORS: Record<LeadSource, string> = {
  manual: 'default',
  import: 'cyan',
  website: 'blue',
  form: 'geekblue',
  event: 'purple',
  wechat: 'green',
  wecom: 'lime',
  referral: 'magenta',
  live: 'volcano',
  content: 'gold',
  api: 'default',
  other: 'default',
};

export function LeadSourceTag({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  return <Tag color={SOURCE_COLORS[source]}>{t(`leads.sources.${source}`)}</Tag>;
}
