/**
 * User roles (角色), declared as data. The three security roles are separated (三员分立: 系统管理员,
 * 安全管理员, 安全审计员, as 等级保护 requires) so no one account both runs, grants and audits.
 * What each role may do is decided elsewhere; this is only who the role is and where it sits.
 */

/** The kind of organisation a role's account belongs to (see services/orgs.ts `orgKinds`). */
export type RoleOrgKind = 'county' | 'township';

export interface Role {
  readonly id: string;
  /** Chinese name shown to users. */
  readonly label: string;
  /** An account of this role must belong to an organisation of this kind. */
  readonly orgKind: RoleOrgKind;
  readonly description: string;
  /**
   * How a case step or refusal names the person acting, where that is broader than the account
   * role's name: any township staff member may take a step, not only the 法治专干.
   */
  readonly actorLabel?: string;
}

const roleList = [
  {
    id: 'system_admin',
    label: '系统管理员',
    orgKind: 'county',
    description:
      '新增和修改组织机构，新建、修改用户账号，删除从未使用的账号，更新节假日安排；不分配角色，不查看业务数据和审计日志（三员分立）',
  },
  {
    id: 'security_admin',
    label: '安全管理员',
    orgKind: 'county',
    description:
      '为账号分配角色和数据范围，解除登录锁定，停用和启用账号，申请或批准重置密码；不查看业务数据（三员分立）',
  },
  {
    id: 'auditor',
    label: '安全审计员',
    orgKind: 'county',
    description: '查看、筛选和导出审计日志（含系统管理员、安全管理员的操作），核验日志完整性（三员分立）',
  },
  {
    id: 'county_officer',
    label: '县级依法治县办/司法局',
    orgKind: 'county',
    actorLabel: '县级工作人员',
    description:
      '查看和比较各乡镇指标、台账和案件，审核或退回乡镇报送的年度报告，做保密审查后公开发布，生成通报和对比表',
  },
  {
    id: 'township_leader',
    label: '乡镇领导',
    orgKind: 'township',
    description:
      '党政主要负责人（第一责任人）：查看本乡镇指标、台账和逾期事项，签发或退回年度报告草稿，重置本乡镇账号的密码',
  },
  {
    id: 'township_staff',
    label: '乡镇法治专干',
    orgKind: 'township',
    actorLabel: '乡镇工作人员',
    description: '司法所、党政办工作人员：录入和导入台账，上传佐证材料，起草年度报告',
  },
  {
    id: 'legal_adviser',
    label: '法律顾问',
    orgKind: 'township',
    description: '办理合法性审查，出具法律意见，登记为群众解答法律咨询的情况',
  },
  {
    id: 'grid_member',
    label: '网格员',
    orgKind: 'township',
    description: '在所属网格排查并上报矛盾纠纷和风险隐患',
  },
] as const satisfies readonly Role[];

export type RoleId = (typeof roleList)[number]['id'];

/** Every role, in the order lists and menus present them. */
export const roles: readonly Role[] = roleList;

const byId = new Map<string, Role>(roles.map((r) => [r.id, r]));

export function isRoleId(id: string): id is RoleId {
  return byId.has(id);
}

/** The name of a person acting in the role, for case steps and refusals (乡镇工作人员, 乡镇领导). */
export function actorLabel(id: RoleId): string {
  const r = byId.get(id);
  return r?.actorLabel ?? r?.label ?? id;
}

/**
 * The Chinese name of a role (乡镇领导): 未分配角色 for none (an account not yet given one, stored
 * as ''); the id itself for one not in the catalogue.
 */
export function roleLabel(id: string): string {
  if (id === '') return '未分配角色';
  return byId.get(id)?.label ?? id;
}

/** The role with this id or Chinese label, or undefined. */
export function findRole(idOrLabel: string): Role | undefined {
  const s = idOrLabel.trim();
  return byId.get(s) ?? roles.find((r) => r.label === s);
}
