import type { Role } from '@kindling/contracts/permissions';
import type { Member } from '@kindling/contracts/workspaces';
import { App, Button, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMembers, useRemoveMember, useUpdateMemberRole } from '../../api/use-members';
import { DateTime } from '../../components/date-time';
import { QueryErrorResult } from '../../components/query-error-result';
import { RoleTag } from '../../components/role-tag';
import { useNotifyError } from '../../errors/use-notify-error';
import { useCan, useSession } from '../../session/session-context';
import { RoleSelect } from './role-select';

export function MembersTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const session = useSession();
  const canManage = useCan('members:manage');
  const members = useMembers();
  const updateRole = useUpdateMemberRole();
  const removeMember = useRemoveMember();

  // Only an owner hands out or takes away ownership; nobody edits themselves here.
  const editable = (member: Member) =>
    canManage && member.userId !== session.user.id && (member.role !== 'owner' || session.role === 'owner');

  const changeRole = (member: Member, role: Role) =>
    updateRole.mutate(
      { id: member.id, role },
      {
        onSuccess: () => void message.success(t('members.roleChanged', { name: member.name })),
        onError: (error) => notifyError(error),
      },
    );

  const remove = (member: Member) =>
    removeMember.mutate(member.id, {
      onSuccess: () => void message.success(t('members.removed', { name: member.name })),
      onError: (error) => notifyError(error),
    });

  const columns: TableColumnsType<Member> = [
    {
      title: t('members.fields.name'),
      dataIndex: 'name',
      render: (_value, member) => (
        <>
          {member.name}
          {member.userId === session.user.id && (
            <Tag style={{ marginInlineStart: 8 }} color="orange">
              {t('members.you')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('members.fields.email'), dataIndex: 'email' },
    {
      title: t('members.fields.role'),
      dataIndex: 'role',
      width: 200,
      render: (_value, member) =>
        editable(member) ? (
          <RoleSelect
            size="small"
            value={member.role}
            exclude={session.role === 'owner' ? [] : ['owner']}
            onChange={(role) => changeRole(member, role)}
            loading={updateRole.isPending && updateRole.variables?.id === member.id}
            style={{ width: 150 }}
            popupMatchSelectWidth={false}
          />
        ) : (
          <RoleTag role={member.role} />
        ),
    },
    {
      title: t('members.fields.joinedAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (_value, member) => <DateTime value={member.createdAt} />,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_value, member) =>
        editable(member) && (
          <Popconfirm
            title={t('members.removeConfirm', { name: member.name })}
            description={t('members.removeHint')}
            okText={t('members.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(member)}
          >
            <Button type="link" danger size="small">
              {t('members.remove')}
            </Button>
          </Popconfirm>
        ),
    });
  }

  if (members.isError && !members.data) {
    return <QueryErrorResult error={members.error} onRetry={() => void members.refetch()} />;
  }
  return (
    <Table<Member>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={members.data}
      loading={members.isPending}
      pagination={false}
    />
  );
}
