import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CUSTOM_FIELD_TYPES,
  isSelectType,
  ZCustomFieldKey,
  type CreateFieldBody,
  type CustomFieldType,
  type FieldDefinition,
  type FieldEntity,
  type FieldOption,
  type UpdateFieldBody,
} from '@kindling/contracts/fields';
import { Alert, App, Button, Checkbox, Col, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateField, useUpdateField } from '../../api/use-fields';
import { FormModal } from '../../components/form-modal';
import { useLanguage } from '../../i18n/use-language';
import { localized } from '../leads/custom-fields';

interface FieldFormValues {
  key: string;
  label: { 'zh-CN': string; en: string };
  type: CustomFieldType;
  options?: FieldOption[];
  required?: boolean;
  unique?: boolean;
  helpText?: string | null;
}

interface FieldFormModalProps {
  open: boolean;
  onClose: () => void;
  /** Edit this field; without it the modal creates one. */
  field?: FieldDefinition | undefined;
  /** Whose field: a lead field (default) or a company field. */
  entity?: FieldEntity;
}

function trimmedOptions(options: FieldOption[] | undefined): FieldOption[] {
  return (options ?? []).map((o) => ({
    value: o.value.trim(),
    label: { 'zh-CN': o.label['zh-CN'].trim(), en: o.label.en.trim() },
  }));
}

function toCreateBody(values: FieldFormValues): CreateFieldBody {
  return {
    key: values.key.trim(),
    label: { 'zh-CN': values.label['zh-CN'].trim(), en: values.label.en.trim() },
    type: values.type,
    options: isSelectType(values.type) ? trimmedOptions(values.options) : [],
    required: values.required ?? false,
    unique: values.unique ?? false,
    helpText: values.helpText?.trim() || null,
  };
}

function toUpdateBody(field: FieldDefinition, values: FieldFormValues): UpdateFieldBody {
  const next = toCreateBody({ ...values, key: field.key });
  const body: UpdateFieldBody = {};
  if (JSON.stringify(next.label) !== JSON.stringify(field.label)) body.label = next.label;
  if (next.type !== field.type) body.type = next.type;
  if (isSelectType(next.type) && JSON.stringify(next.options) !== JSON.stringify(field.options)) {
    body.options = next.options;
  }
  if (next.required !== field.required) body.required = next.required;
  if (next.unique !== field.unique) body.unique = next.unique;
  if ((next.helpText ?? null) !== field.helpText) body.helpText = next.helpText ?? null;
  return body;
}

export function FieldFormModal({ open, onClose, field, entity = 'lead' }: FieldFormModalProps) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = App.useApp();
  const createField = useCreateField(entity);
  const updateField = useUpdateField(entity);

  const submit = async (values: FieldFormValues) => {
    if (!field) {
      const created = await createField.mutateAsync(toCreateBody(values));
      void message.success(t('customFields.created', { name: localized(created.label, language) }));
      onClose();
      return;
    }
    const body = toUpdateBody(field, values);
    if (Object.keys(body).length > 0) {
      await updateField.mutateAsync({ key: field.key, body });
      void message.success(t('customFields.updated'));
    } else {
      void message.info(t('common.noChanges'));
    }
    onClose();
  };

  const initialValues: Partial<FieldFormValues> = field
    ? {
        key: field.key,
        label: field.label,
        type: field.type === 'user' ? 'text' : field.type,
        options: field.options,
        required: field.required,
        unique: field.unique,
        helpText: field.helpText,
      }
    : { type: 'text', options: [], required: false, unique: false };

  return (
    <FormModal<FieldFormValues>
      open={open}
      title={field ? t('customFields.editTitle') : t('customFields.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={initialValues}
      submitText={field ? t('common.save') : t('customFields.create')}
      submitTestId="field-form-submit"
      errorOverrides={{ conflict: t('customFields.form.conflict') }}
      width={720}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['label', 'zh-CN']}
            label={t('customFields.form.labelZh')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
          >
            <Input autoFocus maxLength={100} data-testid="field-form-label-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['label', 'en']}
            label={t('customFields.form.labelEn')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
          >
            <Input maxLength={100} data-testid="field-form-label-en" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="key"
            label={t('customFields.form.key')}
            extra={t('customFields.form.keyHint')}
            rules={[
              { required: true, message: t('validation.required') },
              {
                validator: (_rule, value: unknown) =>
                  typeof value !== 'string' || value === '' || ZCustomFieldKey.safeParse(value).success
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('customFields.form.keyInvalid'))),
              },
            ]}
          >
            <Input className="mono" maxLength={40} disabled={Boolean(field)} data-testid="field-form-key" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="type"
            label={t('customFields.form.type')}
            extra={field ? t('customFields.form.typeChangeHint') : undefined}
            rules={[{ required: true }]}
          >
            <Select
              data-testid="field-form-type"
              options={CUSTOM_FIELD_TYPES.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))}
            />
          </Form.Item>
        </Col>
        <Form.Item noStyle dependencies={['type']}>
          {({ getFieldValue }) =>
            isSelectType(getFieldValue('type') as CustomFieldType) && (
              <Col span={24}>
                <OptionsEditor />
              </Col>
            )
          }
        </Form.Item>
        <Col xs={24} sm={12}>
          <Form.Item name="required" valuePropName="checked">
            <Checkbox>{t('customFields.form.required')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="unique" valuePropName="checked" extra={t('customFields.form.uniqueHint')}>
            <Checkbox>{t('customFields.form.unique')}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="helpText"
            label={t('customFields.form.helpText')}
            extra={t('customFields.form.helpTextHint')}
            rules={[{ max: 500 }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** Select options: stored value plus a label per language. */
function OptionsEditor() {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_rule, options: unknown[] | undefined) => {
            if (!options || options.length === 0) throw new Error(t('customFields.form.optionsRequired'));
          },
        },
      ]}
    >
      {(items, { add, remove }, { errors }) => (
        <Form.Item label={t('customFields.form.options')} required>
          {items.length > 0 && (
            <Alert type="info" showIcon title={t('customFields.form.optionsHint')} style={{ marginBottom: 12 }} />
          )}
          {items.map((item) => (
            <Space key={item.key} align="start" style={{ display: 'flex' }} wrap>
              <Form.Item name={[item.name, 'value']} rules={[required, { max: 100 }]}>
                <Input className="mono" placeholder={t('customFields.form.optionValue')} maxLength={100} />
              </Form.Item>
              <Form.Item name={[item.name, 'label', 'zh-CN']} rules={[required, { max: 100 }]}>
                <Input placeholder={t('customFields.form.labelZh')} maxLength={100} />
              </Form.Item>
              <Form.Item name={[item.name, 'label', 'en']} rules={[required, { max: 100 }]}>
                <Input placeholder={t('customFields.form.labelEn')} maxLength={100} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => remove(item.name)}
              />
            </Space>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ value: '', label: { 'zh-CN': '', en: '' } })}
            data-testid="field-form-add-option"
          >
            {t('customFields.form.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}
