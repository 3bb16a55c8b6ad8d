import { CloudDownloadOutlined, DownOutlined } from '@ant-design/icons';
import type { CompanyDetail } from '@kindling/contracts/companies';
import { Alert, App, Button, Card, Descriptions, Dropdown, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useEnrichCompany } from '../../api/use-companies';
import { DateTime } from '../../components/date-time';
import { useNotifyError } from '../../errors/use-notify-error';
import { useCan } from '../../session/session-context';
import { useCompanyFieldEditors } from './use-company-field-editors';

/**
 * Registry (工商) data: legal name, registration id and address, editable in place, and "Enrich" to fill them (and
 * industry, size, region) from the enrichment provider — empty fields only, or everything with "overwrite".
 */
export function CompanyRegistryCard({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canEdit = useCan('leads:write');
  const editors = useCompanyFieldEditors(company);
  const enrich = useEnrichCompany();
  // The provider's "no such company" answer, shown until the next attempt.
  const [notFound, setNotFound] = useState<string | null>(null);

  const run = (overwrite: boolean) => {
    setNotFound(null);
    enrich.mutate(
      { id: company.id, overwrite },
      {
        onSuccess: (outcome) => {
          const count = Object.keys(outcome.changes).length;
          if (count > 0)
            void message.success(t('companies.enrich.filled', { count, provider: outcome.provider.displayName }));
          else void message.info(t('companies.enrich.nothingNew'));
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 404) setNotFound(t('companies.enrich.notFound'));
          else notifyError(error);
        },
      },
    );
  };

  return (
    <Card
      title={t('companies.registry.title')}
      variant="borderless"
      extra={
        canEdit && (
          <Space.Compact>
            <Button
              icon={<CloudDownloadOutlined />}
              loading={enrich.isPending}
              onClick={() => run(false)}
              data-testid="company-enrich"
            >
              {t('companies.enrich.button')}
            </Button>
            <Dropdown
              disabled={enrich.isPending}
              menu={{
                items: [{ key: 'overwrite', label: t('companies.enrich.overwrite') }],
                onClick: () => run(true),
              }}
            >
              <Button icon={<DownOutlined />} aria-label={t('companies.enrich.more')} />
            </Dropdown>
          </Space.Compact>
        )
      }
    >
      {notFound && (
        <Alert
          type="warning"
          showIcon
          title={notFound}
          description={t('companies.enrich.notFoundHint')}
          closable={{ onClose: () => setNotFound(null) }}
          style={{ marginBottom: 12 }}
          data-testid="company-enrich-not-found"
        />
      )}
      <Descriptions
        column={1}
        size="small"
        // Registry labels are long (统一社会信用代码).
        styles={{ label: { width: 124 } }}
        items={[
          editors.text('legalName', 200),
          editors.text('registrationId', 50),
          editors.text('address', 500),
          {
            key: 'enriched',
            label: t('companies.enrich.lastRun'),
            children: company.enrichedAt ? (
              <Typography.Text type="secondary">
                <DateTime value={company.enrichedAt} /> · {company.enrichmentProvider}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('companies.enrich.never')}</Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
