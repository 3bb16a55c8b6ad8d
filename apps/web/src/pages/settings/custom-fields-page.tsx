import { PlusOutlined } from '@ant-design/icons';
import type { FieldDefinition, FieldEntity } from '@kindling/contracts/fields';
import { Alert, Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { FieldCatalogTable } from './field-catalog-table';
import { FieldFormModal } from './field-form-modal';

type Editing = { field?: FieldDefinition } | null;

/** Settings → Custom fields: two catalogues, lead fields (线索字段) and company fields (公司字段). */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.fields.title'));
  const canManage = useCan('fields:manage');
  const [entity, setEntity] = useState<FieldEntity>('lead');
  const [editing, setEditing] = useState<Editing>(null);
  const table = (of: FieldEntity) => <FieldCatalogTable entity={of} onEdit={(field) => setEditing({ field })} />;

  return (
    <>
      <PageHeader
        title={t('nav.items.fields.title')}
        subtitle={t('nav.items.fields.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="field-create">
              {entity === 'company' ? t('companies.fieldTabs.addCompanyField') : t('customFields.add')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        {!canManage && <Alert type="info" showIcon title={t('customFields.readOnly')} style={{ marginBottom: 16 }} />}
        <Tabs
          activeKey={entity}
          onChange={(key) => setEntity(key === 'company' ? 'company' : 'lead')}
          items={[
            { key: 'lead', label: t('companies.fieldTabs.lead'), children: table('lead') },
            { key: 'company', label: t('companies.fieldTabs.company'), children: table('company') },
          ]}
          data-testid="fields-tabs"
        />
      </Card>
      <FieldFormModal open={editing !== null} entity={entity} field={editing?.field} onClose={() => setEditing(null)} />
    </>
  );
}
