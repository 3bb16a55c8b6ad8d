import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/use-session';
import { useFormSubmit } from '../../errors/use-form-submit';
import { NewPasswordField } from '../../components/new-password-field';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changePassword = useChangePassword();
  const [form] = Form.useForm<PasswordValues>();
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(
    form,
    async ({ currentPassword, newPassword }: PasswordValues) => {
      await changePassword.mutateAsync({ currentPassword, newPassword });
      form.resetFields();
      void message.success(t('account.password.changed'));
    },
    {
      overrides: { invalid_credentials: t('account.password.wrongCurrent') },
      fieldMessages: { currentPassword: t('account.password.wrongCurrent') },
    },
  );

  return (
    <Card title={t('account.password.title')} variant="borderless">
      <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} onValuesChange={clearFormError}>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="currentPassword"
          label={t('account.password.current')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordField name="newPassword" label={t('account.password.new')} />
        <Form.Item
          name="confirmPassword"
          label={t('account.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
