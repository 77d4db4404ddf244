/**
 * How the audit log (审计日志) names what was done and to what, in Chinese: every action the code
 * writes has its label here (audit-actions.test.ts finds them in the source and checks), and case
 * and reporting-cycle steps take theirs from their own catalogues.
 */
import { caseTypes, findCaseType, transitionsOf } from './cases.ts';
import { CYCLE_STEPS } from './report-cycle.ts';

/** Actions written under a fixed name. */
export const auditActionLabels = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  rate_limited: '请求过于频繁被限制',
  'password.change': '修改本人密码',
  'password.change_failed': '修改本人密码未成功',
  'user.create': '创建账号',
  'user.update': '修改账号信息',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.delete': '删除未使用的账号',
  'user.grant_role': '分配角色和数据范围',
  'user.unlock': '解除登录锁定',
  'user.reset_requested': '申请重置密码',
  'user.reset_password': '重置密码',
  'org.create': '新增组织',
  'org.update': '修改组织名称',
  'record.create': '新增台账记录',
  'record.update': '修改台账记录',
  'record.delete': '删除台账记录',
  'evidence.create': '上传佐证材料',
  'evidence.download': '下载佐证材料',
  'evidence.delete': '删除佐证材料',
  'ledger.import': '导入台账表格',
  'ledger.export': '导出台账表格',
  'commitment.create': '录入下一年度工作安排',
  'powers.replace': '导入权力清单',
  'calendar.replace': '更新节假日安排',
  'case.open': '登记案件',
  'case.refused': '案件办理步骤未获通过',
  'case.attach': '为已有案件记录补建办理过程',
  'case.due_recomputed': '按新节假日安排重算办理期限',
  'report.generate': '生成年度报告',
  'report.review': '审阅报告',
  'report.draft.save': '保存年度报告草稿',
  'report.upload': '代乡镇上传年度报告',
  'report.headline': '确认或改选年度报告对比表取数',
  'report.county_pack': '导出年度报告通报和对比表',
  'report.step.refused': '年度报告流程步骤未获通过',
  'webhook.save': '保存群机器人推送设置',
  'webhook.delete': '删除群机器人推送设置',
  'webhook.test': '测试群机器人推送',
  'consultation.publish': '发布重大行政决策征求意见稿',
  'consultation.comment': '公众提交对决策草案的意见',
  'consultation.mark': '处理公众意见（采纳、部分采纳、不采纳）',
  'consultation.summary': '公布意见采纳情况',
  'exam.create': '组织学法考试',
  'exam.start': '开始参加学法考试',
  'exam.resume': '继续作答学法考试（其他窗口停止作答）',
  'exam.submit': '学法考试交卷',
  'exam.close': '结束学法考试并将成绩登记入台账',
  'exam.rescore': '题目答案修正后重新评分',
  'exam.remind': '提醒未参考人员参加学法考试',
  'exam.results_export': '导出学法考试成绩表格',
  'exam.paper_scores': '导入纸质考试成绩',
  'audit.export': '导出审计日志',
  'backup.restore': '从备份恢复数据库',
  'indicators.rebuild': '重建指标汇总',
  'backup.restore_forced': '强制从未通过审计校验的备份恢复数据库',
  'public.anonymise': '匿名化保存期满的公众个人信息',
  'public.disclosure_request': '公众网上提交政府信息公开申请',
  'public.disclosure_correction': '申请人网上提交补正',
  'public.disclosure_read': '查看网上申请的申请人信息',
  'public.disclosure_reply': '上传依申请公开答复文书',
  'public.disclosure_reply_download': '下载依申请公开答复文书',
  'feedback.submit': '群众在公开平台反映问题（立案）',
  'feedback.photo': '群众为所反映问题上传照片',
  'feedback.rate': '群众评价诉求办理结果',
  'feedback.rules': '设置群众诉求分类及转办规则',
  'feedback.contact_read': '查看群众诉求的联系人信息',
  'question.create': '新增题库题目',
  'question.correct': '修正题库题目（新版本）',
  'question.retire': '删除题库题目（停用，已组卷的试卷保留原题）',
  'question.import': '导入题库表格',
  'question.export': '导出题库表格（含答案）',
  'study_plan.create': '新增学法计划项',
  'study_plan.update': '修改学法计划项',
  'study_plan.delete': '删除学法计划项',
  'study_plan.link': '学法计划项对应学法记录',
  'study_plan.unlink': '取消学法计划项对应的学法记录',
} as const satisfies Readonly<Record<string, string>>;

/**
 * Actions named after a declared step, `prefix` + the step's id: a case step (`case.mediate`) or a
 * step of the annual reporting cycle (`report.sign`).
 */
export const auditActionFamilies: readonly {
  readonly prefix: string;
  readonly label: string;
  readonly steps: () => ReadonlyMap<string, string>;
}[] = [
  { prefix: 'case.', label: '办理案件', steps: () => caseStepLabels(undefined) },
  {
    prefix: 'report.',
    label: '年度报告',
    steps: () => new Map(CYCLE_STEPS.map((s) => [s.id, s.label])),
  },
];

/** Case step labels by id; one case type's, or across types (a shared id reads as 结案/办结). */
function caseStepLabels(type: string | undefined): Map<string, string> {
  const t = type === undefined ? undefined : findCaseType(type);
  const labels = new Map<string, Set<string>>();
  for (const ct of t ? [t] : caseTypes)
    for (const tr of transitionsOf(ct)) labels.set(tr.id, (labels.get(tr.id) ?? new Set()).add(tr.label));
  return new Map([...labels].map(([id, set]) => [id, [...set].join('/')]));
}

