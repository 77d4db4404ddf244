import { MenuFoldOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Layout, Spin } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useUser } from '../auth/AuthProvider.tsx';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { HeaderBar } from './HeaderBar.tsx';
import { SideMenu } from './SideMenu.tsx';
import { WorkspaceProvider } from './Workspace.tsx';
import './layout.css';

/** Narrower than this, the menu hides entirely and opens from a button in the header. */
const PHONE = 576;

/** The admin shell: left menu, header with organisation and year, the page in the middle. */
export default function AppLayout() {
  const user = useUser();
  const cat = useCatalogue();
  const { pathname } = useLocation();
  const [phone] = useState(() => window.innerWidth < PHONE);
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 768);
  // On a phone the open menu covers half the page: a choice made in it closes it again.
  useEffect(() => {
    if (phone) setCollapsed(true);
  }, [phone, pathname]);
  return (
    <WorkspaceProvider>
      <Layout className="app-shell">
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="md"
          collapsedWidth={phone ? 0 : 64}
          // Antd's floating zero-width trigger would sit over the page title; the header has the button.
          trigger={phone ? null : undefined}
          width={208}
          className="app-sider"
        >
          <div className="app-logo">{collapsed ? '法治' : '法治政府建设工作平台'}</div>
          <SideMenu user={user} cat={cat} collapsed={collapsed} />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            {phone && (
              <Button
                type="text"
                className="app-menu-button"
                icon={collapsed ? <MenuOutlined /> : <MenuFoldOutlined />}
                aria-label={collapsed ? '打开菜单' : '收起菜单'}
                aria-expanded={!collapsed}
                onClick={() => setCollapsed((c) => !c)}
              />
            )}
            <HeaderBar />
          </Layout.Header>
          <Layout.Content className="app-content">
            <Suspense fallback={<Spin className="page-spin" />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </WorkspaceProvider>
  );
}
