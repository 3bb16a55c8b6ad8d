import type { TrackingSite } from '@kindling/contracts/tracking';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateTrackingSite } from '../../api/use-tracking';
import { DateTime } from '../../components/date-time';
import { useFormSubmit } from '../../errors/use-form-submit';
import { useCan } from '../../session/session-context';
import { SiteFormFields, siteToFormValues, toUpdateSiteBody, type SiteFormValues } from './site-form-fields';
import { SiteArchiveButton } from './site-status';

/** 设置: the site's form inline, its public key, and archiving. */
export function SettingsTab({ site }: { site: TrackingSite }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('tracking:manage');
  const update = useUpdateTrackingSite(site.id);
  const [form] = Form.useForm<SiteFormValues>();
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(form, async (values: SiteFormValues) => {
    const changes = toUpdateSiteBody(site, values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('common.noChanges'));
      return;
    }
    await update.mutateAsync(changes);
    void message.success(t('tracking.site.updated'));
  });
  const readOnly = !canManage || Boolean(site.archivedAt);

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" title={t('tracking.settings.title')}>
        {!canManage && (
          <Alert type="info" showIcon title={t('tracking.settings.readOnly')} style={{ marginBottom: 16 }} />
        )}
        {canManage && site.archivedAt && (
          <Alert type="warning" showIcon title={t('tracking.settings.archived')} style={{ marginBottom: 16 }} />
        )}
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form<SiteFormValues>
          form={form}
          layout="vertical"
          // Keyed by the saved state: after a save (or a change elsewhere) the form shows the stored values.
          key={`${site.id}:${JSON.stringify(siteToFormValues(site))}`}
          initialValues={siteToFormValues(site)}
          onFinish={onFinish}
          onValuesChange={clearFormError}
          disabled={readOnly}
          style={{ maxWidth: 860 }}
        >
          <SiteFormFields editing />
          {!readOnly && (
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="site-settings-save">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      <Card variant="borderless" title={t('tracking.settings.keyTitle')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('tracking.settings.siteKey')}>
            <Typography.Text code copyable data-testid="site-key">
              {site.siteKey}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('tracking.site.createdAt')}>
            <DateTime value={site.createdAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('tracking.status.firstEventLabel')}>
            <DateTime value={site.firstEventAt} />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('tracking.settings.keyHint')}
        </Typography.Paragraph>
      </Card>
      {canManage && (
        <Card variant="borderless" title={t('tracking.settings.archiveTitle')}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Typography.Text type="secondary">
              {site.archivedAt ? t('tracking.settings.restoreHint') : t('tracking.site.archiveHint')}
            </Typography.Text>
            <SiteArchiveButton site={site} size="middle" />
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
