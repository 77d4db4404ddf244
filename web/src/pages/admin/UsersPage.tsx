import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText, itemsOf } from '../../api/client.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { NewUserModal } from './NewUserModal.tsx';

interface Account {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: number;
  readonly mustChangePassword: boolean;
}

const PAGE_SIZE = 15;

/** Accounts and their roles; the security administrator unlocks accounts and resets passwords (三员分立). */
export default function UsersPage() {
  const me = useUser();
  const cat = useCatalogue();
  const ws = useWorkspace();
  const { modal, message } = App.useApp();
  const { data, error, loading, reload } = useApi<unknown>('/api/users');
  const security = allowed(me, 'users.security');
  const [adding, setAdding] = useState(false);
  const [page, setPage] = useState(1);
  /** A just-created account: the table turns to its page once the reloaded list holds it. */
  const [focus, setFocus] = useState<string | null>(null);
  const accounts = itemsOf<Account>(data);
  useEffect(() => {
    const i = accounts.findIndex((a) => a.username === focus);
    if (focus === null || i < 0) return;
    setPage(Math.floor(i / PAGE_SIZE) + 1);
    setFocus(null);
  }, [accounts, focus]);

  const act = async (u: Account, what: 'unlock' | 'password') => {
    try {
      const r = await api<{ initialPassword?: string }>(`/api/users/${u.id}/${what}`, { json: {} });
      if (r.initialPassword)
        modal.info({ title: `${u.username} 的临时密码`, content: `${r.initialPassword}（下次登录须修改）` });
      else void message.success('已解锁');
      reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>用户与角色</Typography.Title>
        {allowed(me, 'users.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新建账号
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small">
        <Table<Account>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={accounts}
          pagination={{ pageSize: PAGE_SIZE, current: page, onChange: setPage }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 140 },
            { title: '姓名', dataIndex: 'name', width: 160, ellipsis: true },
            {
              title: '角色',
              dataIndex: 'role',
              width: 180,
              render: (r: string) => <Tag>{cat?.roleLabel(r) ?? r}</Tag>,
            },
            { title: '组织', dataIndex: 'orgId', render: (id: number) => ws.orgName(id) },
            {
              title: '状态',
              dataIndex: 'mustChangePassword',
              width: 120,
              render: (m: boolean) =>
                m ? <Tag color="orange">待修改初始密码</Tag> : <Tag color="green">正常</Tag>,
            },
            ...(security
              ? [
                  {
                    title: '操作',
                    key: 'ops',
                    width: 170,
                    render: (_: unknown, u: Account) => (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => void act(u, 'unlock')}>
                          解锁
                        </Button>
                        <Popconfirm
                          title="重置密码并要求下次登录修改？"
                          onConfirm={() => void act(u, 'password')}
                        >
                          <Button type="link" size="small">
                            重置密码
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <NewUserModal
        open={adding}
        roles={cat?.roles ?? []}
        orgs={ws.orgs}
        onClose={() => setAdding(false)}
        onCreated={(username) => {
          setFocus(username);
          reload();
        }}
      />
      <Card size="small" title="角色说明" className="dash-row">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={cat?.roles ?? []}
          columns={[
            { title: '角色', dataIndex: 'label', width: 200 },
            { title: '职责', dataIndex: 'description' },
          ]}
        />
      </Card>
    </div>
  );
}
