/** docs/cases.md, generated from the case and clock declarations so it cannot drift from the code. */
import {
  caseRoles,
  conditionsOf,
  caseTypes,
  stateOf,
  transitionsOf,
  type CaseType,
  type ClockEffect,
  type Condition,
  type Transition,
  type When,
} from './cases.ts';
import { basisText, clocks, findClock, periodText, unitLabels } from './clocks.ts';
import { valueText, type FieldValue } from './fields.ts';
import { indicators } from './indicators.ts';
import { getKind, powerCategory } from './kinds.ts';
import { STATUTORY_MARK } from '../core/calendar.ts';
import { seedRange } from '../db/calendar-seed.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const clockName = (id: string) => `${findClock(id)?.label ?? id}（\`${id}\`）`;

/** `信访类型为申诉求决`, `补正期限未填写`: a condition in the words of the kind's fields. */
function conditionText(t: CaseType, when: When): string {
  return conditionsOf(when)
    .map((c) => oneCondition(t, c))
    .join('且');
}

function oneCondition(t: CaseType, c: Condition): string {
  const field = getKind(t.kind).fields.find((f) => f.key === c.field);
  const label = field?.label ?? c.field;
  const show = (v: FieldValue) => (field ? valueText(field, v) : String(v));
  const values = 'in' in c ? c.in : c.notIn;
  if (values.length === 1 && values[0] === null) return `${label}${'in' in c ? '未填写' : '已填写'}`;
  const shown = values
    .filter((v) => v !== null)
    .map(show)
    .join('或');
  return `${label}${'in' in c ? '为' : '不为'}${shown}`;
}

function effect(t: CaseType, e: ClockEffect): string {
  switch (e.kind) {
    case 'stopAll':
      return '停止全部期限';
    case 'start':
      return `开始 ${clockName(e.clock)}${e.when ? `（仅限${conditionText(t, e.when)}）` : ''}`;
    case 'within':
      return `须在 ${clockName(e.clock)} 内办理（自${e.since ? `「${transitionsOf(t).find((x) => x.id === e.since)?.label ?? e.since}」` : '登记'}起算），逾期拒绝`;
    case 'stop':
      return `停止 ${clockName(e.clock)}${e.refuseEarly ? `，${findClock(e.clock)?.partyTime ? '期间内（含最后一日）' : '届满前'}拒绝` : ''}${e.refuseLate ? '，届满后拒绝' : ''}`;
    case 'extend':
      return `延长 ${clockName(e.clock)}`;
    case 'suspend':
      return `暂停 ${clockName(e.clock)}`;
    case 'resume':
      return `恢复 ${clockName(e.clock)}`;
    case 'restart':
      return `重新起算 ${clockName(e.clock)}`;
  }
}

function inputs(t: CaseType, tr: Transition): string {
  const kind = getKind(t.kind);
  const parts = [
    ...(tr.needs ?? []).map(
      (n) =>
        `${kind.fields.find((f) => f.key === n.key)?.label ?? n.key}\`${n.key}\`${n.required ? '（必填）' : ''}`,
    ),
    ...(tr.params ?? []).map((p) => `${p.label}\`${p.key}\`${p.required ? '（必填）' : ''}`),
  ];
  if (tr.reason === 'required') parts.push('理由（必填）');
  return parts.join('、');
}

