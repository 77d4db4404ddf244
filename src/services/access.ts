import { userInfo } from 'node:os';
import type { Org } from './orgs.ts';
import { findRole, type RoleId } from '../catalogue/roles.ts';
import { UserError } from '../core/errors.ts';
import { ALL, authoredIn, subtree, type Scope } from '../core/scope.ts';

/**
 * What a signed-in user may do, as data: role × action. Where an action reaches data, the data
 * scope is always the subtree of the user's own organisation (a county's users see the county's
 * townships, a township's users their township), applied by the repositories as a parameter.
 */
export const actionLabels = {
  session: '查看和管理本人会话',
  'catalogue.read': '查看台账类型、指标和角色目录',
  'orgs.read': '查看组织机构',
  'orgs.manage': '维护组织机构',
  'users.read': '查看用户账号',
  'users.manage': '创建用户账号（角色由安全管理员分配）',
  'users.grant': '为账号分配角色和数据范围',
  'users.security': '解锁、停用和启用账号',
  'users.reset': '重置密码（管理员之间须对方批准；乡镇领导可重置本乡镇账号）',
  'records.read': '查看台账记录',
  'records.write': '录入、修改、删除台账记录',
  'evidence.read': '查看证据材料',
  'evidence.write': '上传、删除证据材料',
  'indicators.read': '查看指标及其依据',
  'ledger.import': '导入台账表格',
  'ledger.export': '导出台账表格',
  'cases.read': '查看案件和期限',
  'cases.write': '登记案件',
  'cases.act': '办理案件流程（具体步骤由案件类型规定的角色办理）',
  'report.generate': '生成年度报告',
  'report.review': '审阅年度报告',
  'cycle.read': '查看年度报告报送流程',
  'report.draft': '编辑年度报告草稿、提请签发和报送',
  'report.sign': '签发或退回本乡镇年度报告',
  'report.check': '审核、退回、保密审查和公开各乡镇年度报告',
  'audit.read': '查看和核验审计日志',
  'calendar.read': '查看节假日安排',
  'calendar.write': '更新节假日安排（导入国务院办公厅通知或日历文件）',
  'webhooks.manage': '配置各单位的群机器人提醒（企业微信、钉钉）',
  'consultations.read': '查看重大行政决策公开征求意见及公众意见（含提出人的姓名和联系方式）',
  'consultations.manage': '发布重大行政决策征求意见稿、处理公众意见、公布意见采纳情况',
  'feedback.rules': '设置群众诉求的分类及其转办的案件类型',
  'exams.sit': '参加学法考试（只看到本人的试卷和成绩）',
  'exams.manage': '维护题库，组织学法考试，查看本单位的考试成绩并结束考试',
  'study.plan': '制定年度学法计划（学法清单），把计划项对应到学法记录',
} as const;
export type Action = keyof typeof actionLabels;

interface Grant {
  readonly actions: readonly Action[];
  /** Record kinds the role may write; absent means every kind. */
  readonly writeKinds?: readonly string[];
  /** Record kinds the role may read; absent means every kind. */
  readonly readKinds?: readonly string[];
  /** Ledger records, their cases and evidence: only those the user entered (the scope's `author`). */
  readonly ownRecordsOnly?: boolean;
}

const reader: readonly Action[] = ['session', 'catalogue.read', 'orgs.read', 'calendar.read'];

const overseer: readonly Action[] = [
  ...reader,
  'records.read',
  'evidence.read',
  'indicators.read',
  'ledger.export',
  'cases.read',
  'cases.act',
  'report.generate',
  'report.review',
];

/** Legal advisers and grid members: enter and follow their own kinds of work (limited by kind below). */
const fieldWorker: readonly Action[] = [
  ...reader,
  'exams.sit',
  'records.read',
  'records.write',
  'evidence.read',
  'evidence.write',
  'cases.read',
  'cases.write',
  'cases.act',
];

/**
 * 三员分立: the system administrator, the security administrator and the auditor share no action,
 * and none reads business data (ledger, cases, indicators, exports, reports, evidence). The system
 * administrator creates accounts without a role, the security administrator grants roles, and a
 * password reset asked for by one of them takes effect only when the other approves it.
 */
