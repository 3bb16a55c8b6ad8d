import type { Lead } from '@kindling/contracts/leads';
import { Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldCatalog } from '../../api/use-fields';
import { DateTime } from '../../components/date-time';
import { useLanguage } from '../../i18n/use-language';
import { LeadCompanyLink } from '../companies/lead-company-link';
import { CustomFieldValue, localized } from './custom-fields';
import { LeadSourceTag } from './lead-source-tag';

const copyable = (value: string | null): ReactNode =>
  value ? <Typography.Text copyable>{value}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;

const plain = (value: string | null): ReactNode => value || <Typography.Text type="secondary">—</Typography.Text>;

export function LeadProfileCard({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const catalog = useFieldCatalog();
  // Archived fields stay visible while a lead still has a value for them.
  const customFields = (catalog.data ?? []).filter(
    (f) => !f.builtIn && (!f.archived || (lead.attributes[f.key] ?? null) !== null),
  );
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
          { key: 'companyName', label: t('leads.fields.companyName'), children: <LeadCompanyLink lead={lead} /> },
          { key: 'jobTitle', label: t('leads.fields.jobTitle'), children: plain(lead.jobTitle) },
          { key: 'source', label: t('leads.fields.source'), children: <LeadSourceTag source={lead.source} /> },
          { key: 'owner', label: t('leads.fields.owner'), children: plain(lead.ownerName) },
          { key: 'industry', label: t('leads.fields.industry'), children: plain(lead.industry) },
          { key: 'province', label: t('leads.fields.province'), children: plain(lead.province) },
          { key: 'city', label: t('leads.fields.city'), children: plain(lead.city) },
          { key: 'wechatOpenid', label: t('leads.fields.wechatOpenid'), children: copyable(lead.wechatOpenid) },
          { key: 'wechatUnionid', label: t('leads.fields.wechatUnionid'), children: copyable(lead.wechatUnionid) },
          { key: 'createdAt', label: t('leads.fields.createdAt'), children: <DateTime value={lead.createdAt} /> },
          { key: 'updatedAt', label: t('leads.fields.updatedAt'), children: <DateTime value={lead.updatedAt} /> },
        ]}
      />
      {customFields.length > 0 && (
        <Descriptions
          title={<Typography.Text type="secondary">{t('customFields.sectionTitle')}</Typography.Text>}
          column={1}
          size="small"
          style={{ marginTop: 16 }}
          styles={{ label: { width: 96 } }}
          items={customFields.map((field) => ({
            key: field.key,
            label: (
              <span data-testid={`lead-attr-label-${field.key}`}>
                {localized(field.label, language)}
                {field.archived && (
                  <Tag style={{ marginInlineStart: 4 }} bordered={false}>
                    {t('customFields.status.archived')}
                  </Tag>
                )}
              </span>
            ),
            children: <CustomFieldValue field={field} value={lead.attributes[field.key]} />,
          }))}
        />
      )}
    </Card>
  );
}
