import type { Invitation } from '@kindling/contracts/workspaces';
import { App, Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvitations, useRevokeInvitation } from '../../api/use-invitations';
import { DateTime } from '../../components/date-time';
import { QueryErrorResult } from '../../components/query-error-result';
import { RoleTag } from '../../components/role-tag';
import { useNotifyError } from '../../errors/use-notify-error';

function InvitationStatus({ invitation, now }: { invitation: Invitation; now: number }) {
  const { t } = useTranslation();
  if (invitation.acceptedAt) return <Tag color="success">{t('invitations.status.accepted')}</Tag>;
  if (new Date(invitation.expiresAt).getTime() < now) return <Tag>{t('invitations.status.expired')}</Tag>;
  return <Tag color="processing">{t('invitations.status.pending')}</Tag>;
}

export function InvitationsTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  const [now] = useState(() => Date.now());

  const onRevoke = (invitation: Invitation) =>
    revoke.mutate(invitation.id, {
      onSuccess: () => void message.success(t('invitations.revoked', { email: invitation.email })),
      onError: (error) => notifyError(error),
    });

  const columns: TableColumnsType<Invitation> = [
    { title: t('invitations.fields.email'), dataIndex: 'email' },
    {
      title: t('invitations.fields.role'),
      dataIndex: 'role',
      width: 120,
      render: (_value, invitation) => <RoleTag role={invitation.role} />,
    },
    { title: t('invitations.fields.invitedBy'), dataIndex: 'invitedBy', width: 140 },
    {
      title: t('invitations.fields.expiresAt'),
      dataIndex: 'expiresAt',
      width: 170,
      render: (_value, invitation) => <DateTime value={invitation.expiresAt} />,
    },
    {
      title: t('invitations.fields.status'),
      key: 'status',
      width: 160,
      render: (_value, invitation) => (
        <>
          <InvitationStatus invitation={invitation} now={now} />
          {invitation.acceptedAt && <DateTime value={invitation.acceptedAt} relative />}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_value, invitation) =>
        !invitation.acceptedAt && (
          <Popconfirm
            title={t('invitations.revokeConfirm', { email: invitation.email })}
            okText={t('invitations.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onRevoke(invitation)}
          >
            <Button type="link" danger size="small">
              {t('invitations.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  if (invitations.isError && !invitations.data) {
    return <QueryErrorResult error={invitations.error} onRetry={() => void invitations.refetch()} />;
  }
  return (
    <Table<Invitation>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={invitations.data}
      loading={invitations.isPending}
      pagination={false}
      locale={{ emptyText: t('invitations.empty') }}
    />
  );
}
