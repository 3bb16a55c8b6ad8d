import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useSessionQuery } from '../../api/use-session';
import { useFormSubmit } from '../../errors/use-form-submit';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { redirectTarget } from '../../session/redirect-target';
import { AuthShell } from './auth-shell';

interface LoginValues {
  email: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const target = redirectTarget(location.state);
  const existing = useSessionQuery();
  const login = useLogin();
  const [form] = Form.useForm<LoginValues>();
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(form, async (values: LoginValues) => {
    await login.mutateAsync({ email: values.email.trim(), password: values.password });
    await navigate(target, { replace: true });
  });

  // Already signed in (e.g. a second tab): skip the form.
  if (existing.data && !login.isPending && !login.isSuccess) return <Navigate to={target} replace />;

  return (
    <AuthShell title={t('login.title')} subtitle={t('login.subtitle')}>
      <Form<LoginValues> form={form} layout="vertical" onFinish={onFinish} onValuesChange={clearFormError} size="large">
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="email"
          label={t('login.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input
            prefix={<MailOutlined />}
            autoComplete="username"
            autoFocus
            placeholder={t('login.emailPlaceholder')}
            data-testid="login-email"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            placeholder={t('login.passwordPlaceholder')}
            data-testid="login-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
