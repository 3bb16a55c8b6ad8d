import type { CompanyDetail } from '@kindling/contracts/companies';
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldCatalog } from '../../api/use-fields';
import { DateTime } from '../../components/date-time';
import { useLanguage } from '../../i18n/use-language';
import { useCompanyFieldEditors } from './use-company-field-editors';

/** The company's profile: name, domain, industry, size, region and custom fields, each editable in place. */
export function CompanyProfileCard({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const catalog = useFieldCatalog('company');
  const editors = useCompanyFieldEditors(company);
  // Archived fields stay visible while the company still has a value for them.
  const customFields = (catalog.data ?? []).filter(
    (f) => !f.builtIn && (!f.archived || (company.attributes[f.key] ?? null) !== null),
  );
  return (
    <Card title={t('companies.detail.profile')} variant="borderless">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          editors.text('name', 200),
          editors.text('domain', 2000),
          editors.text('industry', 100),
          editors.size,
          editors.text('region', 100),
          { key: 'leadCount', label: t('companies.fields.leadCount'), children: company.leadCount },
          {
            key: 'createdAt',
            label: t('companies.fields.createdAt'),
            children: <DateTime value={company.createdAt} />,
          },
          {
            key: 'updatedAt',
            label: t('companies.fields.updatedAt'),
            children: <DateTime value={company.updatedAt} />,
          },
        ]}
      />
      {customFields.length > 0 && (
        <Descriptions
          title={<Typography.Text type="secondary">{t('customFields.sectionTitle')}</Typography.Text>}
          column={1}
          size="small"
          style={{ marginTop: 16 }}
          styles={{ label: { width: 96 } }}
          items={customFields.map((field) => editors.custom(field, language))}
        />
      )}
    </Card>
  );
}
