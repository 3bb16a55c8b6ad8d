import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

/** What the segment forms edit besides the filter. */
export interface SegmentFormValues {
  name: string;
  description?: string;
  shared: boolean;
}

export function SegmentFormFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="name"
        label={t('segments.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input maxLength={100} placeholder={t('segments.namePlaceholder')} data-testid="segment-name" />
      </Form.Item>
      <Form.Item name="description" label={t('segments.fields.description')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="shared" label={t('segments.shared')} extra={t('segments.sharedHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}
