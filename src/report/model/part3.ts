import type { LedgerRecord } from '../../core/records.ts';
import { paras, type AreaPara, type DraftSection } from './area-types.ts';
import type { ReportContext } from './context.ts';
import { optionLabel } from './labels.ts';
import { enumerate, line, placeholder, sentence } from './phrase.ts';

/** Part 3: the principal leaders' first-responsibility duty (第一责任人职责), from leader_duty and meetings. */

const ACTIONS = [
  ['deploy', '亲自部署重要工作', '部署'],
  ['inquire', '亲自过问重大问题', '过问'],
  ['coordinate', '亲自协调重点环节', '协调'],
  ['supervise', '亲自督办重要任务', '督办'],
] as const;

/** "党委书记张三亲自部署了“甲”“乙”等工作；镇长李四…". */
function byLeader(c: ReportContext, rs: readonly LedgerRecord[], verb: string): AreaPara {
  const leaders = new Map<string, LedgerRecord[]>();
  for (const r of rs) {
    const position =
      r.data.position === 'head'
        ? c.headTitle
        : (optionLabel('leader_duty', 'position', r.data.position) ?? '');
    const who = `${position}${String(r.data.leader ?? '')}${c.whose(r)}`;
    leaders.set(who, [...(leaders.get(who) ?? []), r]);
  }
  // Titles often start with the verb (部署…); it is said once.
  const bare = (t: string): string => t.replace(/^(亲自)?(部署|过问|协调|督办)/, '');
  const parts = [...leaders.entries()].map(
    ([who, list]) =>
      `${who}亲自${verb}${enumerate(list.map((r) => bare(r.title)))}${list.length > 1 ? '等工作' : ''}`,
  );
  return { inlines: line(parts.join('；'), '。') };
}

export function part3(c: ReportContext): { paras: AreaPara[]; children: DraftSection[] } {
  const duties = c.records('leader_duty');
  const intro = sentence(
    line(
      c.pick('part3.open', [
        `${c.self}党政主要负责人切实履行推进法治建设第一责任人职责，把法治建设与经济社会发展同部署、同推进、同督促、同考核`,
        `${c.self}党政主要负责人坚持以上率下，带头尊法学法守法用法，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办`,
      ]),
    ),
    c.has('leadership.meetings')
      ? line('全年主持或参加法治建设专题会议', c.fig('leadership.meetings'))
      : null,
    c.has('leadership.reports_heard')
      ? line('听取法治政府建设工作汇报', c.fig('leadership.reports_heard'))
      : null,
  );
  if (duties.length === 0) {
    return {
      paras: paras({
        inlines: line(
          intro,
          placeholder(
            '党政主要负责人亲自部署、亲自过问、亲自协调、亲自督办法治建设工作的具体事例（台账中无第一责任人履职记录）',
          ),
        ),
      }),
      children: [],
    };
  }
  const children: DraftSection[] = [];
  for (const [action, heading, verb] of ACTIONS) {
    const rs = duties.filter((r) => r.data.action === action);
    if (rs.length > 0) children.push({ heading, paras: [byLeader(c, rs, verb)], children: [] });
  }
  return { paras: paras({ inlines: intro }), children };
}
