import type { CompanyDetail, CompanyRef } from '@kindling/contracts/companies';
import { App, Checkbox, Col, Divider, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCreateCompany, useEnrichCompany, useUpdateCompany } from '../../api/use-companies';
import { formFields, useFieldCatalog } from '../../api/use-fields';
import { FormModal } from '../../components/form-modal';
import { CustomFieldFormItems } from '../leads/custom-fields';
import { CompanySelect } from './company-select';
import { CompanySizeSelect } from './company-size-select';
import {
  companyToFormValues,
  toCreateCompanyBody,
  toUpdateCompanyBody,
  type CompanyFormValues,
} from './company-form-values';

interface CompanyFormModalProps {
  open: boolean;
  onClose: () => void;
  onSaved?: (company: CompanyDetail) => void;
  /** Edit this company; without it the modal creates one. */
  company?: CompanyDetail;
  /** A new company starts as a division of this one. */
  parent?: CompanyRef;
}

/** Create or edit a company: every field, the parent company and the custom company fields. */
export function CompanyFormModal({ open, onClose, onSaved, company, parent }: CompanyFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const createCompany = useCreateCompany();
  const updateCompany = useUpdateCompany(company?.id ?? '');
  const enrichCompany = useEnrichCompany();
  const catalog = useFieldCatalog('company');
  const customFields = formFields(catalog.data);

  const submit = async (values: CompanyFormValues) => {
    if (!company) {
      const created = await createCompany.mutateAsync(toCreateCompanyBody(values, customFields));
      void message.success(t('companies.form.created', { name: created.name }));
      onSaved?.(created);
      // "Creating a company can auto-fill registry data": the company exists either way; a miss is only news.
      if (values.enrich) {
        enrichCompany.mutate(
          { id: created.id, overwrite: false },
          {
            onError: (error) =>
              void (isApiError(error) && error.status === 404
                ? message.info(t('companies.enrich.notFound'))
                : message.warning(t('companies.form.enrichFailed'))),
          },
        );
      }
      return;
    }
    const changes = toUpdateCompanyBody(company, values, customFields);
    if (Object.keys(changes).length === 0) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    const updated = await updateCompany.mutateAsync(changes);
    void message.success(t('companies.form.updated'));
    onSaved?.(updated);
  };

  const text = (name: keyof CompanyFormValues, max: number, wide = false) => (
    <Col xs={24} sm={wide ? 24 : 12}>
      <Form.Item name={name} label={t(`companies.fields.${name as 'domain'}`)} rules={[{ max }]}>
        <Input maxLength={max} data-testid={`company-form-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <FormModal<CompanyFormValues>
      // Initial values are read once when the form mounts: wait for the field definitions.
      open={open && !catalog.isPending}
      title={company ? t('companies.form.editTitle') : t('companies.form.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={
        company ? companyToFormValues(company, customFields) : { parentId: parent?.id ?? null, enrich: true }
      }
      submitText={company ? t('common.save') : t('companies.form.create')}
      submitTestId="company-form-submit"
      errorOverrides={{ conflict: t('companies.form.conflict') }}
      width={680}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('companies.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
          >
            <Input autoFocus maxLength={200} data-testid="company-form-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="domain"
            label={t('companies.fields.domain')}
            tooltip={t('companies.form.domainHint')}
            rules={[{ max: 2000 }]}
          >
            <Input maxLength={2000} placeholder="acme.com" data-testid="company-form-domain" />
          </Form.Item>
        </Col>
        {text('industry', 100)}
        <Col xs={24} sm={12}>
          <Form.Item name="size" label={t('companies.fields.size')}>
            <CompanySizeSelect />
          </Form.Item>
        </Col>
        {text('region', 100)}
        <Col xs={24} sm={12}>
          <Form.Item name="parentId" label={t('companies.fields.parent')} tooltip={t('companies.form.parentHint')}>
            <CompanySelect current={company?.parent ?? parent ?? null} excludeId={company?.id} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Divider titlePlacement="start" plain>
            {t('companies.registry.title')}
          </Divider>
        </Col>
        {text('legalName', 200)}
        {text('registrationId', 50)}
        {text('address', 500, true)}
        {customFields.length > 0 && (
          <>
            <Col span={24}>
              <Divider titlePlacement="start" plain>
                {t('customFields.sectionTitle')}
              </Divider>
            </Col>
            <CustomFieldFormItems fields={customFields} />
          </>
        )}
        {!company && (
          <Col span={24}>
            <Form.Item name="enrich" valuePropName="checked" extra={t('companies.form.enrichHint')}>
              <Checkbox data-testid="company-form-enrich">{t('companies.form.enrich')}</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormModal>
  );
}
