import type { Lead } from '@kindling/contracts/leads';
import { App, Col, Divider, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { formFields, useFieldCatalog } from '../../api/use-fields';
import { useCreateLead, useUpdateLead } from '../../api/use-leads';
import { FormModal } from '../../components/form-modal';
import { CompanySelect } from '../companies/company-select';
import { CustomFieldFormItems } from './custom-fields';
import { leadToFormValues, toCreateBody, toUpdateBody, type LeadFormValues } from './lead-form-values';
import { LeadSourceSelect } from './lead-source-select';
import { OwnerSelect } from './owner-select';

interface LeadFormModalProps {
  open: boolean;
  onClose: () => void;
  onSaved?: (lead: Lead) => void;
  /** Edit this lead; without it the modal creates one. */
  lead?: Lead;
}

export function LeadFormModal({ open, onClose, onSaved, lead }: LeadFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const createLead = useCreateLead();
  const updateLead = useUpdateLead(lead?.id ?? '');
  const catalog = useFieldCatalog();
  const customFields = formFields(catalog.data);
  // Required switches start off explicitly, so "no" is a given answer rather than a missing one.
  const newLeadValues = {
    source: 'manual' as const,
    attributes: Object.fromEntries(
      customFields.filter((f) => f.type === 'boolean' && f.required).map((f) => [f.key, false]),
    ),
  };

  const submit = async (values: LeadFormValues) => {
    if (!lead) {
      const created = await createLead.mutateAsync(toCreateBody(values, customFields));
      void message.success(t('leads.form.created', { name: created.name }));
      onSaved?.(created);
      return;
    }
    const changes = toUpdateBody(lead, values, customFields);
    if (Object.keys(changes).length === 0) {
      void message.info(t('leads.form.noChanges'));
      onClose();
      return;
    }
    const updated = await updateLead.mutateAsync(changes);
    void message.success(t('leads.form.updated'));
    onSaved?.(updated);
  };

  return (
    <FormModal<LeadFormValues>
      // Initial values are read once when the form mounts: wait for the field definitions.
      open={open && !catalog.isPending}
      title={lead ? t('leads.form.editTitle') : t('leads.form.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={lead ? leadToFormValues(lead, customFields) : newLeadValues}
      submitText={lead ? t('common.save') : t('leads.form.create')}
      submitTestId="lead-form-submit"
      errorOverrides={{ conflict: t('leads.form.conflict') }}
      width={640}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('leads.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
          >
            <Input autoFocus maxLength={200} data-testid="lead-form-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="email"
            label={t('leads.fields.email')}
            rules={[{ type: 'email', message: t('validation.email') }, { max: 254 }]}
          >
            <Input maxLength={254} inputMode="email" data-testid="lead-form-email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="companyName" label={t('leads.fields.companyName')} rules={[{ max: 200 }]}>
            <Input maxLength={200} data-testid="lead-form-company" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="companyId" label={t('companies.leadField.label')} tooltip={t('companies.leadField.hint')}>
            <CompanySelect current={lead?.company ?? null} data-testid="lead-form-company-id" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="phone"
            label={t('leads.fields.phone')}
            tooltip={t('leads.form.phoneHint')}
            rules={[{ max: 40 }]}
          >
            <Input maxLength={40} inputMode="tel" data-testid="lead-form-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="jobTitle" label={t('leads.fields.jobTitle')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="source" label={t('leads.fields.source')} rules={[{ required: true }]}>
            <LeadSourceSelect />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="ownerId" label={t('leads.fields.owner')}>
            <OwnerSelect />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="industry" label={t('leads.fields.industry')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="province" label={t('leads.fields.province')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="city" label={t('leads.fields.city')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="wechatOpenid" label={t('leads.fields.wechatOpenid')} rules={[{ max: 64 }]}>
            <Input maxLength={64} className="mono" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="wechatUnionid" label={t('leads.fields.wechatUnionid')} rules={[{ max: 64 }]}>
            <Input maxLength={64} className="mono" />
          </Form.Item>
        </Col>
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
      </Row>
    </FormModal>
  );
}
