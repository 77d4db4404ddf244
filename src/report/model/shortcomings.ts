import { groups, type GroupId } from '../../catalogue/kinds.ts';
import { addDays } from '../../core/calendar.ts';
import type { LedgerRecord } from '../../core/records.ts';
import { formatNumber, type ReportContext } from './context.ts';
import { shortTitle } from './labels.ts';
import { examples, line, verify } from './phrase.ts';
import { causeChoices, remedyFor } from './remedies.ts';
import type { Inline, PlanItem } from './types.ts';

/** What part 2 can find in the data. Each has proposed causes (remedies.ts) the township confirms. */
export type ShortcomingType =
  | 'no_records'
  | 'overdue_dispute'
  | 'overdue_petition'
  | 'overdue_penalty'
  | 'low_rate'
  | 'falling'
  | 'unrectified'
  | 'commitment_not_done';

export interface Shortcoming {
  /** Stable id for overrides, e.g. `low_rate:disputes.resolution_rate`. */
  readonly id: string;
  readonly type: ShortcomingType;
  readonly heading: string;
  readonly text: readonly Inline[];
  /** The cause as printed: the township's own (an override), or proposed causes to confirm. */
  readonly cause: readonly Inline[];
  readonly remedy: PlanItem;
  /** How serious it is, for the order of part 2: overdue legal deadlines first, then by size. */
  readonly weight: number;
  /** What the remedy names: the overdue items, the falling work, the missing areas. */
  readonly subject?: string;
}

/** A shortcoming as found, before its cause and remedy. */
export type Finding = Omit<Shortcoming, 'cause' | 'remedy'>;

/** Rates below these read as shortcomings, said through the counts behind them (never the threshold). */
const LOW: Readonly<
  Record<string, { below: number; heading: string; unit: string; gap: readonly [string, string, string] }>
> = {
  'disputes.resolution_rate': {
    below: 90,
    heading: '矛盾纠纷化解质效有待提升',
    unit: '件',
    gap: ['已办结或到期的矛盾纠纷', '中，有', '未化解'],
  },
  'disputes.satisfaction_rate': {
    below: 90,
    heading: '群众对纠纷调处的满意度有待提高',
    unit: '件',
    gap: ['回访的纠纷', '中，有', '当事人表示不满意'],
  },
  'study.exam_participation_rate': {
    below: 98,
    heading: '学法考试未做到应考尽考',
    unit: '人次',
    gap: ['应参考', '，有', '未参加考试'],
  },
  'study.exam_pass_rate': {
    below: 95,
    heading: '干部学法成效不够扎实',
    unit: '人次',
    gap: ['参考', '中，有', '考试未达到合格'],
  },
  'petitions.on_time_rate': {
    below: 100,
    heading: '信访事项未全部按期办结',
    unit: '件',
    gap: ['已办结的信访事项', '中，有', '超过办理期限才办结'],
  },
  'litigation.leader_appearance_rate': {
    below: 100,
    heading: '负责人出庭应诉未实现全覆盖',
    unit: '次',
    gap: ['开庭', '中，有', '行政机关负责人未出庭'],
  },
};

/**
 * Counts whose fall on last year is worth saying, with how the text names them. A fall counts when
 * it is at least 20% and at least 3 (a count of 3 falling to 0 is said; 2 to 1 is not).
 */
const FALLING: Readonly<Record<string, { what: string; heading: string }>> = {
  'leadership.meetings': { what: '专题研究法治建设的会议', heading: '专题研究法治建设的频次减少' },
  'study.center_group': { what: '理论学习中心组学法', heading: '中心组学法次数减少' },
  'study.sessions': { what: '集中学法和法治培训', heading: '集中学法和法治培训开展减少' },
  'study.trainees': { what: '参加学法培训的人次', heading: '学法培训覆盖面收窄' },
  'publicity.events': { what: '普法宣传活动', heading: '普法宣传活动开展减少' },
  'publicity.audience': { what: '普法活动受教育群众', heading: '普法宣传覆盖面收窄' },
  'enforcement.inspections': { what: '执法检查', heading: '执法检查开展减少' },
  'enforcement.penalties': { what: '作出的行政处罚', heading: '行政处罚案件明显减少' },
  'legal.reviews': { what: '合法性审查', heading: '合法性审查件数减少' },
  'legal.opinions': { what: '法律顾问出具的法律意见', heading: '法律顾问作用发挥不够' },
  'disclosure.items': { what: '主动公开的政府信息', heading: '政府信息主动公开减少' },
  'safety.drills': { what: '应急演练', heading: '应急演练开展减少' },
};

/** Areas where no record may simply mean there was nothing to record (said in part 5, not here). */
export const RARE_AREAS: readonly GroupId[] = ['litigation', 'decisions', 'disclosure', 'safety'];

const pct = (n: number): string => `${formatNumber(Math.round(n * 10) / 10)}%`;

