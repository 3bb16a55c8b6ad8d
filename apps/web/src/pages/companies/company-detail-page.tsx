import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Popconfirm, Row, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCompany, useDeleteCompany } from '../../api/use-companies';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { NotFoundResult } from '../../components/not-found-result';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { CompanyActivityFeed } from './company-activity-feed';
import { CompanyFormModal } from './company-form-modal';
import { CompanyHierarchyCard } from './company-hierarchy-card';
import { CompanyLeadsTable } from './company-leads-table';
import { CompanyProfileCard } from './company-profile-card';
import { CompanyRegistryCard } from './company-registry-card';

/** One company (account view): its profile and registry data, its place in the group, its leads and their activity. */
export function CompanyDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canWrite = useCan('leads:write');
  const canDelete = useCan('leads:delete');
  const company = useCompany(id);
  const deleteCompany = useDeleteCompany();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(company.data?.name ?? t('companies.detail.title'));

  if (company.isPending) return <FullPageSpinner />;
  if (!company.data) {
    if (isApiError(company.error) && company.error.status === 404) {
      return (
        <NotFoundResult
          title={t('companies.detail.notFound')}
          subtitle={t('companies.detail.notFoundHint')}
          backTo="/companies"
          backLabel={t('companies.detail.backToList')}
        />
      );
    }
    return <QueryErrorResult error={company.error} onRetry={() => void company.refetch()} />;
  }
  const current = company.data;

  const onDelete = () =>
    deleteCompany.mutate(current.id, {
      onSuccess: () => {
        void message.success(t('companies.detail.deleted', { name: current.name }));
        void navigate('/companies');
      },
      onError: (error) => notifyError(error),
    });

  return (
    <>
      <PageHeader
        backTo="/companies"
        title={current.name}
        titleTestId="company-detail-name"
        tags={current.size && <Tag variant="filled">{t('companies.sizeLabel', { band: current.size })}</Tag>}
        subtitle={[current.domain, current.industry, current.region].filter(Boolean).join(' · ') || undefined}
        extra={
          <>
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="company-edit">
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('companies.detail.deleteConfirm')}
                description={t('companies.detail.deleteHint', { count: current.leadCount })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} loading={deleteCompany.isPending} data-testid="company-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <CompanyProfileCard company={current} />
            </Col>
            <Col span={24}>
              <CompanyRegistryCard company={current} />
            </Col>
            <Col span={24}>
              <CompanyHierarchyCard company={current} />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={15}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card title={t('companies.detail.leads', { count: current.leadCount })} variant="borderless">
                <CompanyLeadsTable companyId={current.id} />
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('companies.detail.activity')} variant="borderless">
                <CompanyActivityFeed companyId={current.id} />
              </Card>
            </Col>
          </Row>
        </Col>
      </Row>
      {canWrite && (
        <CompanyFormModal
          company={current}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </>
  );
}