function section(t: CaseType): string[] {
  const states = (ids: readonly string[]) =>
    ids.length ? ids.map((s) => stateOf(t, s)?.label ?? s).join('、') : '任一未终结状态';
  const out = [
    `## ${t.label}（\`${t.kind}\`）`,
    '',
    t.summary,
    '',
    `登记：${t.openRoles.map((r) => caseRoles[r]).join('、')}；登记时${t.openClocks.length ? t.openClocks.map((e) => effect(t, e)).join('；') : '不开始期限'}。`,
    '',
    ...(t.power
      ? [
          `登记时须写明所行使的权力事项（\`${t.power.field}\`）：本乡镇在案件日期有效的权力清单中没有该事项，或该事项不属于${t.power.categories.map(powerCategory).join('、')}的，不予登记。`,
          '',
        ]
      : []),
    '| 状态 | 名称 | 台账字段 |',
    '| --- | --- | --- |',
    ...t.states.map(
      (s) =>
        `| \`${s.id}\` | ${s.label} | ${Object.entries(s.data ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join('、')} |`,
    ),
    '',
    '| 步骤 | 名称 | 从 → 到 | 角色 | 期限 | 填写 | 要求 | 依据 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const tr of transitionsOf(t)) {
    const to = tr.to ? (stateOf(t, tr.to)?.label ?? tr.to) : '（不变）';
    const req = [
      ...(tr.once ? ['只能一次'] : []),
      ...(tr.only ? [`仅限${conditionText(t, tr.only.when)}`] : []),
      ...(tr.rolesNote ? [tr.rolesNote] : []),
      ...(tr.requires ?? []).map((r) => `${r.when ? `${conditionText(t, r.when)}时：` : ''}${r.message}`),
      ...(tr.opens ? [`新立一件${getKind(tr.opens.type).label}`] : []),
      ...(tr.creates ? [`新增${getKind(tr.creates.kind).label}台账记录`] : []),
    ];
    out.push(
      `| \`${tr.id}\` | ${tr.label} | ${states(tr.from)} → ${to} | ${tr.roles.map((r) => caseRoles[r]).join('、')} | ${cell((tr.clocks ?? []).map((e) => effect(t, e)).join('；'))} | ${cell(inputs(t, tr))} | ${cell(req.join('；'))} | ${cell(basisText(tr.basis ?? []))} |`,
    );
  }
  const fed = t.indicators
    .map((k) => `${indicators.find((i) => i.key === k)?.label ?? k}（\`${k}\`）`)
    .join('、');
  out.push('', fed ? `结果计入指标：${fed}。` : '结果暂不计入指标。', '');
  return out;
}

const TAIL = [
  '## 拒绝的操作',
  '',
  '以下操作被拒绝时给出中文原因，案件状态和台账记录不变，该次尝试连同原因记入办理记录（`outcome = refused`）：',
  '当前状态不允许的步骤；无权办理该步骤的角色；超过法定上限的延长或第二次延长；早于上一步或晚于今天的日期、早于起始日的整改期限；',
  '缺少必填的字段或理由、未知的字段；最短期间未满即结束程序（如征求意见未满30日、整改期限未届满即认定逾期未整改）；',
  '当事人自己的期间（听证申请期、补正期限、上诉期）内，含其最后一日，即结束程序（作出处罚决定、视为放弃申请、认定裁判生效）；',
  '期间届满后才办理的步骤（逾期要求听证、逾期告知补正、逾期对转送事项提出异议、逾期请求复查或复核、逾期申请司法确认、逾期上诉）；',
  '听证日期距通知不足7个工作日、听证前或未举行听证即作出处罚决定；属法制审核情形未经审核通过、情节复杂或重大违法未经集体讨论即作出处罚决定；',
  '最近一次合法性审查结论为不合法（或未完成审查）即提交集体讨论决定；乡镇出具信访复查、复核意见（由上一级机关办理）。',
  '未知的期限规则、未知的案件类型在命令行直接报错（退出码 1）。',
  '',
  '## 命令行',
  '',
  '```',
  'fazhi deadline petition.accept --from 2024-09-16 [--json]     # 2024-10-08，国庆节假期后顺延',
  'fazhi deadline disclosure.reply --from 2025-03-03 --suspend 2025-03-05:2025-03-12   # 征求意见期间不计入，2025-04-08',
  'fazhi deadline disclosure.reply --from 2025-03-03 --restart 2025-03-10               # 收到补正后重新起算',
  'fazhi deadline --list',
  'fazhi case open --org 甲镇 --type petition --date 2025-03-03 --title 土地补偿 --set petitionType=申诉求决 --owner 张三',
  'fazhi case move 12 accept --date 2025-03-05',
  'fazhi case move 12 extend --role township_leader --set extension=30 --reason 情况复杂',
  'fazhi case show 12 [--json]',
  'fazhi case list --org 甲镇 [--type petition] [--state 已受理] [--open] [--json]',
  'fazhi cases due --org 甲镇 --within 7 [--json]',
  'fazhi cases digest --org 某县 [--date 2025-06-10]',
  'fazhi cases attach --org 甲镇                                   # 为导入的案件类台账补建办理记录',
  '```',
  '',
  '## 服务接口',
  '',
  '`src/services/case-writes.ts`：`registerCase`、`takeCaseStep`、`attachCaseHistories`（核对权限，与审计记录在同一事务中提交）；`src/services/cases.ts`：`showCase`、`listCases`；`src/services/cases/due.ts`：`dueCases(h, org, withinDays, now)`、`digest(h, org, now)`；',
  '`attachCaseHistories` 为没有办理记录的案件类台账（演示数据、导入的台账）按其状态补建办理记录（由 `src/services/cases/seed.ts` 推算），不改动台账数据。',
];

