import type { PlanLine } from '../../core/study-plan.ts';
import type { ReportContext } from './context.ts';
import { line } from './phrase.ts';
import type { Figure, Inline } from './types.ts';

/**
 * The year's study plan (学法计划) against what was done, for the study paragraph: planned items and
 * those fulfilled by a study record, 中心组学法 apart from the rest as the report counts them
 * (study.center_group, study.sessions). The figures are bound to those indicators with the ops
 * `planned` and `done`; the words 计划 in each clause keep the county's cross-check from reading
 * them as the year's totals.
 */

/** How the plan's other forms are named: their one form when all share it, else 其他学法. */
const FORM_WORDS: Readonly<Record<string, string>> = {
  meeting_study: '会前学法',
  collective: '集中学法',
  training: '法治培训',
  lecture: '法治讲座',
  video: '法治教育警示片学习',
};

interface Group {
  readonly key: string;
  readonly words: string;
  readonly planned: number;
  readonly done: number;
}

function groups(plan: readonly PlanLine[]): Group[] {
  const center = plan.filter((l) => l.sessionType === 'center_group');
  const others = plan.filter((l) => l.sessionType !== 'center_group');
  const otherTypes = [...new Set(others.map((l) => l.sessionType))];
  const out: Group[] = [];
  const done = (ls: readonly PlanLine[]) => ls.filter((l) => l.recordId !== null).length;
  if (center.length > 0)
    out.push({ key: 'study.center_group', words: '中心组学法', planned: center.length, done: done(center) });
  if (others.length > 0)
    out.push({
      key: 'study.sessions',
      words: otherTypes.length === 1 ? (FORM_WORDS[otherTypes[0]!] ?? '其他学法') : '其他学法',
      planned: others.length,
      done: done(others),
    });
  return out;
}

const figure = (key: string, op: 'planned' | 'done', value: number): Inline => {
  const f: Figure = { source: { op, key }, value, unit: '次', text: `${value}次` };
  return { t: 'figure', figure: f };
};

/** Joins a group's figures with 和 (not 、, which would start a clause without the word 计划). */
function listed(gs: readonly Group[], op: 'planned' | 'done', words = true): Inline[] {
  return line(...gs.flatMap((g, i) => [i > 0 ? '和' : '', words ? g.words : '', figure(g.key, op, g[op])]));
}

/** “年度学法计划安排中心组学法6次和集中学法12次，已全部按计划完成。”; nothing without a plan. */
export function studyPlanSentence(c: ReportContext): Inline[] {
  const plan = c.inputs.studyPlan ?? [];
  if (plan.length === 0) return [];
  const gs = groups(plan);
  const planned = line(c.pick('study.plan', ['年度学法计划安排', '全年学法计划安排']), listed(gs, 'planned'));
  const all = gs.every((g) => g.done === g.planned);
  if (all) return line(planned, '，已全部按计划完成。');
  // One form only: the shorter “计划N次，按计划完成N次”.
  const done = gs.length === 1 ? listed(gs, 'done', false) : listed(gs, 'done');
  return line(planned, '，按计划完成', done, '。');
}
