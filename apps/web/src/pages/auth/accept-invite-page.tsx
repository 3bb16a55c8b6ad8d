import { Alert, Button, Descriptions, Form, Input, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useAcceptInvite, useInvitePreview } from '../../api/use-invitations';
import { DateTime } from '../../components/date-time';
import { RoleTag } from '../../components/role-tag';
import { useErrorMessage } from '../../errors/error-message';
import { useFormSubmit } from '../../errors/use-form-submit';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { AuthShell } from './auth-shell';
import { NewPasswordField } from '../../components/new-password-field';

interface NewUserValues {
  name?: string;
  password?: string;
}

export function AcceptInvitePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invite.title'));
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const preview = useInvitePreview(token);
  const accept = useAcceptInvite();
  const [form] = Form.useForm<NewUserValues>();
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(form, async (values: NewUserValues) => {
    await accept.mutateAsync({ token, name: values.name?.trim(), password: values.password });
    await navigate('/leads', { replace: true });
  });

  if (preview.isPending) {
    return (
      <AuthShell title={t('invite.title')}>
        <Spin />
      </AuthShell>
    );
  }

  if (!preview.data) {
    const gone = isApiError(preview.error) && (preview.error.status === 404 || preview.error.status === 410);
    return (
      <AuthShell title={t('invite.title')}>
        <Result
          status={gone ? 'warning' : 'error'}
          title={gone ? t('invite.invalid') : t('common.loadFailed')}
          subTitle={gone ? t('invite.invalidHint') : describe(preview.error)}
          extra={<Link to="/login">{t('invite.goToLogin')}</Link>}
        />
      </AuthShell>
    );
  }

  const invitation = preview.data;
  return (
    <AuthShell title={t('invite.title')} subtitle={t('invite.subtitle', { workspace: invitation.workspaceName })}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('invite.workspace')}>{invitation.workspaceName}</Descriptions.Item>
        <Descriptions.Item label={t('invite.email')}>{invitation.email}</Descriptions.Item>
        <Descriptions.Item label={t('invite.role')}>
          <RoleTag role={invitation.role} />
        </Descriptions.Item>
        <Descriptions.Item label={t('invite.expires')}>
          <DateTime value={invitation.expiresAt} />
        </Descriptions.Item>
      </Descriptions>
      <Form<NewUserValues> form={form} layout="vertical" onFinish={onFinish} onValuesChange={clearFormError}>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        {invitation.userExists ? (
          <>
            <Alert type="info" showIcon title={t('invite.existingUser')} style={{ marginBottom: 16 }} />
            {/* The account proves it is theirs: a leaked invite link alone must not sign anyone in. */}
            <Form.Item
              name="password"
              label={t('invite.existingPassword')}
              rules={[{ required: true, message: t('validation.required') }, { max: 200 }]}
            >
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="name"
              label={t('invite.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
            >
              <Input autoComplete="name" autoFocus maxLength={100} />
            </Form.Item>
            <NewPasswordField name="password" label={t('invite.password')} />
          </>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          {invitation.userExists ? t('invite.join') : t('invite.createAndJoin')}
        </Button>
      </Form>
    </AuthShell>
  );
}
