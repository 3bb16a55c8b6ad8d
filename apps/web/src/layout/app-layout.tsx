import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Brand } from '../components/brand';
import { LanguageSwitch } from '../components/language-switch';
import { TasksButton } from '../tasks/tasks-button';
import { TasksProvider } from '../tasks/tasks-context';
import { TasksDrawer } from '../tasks/tasks-drawer';
import { NavMenu } from './nav-menu';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

const COLLAPSED_KEY = 'kindling.sider.collapsed';

export function AppLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const toggle = () => {
    localStorage.setItem(COLLAPSED_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };

  return (
    <TasksProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider className="app-sider" width={224} collapsedWidth={64} collapsed={collapsed} trigger={null}>
          <Brand collapsed={collapsed} />
          <NavMenu collapsed={collapsed} />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={toggle}
              aria-label={t(collapsed ? 'layout.expandMenu' : 'layout.collapseMenu')}
            />
            <WorkspaceSwitcher />
            <div className="app-header-spacer" />
            <LanguageSwitch />
            <TasksButton />
            <UserMenu />
          </Layout.Header>
          <Layout.Content className="app-content">
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
      <TasksDrawer />
    </TasksProvider>
  );
}