/** Finds the shortcomings the data shows, most serious first, with proposed causes and remedies. */
export function findShortcomings(
  c: ReportContext,
  emptyAreas: readonly GroupId[],
  cutoff: string,
  cutoffText: string,
): Shortcoming[] {
  const found: Finding[] = [];
  const missing = emptyAreas.filter((g) => !RARE_AREAS.includes(g));
  if (missing.length > 0) {
    const names = missing.map((g) => groups[g]).join('、');
    found.push({
      id: 'no_records',
      type: 'no_records',
      heading: c.pick('no_records.heading', ['部分工作没有台账记录', '部分工作开展情况无据可查']),
      text: line(
        `${c.year}年度台账中没有${names}方面的记录`,
        verify(`相关工作本年度未开展，或已开展但未登记台账，请确认后保留其一`),
      ),
      weight: 40 + missing.length,
      subject: names,
    });
  }
  const overdue = (
    type: ShortcomingType,
    rs: LedgerRecord[],
    heading: string,
    noun: string,
    what: string,
  ): void => {
    if (rs.length > 0)
      found.push({
        id: type,
        type,
        heading,
        text: line(
          `截至${cutoffText}，${examples(
            rs.map((r) => r.title + c.whose(r)),
            noun,
          )}${rs.length > 1 ? `共${rs.length}件` : ''}${what}`,
        ),
        weight: 100 + rs.length,
        subject: `${examples(
          rs.map((r) => r.title),
          noun,
          2,
        )}${rs.length > 1 ? `${rs.length}件` : ''}`,
      });
  };
  overdue(
    'overdue_dispute',
    c.records(
      'dispute',
      (r) => r.data.status === 'pending' && typeof r.data.dueDate === 'string' && r.data.dueDate < cutoff,
    ),
    '部分矛盾纠纷超期未化解',
    '矛盾纠纷',
    '已超过办结期限，仍在调处中',
  );
  overdue(
    'overdue_petition',
    c.records(
      'petition',
      (r) =>
        (r.data.status === 'registered' || r.data.status === 'accepted') &&
        typeof r.data.dueDate === 'string' &&
        r.data.dueDate < cutoff,
    ),
    '部分信访事项超期未办结',
    '信访事项',
    '已超过办理期限，尚未办结',
  );
  // 行政处罚法 第60条: a penalty is decided within 90 days of filing.
  overdue(
    'overdue_penalty',
    c.records('penalty', (r) => r.data.status === 'filed' && addDays(r.date, 90) < cutoff),
    '部分行政处罚案件超期未决定',
    '行政处罚案件',
    '自立案起已超过90日，尚未作出处罚决定',
  );
  for (const [key, low] of Object.entries(LOW)) {
    const v = c.value(key);
    const den = c.den(key);
    const num = c.num(key);
    if (v === null || v >= low.below || den === null || num === null || den - num <= 0) continue;
    found.push({
      id: `low_rate:${key}`,
      type: 'low_rate',
      heading: low.heading,
      text: line(
        low.gap[0],
        c.part(key, 'den', low.unit),
        low.gap[1],
        c.part(key, 'gap', low.unit),
        low.gap[2],
        `，${c.cur.get(key)?.label ?? ''}为`,
        c.fig(key),
      ),
      weight: 50 + (100 - v),
    });
  }
  for (const [key, fall] of Object.entries(FALLING)) {
    const v = c.value(key) ?? 0;
    const p = c.previous(key);
    if (p === null || p - v < 3 || (p - v) / p < 0.2) continue;
    const drop = ((p - v) / p) * 100;
    found.push({
      id: `falling:${key}`,
      type: 'falling',
      heading: fall.heading,
      text:
        v === 0
          ? line(`${fall.what}由上年的${formatNumber(p)}${c.cur.get(key)?.unit ?? ''}降为0`)
          : line(
              `全年${fall.what}`,
              c.fig(key),
              `，比上年的${formatNumber(p)}${c.cur.get(key)?.unit ?? ''}减少${pct(drop)}`,
            ),
      weight: 20 + drop / 2,
      subject: fall.what,
    });
  }
  const problems = c.value('enforcement.problems_found') ?? 0;
  const fixed = c.value('enforcement.problems_rectified') ?? 0;
  if (problems > 0 && fixed < problems) {
    found.push({
      id: 'unrectified',
      type: 'unrectified',
      heading: '执法检查发现问题整改不够彻底',
      text: line(
        '执法检查发现问题',
        c.fig('enforcement.problems_found'),
        c.has('enforcement.problems_rectified') &&
          line('，整改到位', c.fig('enforcement.problems_rectified')),
        '，尚有',
        c.diff('enforcement.problems_found', 'enforcement.problems_rectified'),
        '未整改到位',
      ),
      weight: 50 + ((problems - fixed) / problems) * 100,
    });
  }
  const notDone = c.inputs.commitments.filter((r) => r.data.status !== 'done');
  if (notDone.length > 0) {
    found.push({
      id: 'commitment_not_done',
      type: 'commitment_not_done',
      heading: '上年度部分工作安排未按期完成',
      text: line(
        `上年度报告提出的${c.inputs.commitments.length}项工作安排中，${examples(notDone.map(shortTitle), '工作安排')}${notDone.length > 1 ? `${notDone.length}项` : ''}尚未完成`,
      ),
      weight: 60 + notDone.length,
      subject: examples(notDone.map(shortTitle), '事项'),
    });
  }
  const causes = c.inputs.overrides?.causes ?? {};
  return found
    .sort((a, b) => b.weight - a.weight)
    .map((s) => {
      const own = causes[s.id] ?? causes[s.type];
      return {
        ...s,
        cause: own ? line(own.replace(/。$/, '')) : line(verify(causeChoices(c, s.type, s.id))),
        remedy: remedyFor(s, c),
      };
    });
}
