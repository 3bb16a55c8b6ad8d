import type { BulkTarget } from '@kindling/contracts/bulk';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { LEAD_OPTIONAL_TEXT_FIELDS } from '@kindling/contracts/leads';
import { Checkbox, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFieldCatalog } from '../../api/use-fields';
import { useBulkSetField } from '../../api/use-bulk';
import { FormModal } from '../../components/form-modal';
import { useLanguage } from '../../i18n/use-language';
import { CustomFieldInput, localized, toApiValue } from './custom-fields';
import { useReportBulkOutcome } from './use-bulk-outcome';

/** Built-in fields the server sets in bulk (the owner is assignment, with its own dialog and permission). */
const BULK_BUILT_IN: ReadonlySet<string> = new Set(['name', ...LEAD_OPTIONAL_TEXT_FIELDS, 'source']);
/** Built-in fields every lead must have: they can be changed but not cleared. */
const REQUIRED_BUILT_IN: ReadonlySet<string> = new Set(['name', 'source']);

interface Values {
  field?: string;
  clear?: boolean;
  value?: unknown;
}

/** Fields that may be set on `count` leads at once: a unique one (email, …) only on a single lead. */
function settableFields(catalog: FieldDefinition[] | undefined, count: number): FieldDefinition[] {
  return (catalog ?? []).filter(
    (field) => (field.builtIn ? BULK_BUILT_IN.has(field.key) : !field.archived) && (count === 1 || !field.unique),
  );
}

const isRequired = (field: FieldDefinition) => (field.builtIn ? REQUIRED_BUILT_IN.has(field.key) : field.required);

function FieldAndValue({ fields }: { fields: FieldDefinition[] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const form = Form.useFormInstance<Values>();
  const key = Form.useWatch('field', form);
  const clearing = Form.useWatch('clear', form) ?? false;
  const field = fields.find((f) => f.key === key);
  const group = (builtIn: boolean) =>
    fields.filter((f) => f.builtIn === builtIn).map((f) => ({ value: f.key, label: localized(f.label, language) }));

  return (
    <>
      <Form.Item name="field" label={t('bulk.field')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('bulk.fieldPlaceholder')}
          options={[
            { label: t('bulk.builtInFields'), options: group(true) },
            { label: t('bulk.customFields'), options: group(false) },
          ].filter((g) => g.options.length > 0)}
          onChange={(next: string) => {
            // A value typed for the previous field means nothing for this one; a switch starts at "no".
            const type = fields.find((f) => f.key === next)?.type;
            form.setFieldsValue({ value: type === 'boolean' ? false : undefined, clear: false });
          }}
          data-testid="bulk-set-field-field"
        />
      </Form.Item>
      {field && !clearing && (
        <Form.Item
          key={field.key}
          name="value"
          label={t('bulk.value')}
          valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
          rules={field.type === 'boolean' ? [] : [{ required: true, message: t('validation.required') }]}
          extra={field.helpText ?? undefined}
        >
          <CustomFieldInput field={field} />
        </Form.Item>
      )}
      {field && !isRequired(field) && field.type !== 'boolean' && (
        <Form.Item name="clear" valuePropName="checked" extra={clearing ? t('bulk.clearHint') : undefined}>
          <Checkbox>{t('bulk.clearValue')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/** Sets one field (built-in or custom) to one value on the chosen leads, or clears it. */
export function BulkSetFieldModal({
  target,
  count,
  open,
  onClose,
}: {
  target: BulkTarget;
  count: number;
  open: boolean;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const catalog = useFieldCatalog();
  const setField = useBulkSetField();
  const report = useReportBulkOutcome();
  const fields = settableFields(catalog.data, count);

  const submit = async ({ field: key, clear, value }: Values) => {
    const field = fields.find((f) => f.key === key);
    if (!field) return;
    const outcome = await setField.mutateAsync({
      target,
      field: field.key,
      value: clear ? null : toApiValue(field, value),
    });
    report(outcome, (result) => t('bulk.updated', { updated: result.updated, unchanged: result.unchanged }));
    onClose(true);
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('bulk.setFieldTitle', { count })}
      onClose={() => onClose(false)}
      onSubmit={submit}
      submitText={t('bulk.submit')}
      submitTestId="bulk-set-field-submit"
    >
      <FieldAndValue fields={fields} />
    </FormModal>
  );
}
