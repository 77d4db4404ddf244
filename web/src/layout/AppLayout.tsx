import { Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { useUser } from '../auth/AuthProvider.tsx';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { HeaderBar } from './HeaderBar.tsx';
import { SideMenu } from './SideMenu.tsx';
import { WorkspaceProvider } from './Workspace.tsx';
import './layout.css';

/** The admin shell: left menu, header with organisation and year, the page in the middle. */
export default function AppLayout() {
  const user = useUser();
  const cat = useCatalogue();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 768);
  return (
    <WorkspaceProvider>
      <Layout className="app-shell">
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="md"
          collapsedWidth={window.innerWidth < 576 ? 0 : 64}
          width={208}
          className="app-sider"
        >
          <div className="app-logo">{collapsed ? '法治' : '法治政府建设工作平台'}</div>
          <SideMenu user={user} cat={cat} collapsed={collapsed} />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            <HeaderBar cat={cat} />
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
