import type { Locale } from '@kindling/contracts/auth';
import type { CompanyDetail, CompanySize, UpdateCompanyBody } from '@kindling/contracts/companies';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { Input, Tag, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateCompany } from '../../api/use-companies';
import { useCan } from '../../session/session-context';
import {
  attributesToFormValues,
  CustomFieldInput,
  CustomFieldValue,
  formValuesToAttributes,
  localized,
} from '../leads/custom-fields';
import { valueFromChange } from './change-value';
import { CompanySizeSelect } from './company-size-select';
import { InlineEdit } from './inline-edit';

type TextField = 'name' | 'domain' | 'industry' | 'region' | 'legalName' | 'registrationId' | 'address';

const plain = (value: string | null): ReactNode => value || <Typography.Text type="secondary">—</Typography.Text>;

/**
 * Inline editing of a company's fields: the text fields, the size band and the custom company fields. Shared by
 * the profile and registry cards.
 */
export function useCompanyFieldEditors(company: CompanyDetail) {
  const { t } = useTranslation();
  const canEdit = useCan('leads:write');
  const update = useUpdateCompany(company.id);
  const save = (body: UpdateCompanyBody) => update.mutateAsync(body);

  const text = (key: TextField, max: number): NonNullable<DescriptionsProps['items']>[number] => ({
    key,
    label: t(`companies.fields.${key}`),
    children: (
      <InlineEdit<string>
        value={company[key] ?? ''}
        display={
          key === 'domain' && company.domain ? (
            <Typography.Text copyable>{company.domain}</Typography.Text>
          ) : (
            plain(company[key])
          )
        }
        canEdit={canEdit}
        testId={`company-field-${key}`}
        errorOverrides={{ conflict: t('companies.form.conflict') }}
        editor={(draft, setDraft, submit) => (
          <Input
            size="small"
            autoFocus
            value={draft}
            maxLength={max}
            onChange={(event) => setDraft(event.target.value)}
            onPressEnter={submit}
          />
        )}
        onSave={(value) => save({ [key]: key === 'name' ? value.trim() : value.trim() || null })}
      />
    ),
  });

  const size = {
    key: 'size',
    label: t('companies.fields.size'),
    children: (
      <InlineEdit<CompanySize | null>
        value={company.size}
        display={plain(company.size && t('companies.sizeLabel', { band: company.size }))}
        canEdit={canEdit}
        testId="company-field-size"
        editor={(draft, setDraft) => (
          <CompanySizeSelect
            size="small"
            value={draft}
            onChange={(value) => setDraft(value ?? null)}
            style={{ width: '100%' }}
          />
        )}
        onSave={(value) => save({ size: value })}
      />
    ),
  };

  const custom = (field: FieldDefinition, language: Locale) => ({
    key: field.key,
    label: (
      <span>
        {localized(field.label, language)}
        {field.archived && (
          <Tag style={{ marginInlineStart: 4 }} variant="filled">
            {t('customFields.status.archived')}
          </Tag>
        )}
      </span>
    ),
    children: (
      <InlineEdit<unknown>
        value={attributesToFormValues([field], company.attributes)[field.key] ?? null}
        display={<CustomFieldValue field={field} value={company.attributes[field.key]} />}
        canEdit={canEdit && !field.archived}
        testId={`company-attr-${field.key}`}
        editor={(draft, setDraft) => (
          <CustomFieldInput
            field={field}
            size="small"
            {...(field.type === 'boolean' ? { checked: draft === true } : { value: draft })}
            onChange={(arg: unknown) => setDraft(valueFromChange(arg))}
          />
        )}
        onSave={async (value) => {
          const attributes = formValuesToAttributes([field], { [field.key]: value }, company.attributes);
          if (Object.keys(attributes).length > 0) await save({ attributes });
        }}
      />
    ),
  });

  return { text, size, custom };
}