export type AuditActionId = keyof typeof auditActionLabels;

const fixed: Readonly<Record<string, string>> = auditActionLabels;

/**
 * The Chinese label of an audit action, or undefined when the catalogue does not know it. `caseType`
 * (the case's record kind) picks the step's own label where case types share a step id.
 */
export function auditActionLabel(action: string, o: { caseType?: string } = {}): string | undefined {
  const own = fixed[action];
  if (own) return own;
  if (action.startsWith('case.')) {
    const step = action.slice('case.'.length);
    const label = caseStepLabels(o.caseType).get(step) ?? caseStepLabels(undefined).get(step);
    return label === undefined ? undefined : `办理案件：${label}`;
  }
  if (action.startsWith('report.')) {
    const step = CYCLE_STEPS.find((s) => `report.${s.id}` === action);
    return step ? `年度报告：${step.label}` : undefined;
  }
  return undefined;
}

/** Every action the catalogue labels, fixed and declared steps, with its label (for filters). */
export function allAuditActions(): { action: string; label: string }[] {
  const out = Object.entries(fixed).map(([action, label]) => ({ action, label }));
  for (const f of auditActionFamilies)
    for (const [id, label] of f.steps())
      if (!(f.prefix + id in fixed)) out.push({ action: f.prefix + id, label: `${f.label}：${label}` });
  return out;
}

/** What an entry's object is (target_type), in Chinese. */
export const auditTargetLabels = {
  user: '账号',
  org: '组织',
  record: '台账记录',
  case: '案件',
  evidence: '佐证材料',
  import: '台账导入',
  annual_report: '年度报告',
  calendar_year: '节假日安排',
  session: '登录会话',
  audit_log: '审计日志',
  database: '数据库',
  file: '文件',
  rate_limit: '访问频率限制',
  webhook: '群机器人推送',
  public_request: '公众申请或诉求',
  consultation: '公开征求意见',
  consultation_comment: '公众意见',
  question: '题库题目',
  exam: '学法考试',
  exam_sitting: '考试作答',
  study_plan_item: '学法计划项',
} as const satisfies Readonly<Record<string, string>>;

export function auditTargetLabel(type: string): string {
  return (auditTargetLabels as Readonly<Record<string, string>>)[type] ?? type;
}

/**
 * Names of the fields an entry's before/after JSON holds, for the diff shown to auditors. A
 * record's own fields (`data.*`) are named by its kind in the catalogue instead.
 */
export const auditFieldLabels: Readonly<Record<string, string>> = {
  id: '编号',
  username: '用户名',
  name: '名称',
  role: '角色',
  roleLabel: '角色名称',
  orgId: '所属组织',
  org: '组织名称',
  orgCode: '组织代码',
  mustChangePassword: '须修改密码',
  disabled: '已停用',
  createdAt: '创建时间',
  code: '代码',
  kind: '类型',
  parentId: '上级组织',
  path: '层级路径',
  townshipId: '乡镇',
  date: '日期',
  endDate: '结束日期',
  title: '标题',
  type: '类型',
  state: '状态',
  reason: '原因',
  failures: '连续失败次数',
  locked: '已锁定',
  request: '申请编号',
  year: '年度',
  added: '新增条数',
  titles: '标题',
  fileName: '文件名',
  format: '格式',
  entries: '条数',
  from: '起',
  to: '止',
  head: '链头',
  error: '原因',
  action: '步骤',
  comment: '意见',
  version: '版本',
  count: '次数',
  key: '限制项',
  first: '首次',
  last: '末次',
  evidence: '佐证材料',
  sha256: '文件摘要',
  size: '文件大小',
  mime: '文件类型',
  caseId: '案件编号',
  consultation: '征求意见编号',
  commentId: '意见编号',
  decision: '处理结果',
  opensOn: '征求意见开始日期',
  closesOn: '征求意见截止日期',
  shortened: '缩短征求意见期限',
  received: '收到意见',
  adopted: '采纳',
  partly: '部分采纳',
  rejected: '不采纳',
  law: '法律法规',
  difficulty: '难度',
  bank: '题库',
  rows: '行数',
  created: '新增题目',
  corrected: '修正题目',
  unchanged: '未变题目',
  questions: '题目数',
  exam: '考试编号',
  attempt: '第几次作答（1 正式考试，2 补考）',
  deadlineAt: '交卷截止时间',
  score: '得分',
  grade: '等次',
  opensAt: '开始时间',
  closesAt: '结束时间',
  mode: '组卷方式',
  total: '总分',
  candidates: '应参考人数',
  required: '应参考人数',
  sat: '参考人数',
  passed: '合格人数',
  excellent: '优秀人数',
  townships: '乡镇数',
  records: '登记的台账记录数',
  reminded: '提醒人数',
  papers: '涉及试卷数',
  changed: '成绩变动的试卷数',
  sessionType: '学习形式',
  topic: '学习内容',
  laws: '学习法律法规',
  month: '计划月份',
  audience: '参学对象',
  recordId: '对应学法记录',
  studyPlanItems: '学法计划项',
  township: '乡镇',
  indicator: '指标',
  figure: '取数',
  kept: '沿用规则取数',
  rule: '规则取数',
  parts: '相加处数',
  sentence: '原文',
};