export function casesMarkdown(): string {
  const out: string[] = [
    '# 案件办理流程与法定期限 / Case workflows and statutory clocks',
    '',
    '由 `src/catalogue/cases/`（每类案件一个文件）、`src/catalogue/clocks.ts` 生成，测试会检查本文件与代码一致。重新生成：',
    '`npx tsx -e "import(\'./src/catalogue/cases-doc.ts\').then((m) => process.stdout.write(m.casesMarkdown()))" > docs/cases.md && npx prettier --write docs/cases.md`',
    '',
    '案件就是案件类台账记录：记录的 `data`（状态、期限、办结日期等）随每一步在同一事务中更新，指标因此与案件结果一致；',
    '`case_events` 保存全部办理记录，包括被拒绝的操作及其理由；期限状态由办理记录重放得出。',
    '',
    '## 期间计算',
    '',
    '- 依民法典第201条，开始的当日不计入，自次日起算。',
    '- 按“日”计算的期间，最后一日是法定节假日或不调休上班的周末的，以其后第一个工作日为最后一日（第203条）；最后一日是调休上班日的，不顺延。',
    '- 按“月”计算的期间，到期月的对应日为最后一日，没有对应日的为月末日（第202条），再按第203条顺延。',
    '- “工作日”不计周末和法定节假日，计入国务院办公厅公布的调休上班日。行政处罚法第85条：该法的“二日”“三日”“五日”“七日”指工作日。',
    `- 节假日与调休存于数据库，初始数据来自 \`chinese-days\` 包（${seedRange().from}—${seedRange().to} 年）；系统管理员可粘贴国务院办公厅当年放假安排通知或导入 JSON/ICS 文件更新（\`fazhi calendar import\`），更新后在办案件的期限重新计算。`,
    `- 尚无官方放假安排的年份，按全国年节及纪念日放假办法的法定节日计算（元旦1日，春节除夕至初三4日，清明1日，劳动节2日，端午1日，中秋1日，国庆节3日），不含调休，结果标注“${STATUTORY_MARK}”。`,
    '- 每个期限都附计算说明：起算日、规则、法律依据、单位、经过的节假日和调休日、延长与不计入的期间、期末顺延。',
    '- `limit` 期限届满未办结即逾期；`minimum` 期限（征求意见不少于30日、合法性审查时间、当事人要求听证期限、第三方答复期限）是最短期间，届满前不得结束该程序，不计逾期。',
    '',
    '## 期限规则',
    '',
    '| 规则 | 名称 | 期间 | 性质 | 延长 | 不计入/重新起算 | 依据 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of clocks) {
    const ext = c.extension
      ? `一次不超过${c.extension.max}${unitLabels[c.unit]}（${c.extension.needs === 'approval' ? '经批准' : '说明理由'}；${basisText([c.extension.basis])}）`
      : '';
    const other = [
      c.suspension ? `${c.suspension.what}（${basisText([c.suspension.basis])}）` : '',
      c.restart ? `${c.restart.what}（${basisText([c.restart.basis])}）` : '',
    ]
      .filter(Boolean)
      .join('；');
    const kind = `${c.kind === 'limit' ? '期限' : '最短期间'}${c.guideline ? '（工作规范）' : ''}`;
    out.push(
      `| \`${c.id}\` | ${c.label} | ${c.from}${periodText(c.unit, c.amount)} | ${kind} | ${cell(ext)} | ${cell(other)} | ${cell(basisText(c.basis))}${c.note ? `；${cell(c.note)}` : ''} |`,
    );
  }
  out.push(
    '',
    '角色：' +
      Object.entries(caseRoles)
        .map(([k, v]) => `${v}（\`${k}\`）`)
        .join('、') +
      '。每类案件都可“指定承办人”（`assign`）。',
    '',
  );
  return [...out, ...caseTypes.flatMap(section), ...TAIL].join('\n').replace(/\n+$/, '') + '\n';
}
