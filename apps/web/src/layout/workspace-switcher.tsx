import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Divider, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSwitchWorkspace } from '../api/use-session';
import { RoleTag } from '../components/role-tag';
import { useNotifyError } from '../errors/use-notify-error';
import { useSession } from '../session/session-context';
import { CreateWorkspaceModal } from './create-workspace-modal';

export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const switchWorkspace = useSwitchWorkspace();
  const notifyError = useNotifyError();
  const [menuOpen, setMenuOpen] = useState(false);
  const [creating, setCreating] = useState(false);

  const switchTo = async (workspaceId: string) => {
    if (workspaceId === session.workspace.id) return;
    try {
      const next = await switchWorkspace.mutateAsync(workspaceId);
      void message.success(t('workspaces.switched', { name: next.workspace.name }));
      await navigate('/leads');
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <Select
        data-testid="workspace-switcher"
        aria-label={t('workspaces.switcher')}
        value={session.workspace.id}
        onChange={(id) => void switchTo(id)}
        loading={switchWorkspace.isPending}
        open={menuOpen}
        onOpenChange={setMenuOpen}
        style={{ minWidth: 200, maxWidth: 280 }}
        popupMatchSelectWidth={280}
        optionLabelProp="title"
        options={session.workspaces.map((workspace) => ({
          value: workspace.id,
          title: workspace.name,
          label: (
            <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{workspace.name}</span>
              <RoleTag role={workspace.role} />
            </span>
          ),
        }))}
        popupRender={(menu) => (
          <>
            {menu}
            <Divider style={{ margin: '4px 0' }} />
            <Button
              type="text"
              block
              icon={<PlusOutlined />}
              style={{ justifyContent: 'flex-start' }}
              onClick={() => {
                setMenuOpen(false);
                setCreating(true);
              }}
            >
              {t('workspaces.create.title')}
            </Button>
          </>
        )}
      />
      <CreateWorkspaceModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(workspace) => {
          setCreating(false);
          void switchTo(workspace.id);
        }}
      />
    </>
  );
}
