import { PlusOutlined } from '@ant-design/icons';
import type { CompanyDetail } from '@kindling/contracts/companies';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useUpdateCompany } from '../../api/use-companies';
import { useCan } from '../../session/session-context';
import { CompanyFormModal } from './company-form-modal';
import { CompanySelect } from './company-select';
import { InlineEdit } from './inline-edit';

/** The group structure around the company: its parent (editable in place) and its divisions. */
export function CompanyHierarchyCard({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCan('leads:write');
  const update = useUpdateCompany(company.id);
  const [addingDivision, setAddingDivision] = useState(false);
  const none = <Typography.Text type="secondary">{t('companies.hierarchy.none')}</Typography.Text>;

  return (
    <Card
      title={t('companies.hierarchy.title')}
      variant="borderless"
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingDivision(true)}>
            {t('companies.hierarchy.addDivision')}
          </Button>
        )
      }
    >
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          {
            key: 'parent',
            label: t('companies.fields.parent'),
            children: (
              <InlineEdit<string | null>
                value={company.parentId}
                display={
                  company.parent ? <Link to={`/companies/${company.parent.id}`}>{company.parent.name}</Link> : none
                }
                canEdit={canEdit}
                testId="company-field-parent"
                editor={(draft, setDraft) => (
                  <CompanySelect
                    size="small"
                    value={draft}
                    current={company.parent}
                    excludeId={company.id}
                    onChange={(value) => setDraft(value)}
                    style={{ width: '100%' }}
                  />
                )}
                onSave={(parentId) => update.mutateAsync({ parentId })}
              />
            ),
          },
          {
            key: 'children',
            label: t('companies.hierarchy.children'),
            children:
              company.children.length === 0 ? (
                none
              ) : (
                <Flex vertical gap={2} data-testid="company-children">
                  {company.children.map((child) => (
                    <Link key={child.id} to={`/companies/${child.id}`}>
                      {child.name}
                    </Link>
                  ))}
                </Flex>
              ),
          },
        ]}
      />
      <CompanyFormModal
        open={addingDivision}
        parent={{ id: company.id, name: company.name }}
        onClose={() => setAddingDivision(false)}
        onSaved={(division) => {
          setAddingDivision(false);
          void navigate(`/companies/${division.id}`);
        }}
      />
    </Card>
  );
}
