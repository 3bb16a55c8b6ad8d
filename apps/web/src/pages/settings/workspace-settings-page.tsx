import { PictureOutlined } from '@ant-design/icons';
import type { UpdateWorkspaceBody, Workspace } from '@kindling/contracts/workspaces';
import { Alert, App, Avatar, Button, Card, Descriptions, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateWorkspace, useWorkspace } from '../../api/use-workspace';
import { DateTime } from '../../components/date-time';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useFormSubmit } from '../../errors/use-form-submit';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { timeZoneOptions } from '../../time/time-zones';

interface WorkspaceValues {
  name: string;
  timeZone: string;
  logoUrl?: string | null;
}

function changesOf(workspace: Workspace, values: WorkspaceValues): UpdateWorkspaceBody {
  const body: UpdateWorkspaceBody = {};
  const name = values.name.trim();
  const logoUrl = values.logoUrl?.trim() || null;
  if (name !== workspace.name) body.name = name;
  if (values.timeZone !== workspace.timeZone) body.timeZone = values.timeZone;
  if (logoUrl !== workspace.logoUrl) body.logoUrl = logoUrl;
  return body;
}

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.workspace.title'));
  const workspace = useWorkspace();
  return (
    <>
      <PageHeader title={t('nav.items.workspace.title')} subtitle={t('nav.items.workspace.description')} />
      {workspace.isPending ? (
        <FullPageSpinner />
      ) : workspace.data ? (
        <WorkspaceForm workspace={workspace.data} />
      ) : (
        <QueryErrorResult error={workspace.error} onRetry={() => void workspace.refetch()} />
      )}
    </>
  );
}

function WorkspaceForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('workspace:manage');
  const updateWorkspace = useUpdateWorkspace();
  const [form] = Form.useForm<WorkspaceValues>();
  const logoUrl = Form.useWatch('logoUrl', form);
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(form, async (values: WorkspaceValues) => {
    const changes = changesOf(workspace, values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('common.noChanges'));
      return;
    }
    await updateWorkspace.mutateAsync(changes);
    void message.success(t('common.saved'));
  });

  return (
    <Card variant="borderless" style={{ maxWidth: 720 }}>
      {!canManage && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
      <Form<WorkspaceValues>
        form={form}
        layout="vertical"
        disabled={!canManage}
        initialValues={{ name: workspace.name, timeZone: workspace.timeZone, logoUrl: workspace.logoUrl ?? '' }}
        onFinish={onFinish}
        onValuesChange={clearFormError}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="name"
          label={t('workspaces.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('workspaces.fields.timeZone')}
          extra={t('workspaces.fields.timeZoneHint')}
          rules={[{ required: true }]}
        >
          <Select showSearch options={timeZoneOptions(workspace.timeZone)} />
        </Form.Item>
        <Form.Item label={t('workspaces.fields.logoUrl')} extra={t('workspaces.fields.logoUrlHint')}>
          <Flex gap={12} align="center">
            <Avatar shape="square" size={48} src={logoUrl || undefined} icon={<PictureOutlined />} />
            <Form.Item name="logoUrl" noStyle rules={[{ type: 'url', message: t('validation.url') }, { max: 2000 }]}>
              <Input placeholder="https://" allowClear />
            </Form.Item>
          </Flex>
        </Form.Item>
        {canManage && (
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t('common.save')}
          </Button>
        )}
      </Form>
      <Descriptions size="small" column={1} style={{ marginTop: 24 }}>
        <Descriptions.Item label={t('workspaces.fields.id')}>
          <span className="mono">{workspace.id}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('workspaces.fields.createdAt')}>
          <DateTime value={workspace.createdAt} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
