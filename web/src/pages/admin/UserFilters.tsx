import { Input, Select, Space } from 'antd';
import type { Org, RoleInfo } from '../../api/types.ts';

/** What the account list is narrowed to; every field optional. */
export interface UserFilter {
  readonly text?: string;
  /** A role id, or '' for accounts still waiting for one. */
  readonly role?: string;
  readonly orgId?: number;
  readonly state?: AccountState;
}

export type AccountState = 'active' | 'disabled' | 'no_role' | 'must_change';

export const STATE_LABELS: Readonly<Record<AccountState, string>> = {
  active: '正常',
  disabled: '已停用',
  no_role: '待分配角色',
  must_change: '待修改初始密码',
};

export interface FilterableAccount {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: number;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
}

/** The one state an account's row shows: disabled first, then a missing role, then a pending password. */
export function stateOf(u: FilterableAccount): AccountState {
  if (u.disabled) return 'disabled';
  if (!u.role) return 'no_role';
  return u.mustChangePassword ? 'must_change' : 'active';
}

export function matches(u: FilterableAccount, f: UserFilter): boolean {
  const text = f.text?.trim().toLowerCase();
  if (text && !u.username.toLowerCase().includes(text) && !u.name.toLowerCase().includes(text)) return false;
  if (f.role !== undefined && u.role !== f.role) return false;
  if (f.orgId !== undefined && u.orgId !== f.orgId) return false;
  return f.state === undefined || stateOf(u) === f.state;
}

/** Search by username or name, and narrow by role, organisation and state. */
export function UserFilters(props: {
  value: UserFilter;
  onChange: (f: UserFilter) => void;
  roles: readonly RoleInfo[];
  orgs: readonly Org[];
}) {
  const f = props.value;
  return (
    <Space wrap className="user-filters">
      <Input.Search
        aria-label="搜索账号"
        allowClear
        placeholder="搜索用户名或姓名"
        style={{ width: 220 }}
        onSearch={(text) => props.onChange({ ...f, text })}
        onChange={(e) => {
          if (!e.target.value) props.onChange({ ...f, text: undefined });
        }}
      />
      <Select
        aria-label="按角色筛选"
        allowClear
        placeholder="全部角色"
        style={{ width: 180 }}
        value={f.role}
        onChange={(role?: string) => props.onChange({ ...f, role })}
        options={[
          { value: '', label: '未分配角色' },
          ...props.roles.map((r) => ({ value: r.id, label: r.label })),
        ]}
      />
      <Select
        aria-label="按组织筛选"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="全部组织"
        style={{ width: 180 }}
        value={f.orgId}
        onChange={(orgId?: number) => props.onChange({ ...f, orgId })}
        options={props.orgs
          .filter((o) => o.kind === 'county' || o.kind === 'township')
          .map((o) => ({ value: o.id, label: o.name }))}
      />
      <Select
        aria-label="按状态筛选"
        allowClear
        placeholder="全部状态"
        style={{ width: 150 }}
        value={f.state}
        onChange={(state?: AccountState) => props.onChange({ ...f, state })}
        options={Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))}
      />
    </Space>
  );
}
