import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, errorText, itemsOf } from '../../api/client.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { allowed } from '../../auth/permissions.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { EditUserModal } from './EditUserModal.tsx';
import { GrantRoleModal } from './GrantRoleModal.tsx';
import { NewUserModal } from './NewUserModal.tsx';
import './orgs.css';
import { STATE_LABELS, UserFilters, matches, stateOf, type UserFilter } from './UserFilters.tsx';

interface Account {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  /** Empty until the security administrator grants a role. */
  readonly role: string;
  readonly orgId: number;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  /** Never acted (no audit entry names it as the actor): the system administrator may delete it. */
  readonly deletable: boolean;
}

interface PendingReset {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly canApprove: boolean;
}

const PAGE_SIZE = 15;
const ADMIN_ROLES = ['system_admin', 'security_admin', 'auditor'];
const STATE_COLORS = { active: 'green', disabled: 'default', no_role: 'red', must_change: 'orange' } as const;

/**
 * Accounts and their roles (三员分立): the system administrator creates accounts without a role,
 * the security administrator grants roles and unlocks accounts, a password reset asked for by one
 * of the two is approved by the other, and a township's leader resets its own staff's passwords.
 */
export default function UsersPage() {
  const me = useUser();
  const cat = useCatalogue();
  const ws = useWorkspace();
  const { modal, message } = App.useApp();
  const { data, error, loading, reload } = useApi<unknown>('/api/users');
  const canReset = allowed(me, 'users.reset');
  const resets = useApi<unknown>(canReset ? '/api/password-resets' : null);
  const [adding, setAdding] = useState(false);
  const [granting, setGranting] = useState<Account | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [filter, setFilter] = useState<UserFilter>({});
  const [page, setPage] = useState(1);
  /** A just-created account: the table turns to its page once the reloaded list holds it. */
  const [focus, setFocus] = useState<string | null>(null);
  const all = itemsOf<Account>(data);
  const accounts = useMemo(() => all.filter((u) => matches(u, filter)), [all, filter]);
  const narrow = (f: UserFilter) => {
    setFilter(f);
    setPage(1);
  };
  const pending = itemsOf<PendingReset>(resets.data);
  useEffect(() => {
    const i = accounts.findIndex((a) => a.username === focus);
    if (focus === null || i < 0) return;
    setPage(Math.floor(i / PAGE_SIZE) + 1);
    setFocus(null);
  }, [accounts, focus]);

  const showPassword = (username: string, password: string) =>
    modal.info({
      title: `${username} 的临时密码`,
      content: <span data-testid="reset-password">{password}</span>,
    });

  const unlock = async (u: Account) => {
    try {
      await api(`/api/users/${u.id}/unlock`, { json: {} });
      void message.success('已解锁');
      reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const reset = async (u: Account) => {
    try {
      const r = await api<{ initialPassword?: string; pendingReset?: number }>(
        `/api/users/${u.id}/password`,
        {
          json: {},
        },
      );
      if (r.initialPassword) showPassword(u.username, `${r.initialPassword}（下次登录须修改）`);
      else void message.success('已提交重置申请，须由另一名管理员（系统管理员或安全管理员）批准后生效');
      reload();
      resets.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const approve = async (p: PendingReset) => {
    try {
      const r = await api<{ initialPassword: string }>(`/api/password-resets/${p.id}/approve`, { json: {} });
      showPassword(p.username, `${r.initialPassword}（下次登录须修改）`);
      reload();
      resets.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  /** Disables, enables or deletes an account (system administrator); the list reloads after. */
  const manage = async (u: Account, what: 'disable' | 'enable' | 'delete') => {
    try {
      if (what === 'delete') await api(`/api/users/${u.id}`, { method: 'DELETE' });
      else await api(`/api/users/${u.id}/${what}`, { json: {} });
      void message.success(
        { disable: '已停用，该账号的登录已全部结束', enable: '已启用', delete: '已删除' }[what],
      );
      reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const resettable = (u: Account) => u.id !== me.id && !ADMIN_ROLES.includes(u.role);
  const canManage = allowed(me, 'users.manage');

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
      <UserFilters value={filter} onChange={narrow} roles={cat?.roles ?? []} orgs={ws.orgs} />
      {error && <Alert type="error" showIcon title={error} />}
      {pending.length > 0 && (
        <Card size="small" title="待批准的密码重置申请" className="dash-row pending-resets">
          <Table<PendingReset>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={pending}
            columns={[
              { title: '账号', dataIndex: 'username', width: 140 },
              { title: '姓名', dataIndex: 'name', width: 140 },
              { title: '申请人', dataIndex: 'requestedBy' },
              {
                title: '申请时间',
                dataIndex: 'requestedAt',
                width: 180,
                render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }),
              },
              {
                title: '操作',
                key: 'ops',
                width: 140,
                render: (_: unknown, p: PendingReset) =>
                  p.canApprove ? (
                    <Popconfirm title="批准重置并生成临时密码？" onConfirm={() => void approve(p)}>
                      <Button type="link" size="small">
                        批准
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Tag>待另一名管理员批准</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <Card size="small">
        <Table<Account>
          className="accounts-table"
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={accounts}
          pagination={{
            pageSize: PAGE_SIZE,
            current: page,
            onChange: setPage,
            showTotal: (n) => (n === all.length ? `共 ${n} 个账号` : `符合条件 ${n} 个，共 ${all.length} 个`),
          }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 140 },
            { title: '姓名', dataIndex: 'name', width: 160, ellipsis: true },
            {
              title: '角色',
              dataIndex: 'role',
              width: 180,
              render: (r: string) =>
                r ? <Tag>{cat?.roleLabel(r) ?? r}</Tag> : <Tag color="red">未分配角色</Tag>,
            },
            { title: '组织', dataIndex: 'orgId', render: (id: number) => ws.orgName(id) },
            {
              title: '状态',
              key: 'state',
              width: 130,
              render: (_: unknown, u: Account) => {
                const st = stateOf(u);
                return <Tag color={STATE_COLORS[st]}>{STATE_LABELS[st]}</Tag>;
              },
            },
            {
              title: '操作',
              key: 'ops',
              width: 300,
              render: (_: unknown, u: Account) => (
                <Space size={0} wrap>
                  {canManage && resettable(u) && (
                    <Button type="link" size="small" onClick={() => setEditing(u)}>
                      编辑
                    </Button>
                  )}
                  {allowed(me, 'users.security') && resettable(u) && (
                    <Popconfirm
                      title={u.disabled ? '启用该账号？' : '停用该账号？停用后不能登录，已登录的会话立即结束'}
                      onConfirm={() => void manage(u, u.disabled ? 'enable' : 'disable')}
                    >
                      <Button type="link" size="small" danger={!u.disabled}>
                        {u.disabled ? '启用' : '停用'}
                      </Button>
                    </Popconfirm>
                  )}
                  {canManage && resettable(u) && u.deletable && (
                    <Popconfirm
                      title="删除该账号？它从未登录或操作过；有过操作的账号只能停用"
                      onConfirm={() => void manage(u, 'delete')}
                    >
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                  {allowed(me, 'users.grant') && resettable(u) && (
                    <Button type="link" size="small" onClick={() => setGranting(u)}>
                      分配角色
                    </Button>
                  )}
                  {allowed(me, 'users.security') && (
                    <Button type="link" size="small" onClick={() => void unlock(u)}>
                      解锁
                    </Button>
                  )}
                  {canReset && resettable(u) && (
                    <Popconfirm
                      title={
                        me.role === 'township_leader'
                          ? '重置密码并要求下次登录修改？'
                          : '提出重置申请？须由另一名管理员批准后生效'
                      }
                      onConfirm={() => void reset(u)}
                    >
                      <Button type="link" size="small">
                        重置密码
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <NewUserModal
        open={adding}
        orgs={ws.orgs}
        onClose={() => setAdding(false)}
        onCreated={(username) => {
          setFocus(username);
          reload();
        }}
      />
      <EditUserModal
        account={editing}
        orgs={ws.orgs}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success('已保存');
          reload();
        }}
      />
      <GrantRoleModal
        account={granting}
        roles={cat?.roles ?? []}
        orgs={ws.orgs}
        onClose={() => setGranting(null)}
        onGranted={() => {
          void message.success('已分配角色');
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
