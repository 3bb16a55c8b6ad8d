import { UserAddOutlined } from '@ant-design/icons';
import type { Invitation } from '@kindling/contracts/workspaces';
import { Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useCan } from '../../session/session-context';
import { InvitationsTable } from './invitations-table';
import { InviteLinkModal } from './invite-link-modal';
import { InviteMemberModal } from './invite-member-modal';
import { MembersTable } from './members-table';
import { RoleGuide } from './role-guide';

export function MembersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.members.title'));
  const canManage = useCan('members:manage');
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<Invitation | null>(null);

  return (
    <>
      <PageHeader
        title={t('nav.items.members.title')}
        subtitle={t('nav.items.members.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)}>
              {t('invitations.invite.title')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'members', label: t('members.tab'), children: <MembersTable /> },
            ...(canManage ? [{ key: 'invitations', label: t('invitations.tab'), children: <InvitationsTable /> }] : []),
            { key: 'roles', label: t('roles.tab'), children: <RoleGuide /> },
          ]}
        />
      </Card>
      <InviteMemberModal
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(invitation) => {
          setInviting(false);
          setInvited(invitation);
        }}
      />
      <InviteLinkModal invitation={invited} onClose={() => setInvited(null)} />
    </>
  );
}
