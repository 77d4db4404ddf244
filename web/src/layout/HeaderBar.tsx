import { DownOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth, useUser } from '../auth/AuthProvider.tsx';
import { ChangePasswordForm } from '../auth/ChangePasswordForm.tsx';
import { allowed, isCounty } from '../auth/permissions.ts';
import { TodoBadge } from './TodoBadge.tsx';
import { useWorkspace } from './Workspace.tsx';
import { chinaYear } from '../lib/dates.ts';

function yearOptions(): { value: number; label: string }[] {
  const now = chinaYear();
  return Array.from({ length: 6 }, (_, i) => now - i).map((y) => ({ value: y, label: `${y} 年度` }));
}

/** Organisation switcher (county users: the county or any township), year, and the user's menu. */
export function HeaderBar() {
  const user = useUser();
  const { logout } = useAuth();
  const ws = useWorkspace();
  const [pwOpen, setPwOpen] = useState(false);
  const county = isCounty(user);
  const orgOptions = ws.orgs
    .filter((o) => o.kind === 'county' || o.kind === 'township')
    .map((o) => ({ value: o.id, label: o.kind === 'county' ? `${o.name}（全县）` : o.name }));

  return (
    <div className="header-bar">
      <Space size="middle" wrap>
        {county ? (
          <Select
            aria-label="切换组织"
            className="org-switcher"
            value={ws.org?.id}
            options={orgOptions}
            onChange={(v: number) => ws.setOrgId(v)}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
          />
        ) : (
          <Tag color="red" className="org-tag">
            {user.orgName}
          </Tag>
        )}
        <Select
          aria-label="年度"
          value={ws.year}
          options={yearOptions()}
          onChange={(y: number) => ws.setYear(y)}
          style={{ width: 112 }}
        />
      </Space>
      <Space size={4}>
        <TodoBadge
          todo={(['cases.read', 'records.read', 'cycle.read'] as const).some((a) => allowed(user, a))}
        />
        <Dropdown
          menu={{
            items: [
              { key: 'pw', icon: <KeyOutlined />, label: '修改密码', onClick: () => setPwOpen(true) },
              // What the public sees of this county (no login), in a tab of its own.
              {
                key: 'portal',
                icon: <GlobalOutlined />,
                label: (
                  <a href="/public/" target="_blank" rel="noopener noreferrer">
                    群众公开平台
                  </a>
                ),
              },
              { key: 'out', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void logout() },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />}>
            <Typography.Text className="header-user">
              {user.name}
              <span className="header-role">{user.roleLabel}</span>
            </Typography.Text>
            <DownOutlined />
          </Button>
        </Dropdown>
      </Space>
      <Modal title="修改密码" open={pwOpen} onCancel={() => setPwOpen(false)} footer={null} destroyOnHidden>
        <ChangePasswordForm onDone={() => setPwOpen(false)} />
      </Modal>
    </div>
  );
}
