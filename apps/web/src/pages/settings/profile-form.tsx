import type { Locale } from '@kindling/contracts/auth';
import { Alert, App, Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateProfile } from '../../api/use-session';
import { useFormSubmit } from '../../errors/use-form-submit';
import { LANGUAGES, setLanguage } from '../../i18n';
import { useLanguage } from '../../i18n/use-language';
import { useSession } from '../../session/session-context';

interface ProfileValues {
  name: string;
  locale: Locale;
}

export function ProfileForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const [language] = useLanguage();
  const updateProfile = useUpdateProfile();
  const [form] = Form.useForm<ProfileValues>();
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(form, async (values: ProfileValues) => {
    await updateProfile.mutateAsync({ name: values.name.trim(), locale: values.locale });
    await setLanguage(values.locale);
    void message.success(t('common.saved'));
  });

  return (
    <Card title={t('account.profile.title')} variant="borderless">
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        initialValues={{ name: user.name, locale: user.locale ?? language }}
        onFinish={onFinish}
        onValuesChange={clearFormError}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item label={t('account.profile.email')}>
          <Input value={user.email} disabled />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('account.profile.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
        >
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="locale" label={t('account.profile.language')} extra={t('account.profile.languageHint')}>
          <Select<Locale> options={LANGUAGES.map((value) => ({ value, label: t(`language.names.${value}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
