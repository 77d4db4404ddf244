import { groups, type GroupId } from '../../catalogue/kinds.ts';
import { addDays } from '../../core/calendar.ts';
import type { LedgerRecord } from '../../core/records.ts';
import type { ReportContext } from './context.ts';
import { shortTitle } from './labels.ts';
import { examples, line, placeholder } from './phrase.ts';
import { defaultCause, remedyFor } from './remedies.ts';
import type { Inline, PlanItem } from './types.ts';

/** What part 2 can find in the data. Each type has a default cause (remedies.ts) the user may override. */
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
  readonly cause: string;
  readonly remedy: PlanItem;
}

/** Rates below these read as shortcomings; the threshold is never printed, only the value. */
const LOW: Readonly<Record<string, { below: number; heading: string; tail: string }>> = {
  'disputes.resolution_rate': {
    below: 90,
    heading: '矛盾纠纷化解质效有待提升',
    tail: '仍有部分纠纷未能成功调解',
  },
  'disputes.satisfaction_rate': {
    below: 90,
    heading: '群众对纠纷调处的满意度有待提高',
    tail: '部分当事人对调处结果不满意',
  },
  'study.exam_participation_rate': {
    below: 95,
    heading: '学法考试参考不够全面',
    tail: '部分应参考人员未参加考试',
  },
  'study.exam_pass_rate': { below: 90, heading: '干部学法成效不够扎实', tail: '部分干部考试未达到合格' },
  'petitions.on_time_rate': {
    below: 100,
    heading: '信访事项按期办结有差距',
    tail: '部分信访事项超过期限办结',
  },
  'litigation.leader_appearance_rate': {
    below: 100,
    heading: '负责人出庭应诉未实现全覆盖',
    tail: '部分庭审行政机关负责人未出庭',
  },
};

/** Counts whose fall of 20% or more on last year is worth saying. */
const FALLING = [
  'publicity.events',
  'study.center_group',
  'study.sessions',
  'legal.reviews',
  'disclosure.items',
];

/** Finds the shortcomings the data shows, in a fixed order, with causes (overridable) and remedies. */
export function findShortcomings(
  c: ReportContext,
  emptyAreas: readonly GroupId[],
  cutoff: string,
  cutoffText: string,
): Shortcoming[] {
  const found: Omit<Shortcoming, 'cause' | 'remedy'>[] = [];
  if (emptyAreas.length > 0) {
    const names = emptyAreas.map((g) => groups[g]).join('、');
    // No lawsuit or major decision may simply mean there was none: the user confirms.
    const rare = emptyAreas.filter((g) => g === 'litigation' || g === 'decisions').map((g) => groups[g]);
    found.push({
      id: 'no_records',
      type: 'no_records',
      heading: '部分工作台账记录缺失',
      text: line(
        `${c.year}年度台账中，${names}${emptyAreas.length > 1 ? '等' : ''}方面没有工作记录，相关工作开展情况无法在本报告中如实反映`,
        rare.length > 0 && placeholder(`如本年度确无${rare.join('、')}事项，请在本条中如实说明`),
      ),
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
          )}${what}`,
        ),
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
    if (v === null || v >= low.below) continue;
    found.push({
      id: `low_rate:${key}`,
      type: 'low_rate',
      heading: low.heading,
      text: line(`${c.cur.get(key)?.label ?? key}为`, c.fig(key), c.yoy(key), `，${low.tail}`),
    });
  }
  for (const key of FALLING) {
    const v = c.value(key);
    const p = c.previous(key);
    if (v === null || p === null || p === 0 || (p - v) / p < 0.2) continue;
    const label = c.cur.get(key)?.label ?? key;
    found.push({
      id: `falling:${key}`,
      type: 'falling',
      heading: `${label}工作力度有所减弱`,
      text: line(`全年${label}`, c.fig(key), c.yoy(key)),
    });
  }
  if (
    c.has('enforcement.problems_found') &&
    (c.value('enforcement.problems_rectified') ?? 0) < (c.value('enforcement.problems_found') ?? 0)
  ) {
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
    });
  }
  const notDone = c.inputs.commitments.filter((r) => r.data.status !== 'done');
  if (notDone.length > 0) {
    found.push({
      id: 'commitment_not_done',
      type: 'commitment_not_done',
      heading: '上年度部分工作安排未按期完成',
      text: line(`上年度报告提出的${examples(notDone.map(shortTitle), '工作安排')}尚未完成`),
    });
  }
  const causes = c.inputs.overrides?.causes ?? {};
  return found.map((s) => ({
    ...s,
    cause: causes[s.id] ?? causes[s.type] ?? defaultCause(s.type, s.id),
    remedy: remedyFor(s.type, s.id, c, emptyAreas, notDone),
  }));
}
