import type { Locale } from '@kindling/contracts/auth';
import type { FieldDefinition, LocalizedText } from '@kindling/contracts/fields';
import { Col, DatePicker, Form, Input, InputNumber, Select, Switch, Tag, Typography, type FormRule } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/date-time';
import { useLanguage } from '../../i18n/use-language';
import { dayjs } from '../../time/dayjs';

export const localized = (text: LocalizedText, language: Locale): string => text[language] || text['zh-CN'];

/** Form values of custom fields: dates as dayjs objects for the pickers, everything else as the API has it. */
export type AttributeFormValues = Record<string, unknown>;

export function attributesToFormValues(
  fields: FieldDefinition[],
  attributes: Record<string, unknown>,
): AttributeFormValues {
  const values: AttributeFormValues = {};
  for (const field of fields) {
    const value = attributes[field.key];
    if (value === undefined || value === null) continue;
    values[field.key] =
      (field.type === 'date' || field.type === 'datetime') && typeof value === 'string' ? dayjs(value) : value;
  }
  return values;
}

/** A form value of a custom field as the API takes it: dates as strings, blanks and empty lists as null. */
export function toApiValue(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (dayjs.isDayjs(value)) return field.type === 'date' ? value.format('YYYY-MM-DD') : value.toISOString();
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.length === 0 ? null : value;
  return value;
}

/**
 * The attributes to send: on create every filled field; on update only those that differ from `before`
 * (null clears a value). Empty means nothing to send.
 */
export function formValuesToAttributes(
  fields: FieldDefinition[],
  values: AttributeFormValues | undefined,
  before?: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = toApiValue(field, values?.[field.key]);
    if (!before) {
      if (value !== null) out[field.key] = value;
      continue;
    }
    if (JSON.stringify(value) !== JSON.stringify(before[field.key] ?? null)) out[field.key] = value;
  }
  return out;
}

/**
 * The input for one custom field's value. Form.Item hands its child `value`, `onChange` (and `checked` for
 * switches, `id`): they are passed on to the antd input, so the form sees what is typed.
 */
export function CustomFieldInput({ field, ...control }: { field: FieldDefinition } & Record<string, unknown>) {
  const [language] = useLanguage();
  const options = field.options.map((o) => ({ value: o.value, label: localized(o.label, language) }));
  switch (field.type) {
    case 'long_text':
      return <Input.TextArea {...control} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />;
    case 'number':
      return <InputNumber {...control} style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker {...control} style={{ width: '100%' }} />;
    case 'datetime':
      return <DatePicker {...control} showTime style={{ width: '100%' }} />;
    case 'single_select':
      return <Select {...control} allowClear options={options} />;
    case 'multi_select':
      return <Select {...control} mode="multiple" allowClear options={options} />;
    case 'boolean':
      return <Switch {...control} />;
    case 'email':
      return <Input {...control} inputMode="email" maxLength={254} />;
    case 'phone':
      return <Input {...control} inputMode="tel" maxLength={40} />;
    case 'url':
      return <Input {...control} inputMode="url" placeholder="https://" maxLength={2000} />;
    default:
      return <Input {...control} maxLength={1000} />;
  }
}

/** Form items for the workspace's (non-archived) custom fields, named `attributes.<key>`. */
export function CustomFieldFormItems({ fields }: { fields: FieldDefinition[] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  return fields.map((field) => {
    const rules: FormRule[] = [];
    if (field.required && field.type !== 'boolean') rules.push({ required: true, message: t('validation.required') });
    if (field.type === 'email') rules.push({ type: 'email', message: t('validation.email') });
    if (field.type === 'url') rules.push({ type: 'url', message: t('validation.url') });
    const wide = field.type === 'long_text' || field.type === 'multi_select';
    return (
      <Col key={field.key} xs={24} sm={wide ? 24 : 12}>
        <Form.Item
          name={['attributes', field.key]}
          label={localized(field.label, language)}
          required={field.required}
          rules={rules}
          extra={field.helpText ?? undefined}
          valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
          data-testid={`lead-form-attr-${field.key}`}
        >
          <CustomFieldInput field={field} />
        </Form.Item>
      </Col>
    );
  });
}

/** A stored custom value as text for people. */
export function CustomFieldValue({ field, value }: { field: FieldDefinition; value: unknown }): ReactNode {
  const { t } = useTranslation();
  const [language] = useLanguage();
  if (value === undefined || value === null || value === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  const optionLabel = (v: unknown) => {
    const option = field.options.find((o) => o.value === v);
    return option ? localized(option.label, language) : String(v);
  };
  switch (field.type) {
    case 'boolean':
      return value === true ? t('customFields.yes') : t('customFields.no');
    case 'datetime':
      return typeof value === 'string' ? <DateTime value={value} /> : String(value);
    case 'single_select':
      return optionLabel(value);
    case 'multi_select':
      return Array.isArray(value) ? value.map((v) => <Tag key={String(v)}>{optionLabel(v)}</Tag>) : String(value);
    case 'url':
      return typeof value === 'string' && /^https?:\/\//.test(value) ? (
        <Typography.Link href={value} target="_blank" rel="noopener noreferrer">
          {value}
        </Typography.Link>
      ) : (
        String(value)
      );
    case 'long_text':
      return <span className="pre-wrap">{String(value)}</span>;
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
}
