import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Popconfirm, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useDeleteLead, useLead } from '../../api/use-leads';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { NotFoundResult } from '../../components/not-found-result';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/query-error-result';
import { useNotifyError } from '../../errors/use-notify-error';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { LeadDuplicatesAlert } from '../duplicates/lead-duplicates-alert';
import { AddNoteForm } from './add-note-form';
import { LeadFormModal } from './lead-form-modal';
import { listUrlFrom } from './lead-list-params';
import { LeadProfileCard } from './lead-profile-card';
import { LeadSourceTag } from './lead-source-tag';
import { LeadTimeline } from './lead-timeline';
import { LeadOwnershipActions } from './lead-ownership-actions';

export function LeadDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canWrite = useCan('leads:write');
  const canDelete = useCan('leads:delete');
  const lead = useLead(id);
  const deleteLead = useDeleteLead();
  const [editing, setEditing] = useState(false);
  const backTo = listUrlFrom(location.state);
  useDocumentTitle(lead.data?.name ?? t('leads.detail.title'));

  if (lead.isPending) return <FullPageSpinner />;
  if (!lead.data) {
    if (isApiError(lead.error) && lead.error.status === 404) {
      return (
        <NotFoundResult
          title={t('leads.detail.notFound')}
          subtitle={t('leads.detail.notFoundHint')}
          backTo="/leads"
          backLabel={t('leads.detail.backToList')}
        />
      );
    }
    return <QueryErrorResult error={lead.error} onRetry={() => void lead.refetch()} />;
  }

  const current = lead.data;

  const onDelete = () =>
    deleteLead.mutate(current.id, {
      onSuccess: () => {
        void message.success(t('leads.detail.deletedMessage', { name: current.name }));
        void navigate(backTo);
      },
      onError: (error) => notifyError(error),
    });

  return (
    <>
      <PageHeader
        backTo={backTo}
        title={current.name}
        titleTestId="lead-detail-name"
        tags={<LeadSourceTag source={current.source} />}
        subtitle={[current.jobTitle, current.companyName].filter(Boolean).join(' · ') || undefined}
        extra={
          <>
            <LeadOwnershipActions lead={current} />
            {canWrite && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="lead-edit">
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('leads.detail.deleteConfirm')}
                description={t('leads.detail.deleteHint')}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} loading={deleteLead.isPending} data-testid="lead-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <LeadDuplicatesAlert lead={current} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <LeadProfileCard lead={current} />
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('leads.detail.activity')} variant="borderless">
            {canWrite && <AddNoteForm leadId={current.id} />}
            <LeadTimeline leadId={current.id} />
          </Card>
        </Col>
      </Row>
      {canWrite && (
        <LeadFormModal
          lead={current}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </>
  );
}
