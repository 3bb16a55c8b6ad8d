import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/use-session';
import { useSession } from '../session/session-context';

export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user, role } = useSession();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Flex vertical style={{ minWidth: 180 }}>
          <Typography.Text strong>{user.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.email}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`roles.${role}.name`)}
          </Typography.Text>
        </Flex>
      ),
    },
    { type: 'divider' },
    { key: 'account', icon: <UserOutlined />, label: t('userMenu.account') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('userMenu.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') void navigate('/settings/account');
    if (key === 'logout') {
      // Whatever the server says, the user wanted out: the cache is cleared either way.
      logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 8 }}>
        <Avatar size={26} style={{ backgroundColor: '#ff6a00' }}>
          {user.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.name}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
