import type { Lead } from '@kindling/contracts/leads';
import { Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import { LeadSourceTag } from './lead-source-tag';

const copyable = (value: string | null): ReactNode =>
  value ? <Typography.Text copyable>{value}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;

const plain = (value: string | null): ReactNode => value || <Typography.Text type="secondary">—</Typography.Text>;

export function LeadProfileCard({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  return (
    <Card title={t('leads.detail.profile')} variant="borderless">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'name', label: t('leads.fields.name'), children: lead.name },
          { key: 'email', label: t('leads.fields.email'), children: copyable(lead.email) },
          { key: 'phone', label: t('leads.fields.phone'), children: copyable(lead.phone) },
          { key: 'companyName', label: t('leads.fields.companyName'), children: plain(lead.companyName) },
          { key: 'jobTitle', label: t('leads.fields.jobTitle'), children: plain(lead.jobTitle) },
          { key: 'source', label: t('leads.fields.source'), children: <LeadSourceTag source={lead.source} /> },
          { key: 'owner', label: t('leads.fields.owner'), children: plain(lead.ownerName) },
          { key: 'createdAt', label: t('leads.fields.createdAt'), children: <DateTime value={lead.createdAt} /> },
          { key: 'updatedAt', label: t('leads.fields.updatedAt'), children: <DateTime value={lead.updatedAt} /> },
        ]}
      />
    </Card>
  );
}
