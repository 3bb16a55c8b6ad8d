import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** A password being chosen: the same rules (8–200 characters) wherever a person sets one. */
export function NewPasswordField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={label}
      extra={t('validation.passwordHint')}
      rules={[
        { required: true, message: t('validation.required') },
        { min: 8, message: t('validation.passwordMin') },
        { max: 200 },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
