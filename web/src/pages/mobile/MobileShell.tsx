import { EditOutlined, FormOutlined, LogoutOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { useAuth, useUser } from '../../auth/AuthProvider.tsx';
import { WorkspaceProvider } from '../../layout/Workspace.tsx';
import './mobile.css';

/** The grid member's phone frame: title, who is signed in, the two things the role does, sign-out. */
export function MobileShell({ title, children }: { title: string; children: ReactNode }) {
  const user = useUser();
  const { logout } = useAuth();
  return (
    <WorkspaceProvider>
      <div className="mobile-page">
        <header className="mobile-header">
          <h1 className="mobile-title">{title}</h1>
          <Button
            type="text"
            size="small"
            icon={<LogoutOutlined />}
            onClick={() => void logout()}
            aria-label="退出登录"
            className="mobile-logout"
          >
            退出
          </Button>
        </header>
        <nav className="mobile-nav" aria-label="网格员菜单">
          <NavLink to="/m/dispute" className="mobile-nav-link">
            <FormOutlined /> 上报矛盾纠纷
          </NavLink>
          <NavLink to="/m/mine" className="mobile-nav-link">
            <UnorderedListOutlined /> 我的上报
          </NavLink>
          <NavLink to="/exams/mine" className="mobile-nav-link">
            <EditOutlined /> 我的考试
          </NavLink>
        </nav>
        <div className="mobile-who">
          {user.name} · {user.orgName}
        </div>
        <main className="mobile-body">{children}</main>
      </div>
    </WorkspaceProvider>
  );
}