export const permissions: Readonly<Record<RoleId, Grant>> = {
  system_admin: {
    actions: [
      ...reader,
      'orgs.manage',
      'users.read',
      'users.manage',
      'users.reset',
      'calendar.write',
      'webhooks.manage',
    ],
  },
  security_admin: { actions: [...reader, 'users.read', 'users.grant', 'users.security', 'users.reset'] },
  // The auditor reads the audit log and the reference data needed to read it (role and organisation
  // names); the working calendar is not among them.
  auditor: { actions: ['session', 'catalogue.read', 'orgs.read', 'audit.read'] },
  // The county office and a township's leaders oversee the same work, each over its own subtree;
  // a township's leader also resets the passwords of the township's own accounts.
  county_officer: {
    actions: [
      ...overseer,
      'cycle.read',
      'report.check',
      'feedback.rules',
      'exams.sit',
      'exams.manage',
      'study.plan',
    ],
  },
  township_leader: {
    actions: [
      ...overseer,
      'users.read',
      'users.reset',
      'cycle.read',
      'report.sign',
      'consultations.read',
      'consultations.manage',
      'exams.sit',
      'exams.manage',
      'study.plan',
    ],
  },
  township_staff: {
    actions: [
      ...reader,
      'records.read',
      'records.write',
      'evidence.read',
      'evidence.write',
      'indicators.read',
      'ledger.import',
      'ledger.export',
      'cases.read',
      'cases.write',
      'cases.act',
      'report.generate',
      'report.review',
      'cycle.read',
      'report.draft',
      'consultations.read',
      'consultations.manage',
      'exams.sit',
      'exams.manage',
      'study.plan',
    ],
  },
  // 一村一法律顾问: works the legality-review queue of the township it is assigned to.
  legal_adviser: {
    actions: fieldWorker,
    writeKinds: ['legal_review', 'legal_opinion', 'adviser_consultation'],
    readKinds: ['legal_review', 'legal_opinion', 'adviser_consultation', 'major_decision', 'dispute'],
  },
  // 网格员: reports disputes found in its grid and sees only what it reported (records, their cases
  // and evidence), never the township's other disputes and their parties; it revisits (回访) its own.
  grid_member: {
    actions: fieldWorker,
    writeKinds: ['dispute'],
    readKinds: ['dispute'],
    ownRecordsOnly: true,
  },
};

function grantOf(role: string): Grant | undefined {
  return (permissions as Readonly<Record<string, Grant>>)[role];
}

export function can(role: string, action: Action): boolean {
  return grantOf(role)?.actions.includes(action) ?? false;
}

/** Record kinds the role may read or write, or undefined for all kinds. */
export function allowedKinds(role: string, mode: 'read' | 'write'): readonly string[] | undefined {
  const g = grantOf(role);
  return mode === 'read' ? g?.readKinds : g?.writeKinds;
}

/** True when the role sees only the ledger records its user entered. */
export function ownRecordsOnly(role: string): boolean {
  return grantOf(role)?.ownRecordsOnly ?? false;
}

export function kindAllowed(role: string, mode: 'read' | 'write', kind: string): boolean {
  const list = allowedKinds(role, mode);
  return list === undefined || list.includes(kind);
}

/** Who acts, as access control sees it: a signed-in user, or the system at the server's console. */
export interface Principal {
  /** The user's id; null for the system principal. */
  readonly id: number | null;
  readonly username: string;
  /** Display name, kept in case histories as the person who took a step. */
  readonly name?: string;
  readonly role: string;
  /** The user's organisation; null for the system principal, which stands above the tree. */
  readonly orgId: number | null;
  readonly orgPath: string;
  /** The user's organisation as read with the session, so a request about it need not read it again. */
  readonly org?: Org;
}

/** The role of the system principal; no account can hold it (roles come from the catalogue). */
export const SYSTEM_ROLE = 'system';

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '未知用户';
  }
}

/**
 * The operator at the server's console (the `fazhi` command): whoever can run it can already read
 * and change the database, so it may take every action over every organisation, and it alone may
 * create the three security roles' accounts. Audited as 命令行（系统） with the OS user name.
 */
export function systemPrincipal(osUser: string = osUserName()): Principal {
  return {
    id: null,
    username: `命令行（系统）：${osUser}`,
    name: '命令行（系统）',
    role: SYSTEM_ROLE,
    orgId: null,
    orgPath: '/',
  };
}

export function isSystem(p: Principal): boolean {
  return p.id === null && p.role === SYSTEM_ROLE;
}

/** True when the principal may take the action (the system principal may take any). */
export function permits(p: Principal, action: Action): boolean {
  return isSystem(p) || can(p.role, action);
}

/** The principal's data scope: its organisation's subtree, only its own records where the role says so. */
export function scopeOf(p: Principal): Scope {
  if (isSystem(p)) return ALL;
  return ownRecordsOnly(p.role) && p.id !== null ? authoredIn(p.orgPath, p.id) : subtree(p.orgPath);
}

/** True when an organisation (by its materialised path) lies inside the principal's scope. */
export function inScope(p: Principal, orgPath: string): boolean {
  return orgPath.startsWith(p.orgPath);
}

export const forbidden = (message = '无权执行此操作'): UserError => new UserError(message, 'forbidden', 403);

export function requireAction(p: Principal, action: Action): void {
  if (!permits(p, action)) throw forbidden(`当前角色无权${actionLabels[action]}`);
}

/**
 * The three security roles (三员). Their accounts are created, given roles and have their passwords
 * reset only on the server (`fazhi users add|passwd`), never through the API, so none of the three
 * can make itself or a peer an account of another.
 */
export const securityRoles: readonly string[] = ['system_admin', 'security_admin', 'auditor'];

export function isSecurityRole(roleIdOrLabel: string): boolean {
  const r = findRole(roleIdOrLabel);
  return r !== undefined && securityRoles.includes(r.id);
}
