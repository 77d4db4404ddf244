/**
 * Deadline arithmetic for statutory clocks. Pure: the rule, the start date and the clock's history
 * (extensions, suspensions) go in; the due date comes out with every step that produced it.
 * A pipeline: validate → count in the rule's unit (counting.ts) → shift (民法典 第203条) → explain.
 *
 * Counting follows 民法典 第201–203条 (the general rule for 期间) unless the rule says otherwise.
 */
import { basisText, periodText, unitLabels, type ClockRule, type LegalBasis } from '../catalogue/clocks.ts';
import {
  addDays,
  dayInfo,
  describeDay,
  isWorkingDay,
  STATUTORY_MARK,
  uncoveredYears,
  weekdayLabel,
  type Calendar,
  type DayInfo,
} from './calendar.ts';
import {
  countDays,
  countMonths,
  countSet,
  countWorkdays,
  type ClosedRange,
  type CountTrace,
} from './counting.ts';
import { isIsoDate } from './dates.ts';
import { UserError } from './errors.ts';

export { addMonths } from './counting.ts';

/** An extension granted on `date` (延长), in the rule's unit. */
export interface Extension {
  readonly date: string;
  readonly amount: number;
  readonly reason: string;
}

/** Time not counted (征求第三方意见期间): days after `from` up to and including `to`. */
export interface Suspension {
  readonly from: string;
  /** Null while the suspension lasts; counted up to `asOf` meanwhile. */
  readonly to: string | null;
  readonly reason: string;
}

export interface DeadlineInput {
  readonly rule: ClockRule;
  /** The working calendar the period is counted in. */
  readonly calendar: Calendar;
  /** The day of the event the period runs from; not itself counted (民法典 第201条). */
  readonly start: string;
  /** For `set` rules: the date fixed in the document. */
  readonly setDue?: string;
  readonly extensions?: readonly Extension[];
  readonly suspensions?: readonly Suspension[];
  /** When the clock was restarted (补正), the original start date and why. */
  readonly restarted?: { readonly originalStart: string; readonly reason: string };
  /** Today, for an open suspension. */
  readonly asOf?: string;
}

export interface DeadlineShift {
  /** The period's last day as counted. */
  readonly from: string;
  /** The working day it moves to. */
  readonly to: string;
  /** The rest days passed over. */
  readonly over: readonly DayInfo[];
}

/** A computed deadline that explains itself. */
export interface Deadline {
  readonly ruleId: string;
  readonly label: string;
  readonly kind: ClockRule['kind'];
  readonly unit: ClockRule['unit'];
  /** The statutory period, before extensions. */
  readonly amount: number;
  /** The period counted, extensions included. */
  readonly total: number;
  readonly start: string;
  /** The last day of the period (YYYY-MM-DD). */
  readonly due: string;
  /** `信访工作条例 第31条、第34条`. */
  readonly basis: string;
  readonly bases: readonly LegalBasis[];
  readonly extensions: readonly Extension[];
  readonly suspensions: readonly Suspension[];
  /** Holidays and make-up workdays between the start and the due date. */
  readonly holidays: readonly DayInfo[];
  readonly makeupDays: readonly DayInfo[];
  /** The end-of-period shift (民法典 第203条), if any. */
  readonly shift: DeadlineShift | null;
  /** The explanation, one Chinese sentence a step. */
  readonly steps: readonly string[];
  /** Problems with the result (years without an official arrangement, an open suspension). */
  readonly warnings: readonly string[];
  /**
   * `statutory-only` when a year between the start and the due date has no official arrangement:
   * its holidays are the statutory ones (全国年节及纪念日放假办法), its 调休 unknown.
   */
  readonly calendarBasis: 'official' | 'statutory-only';
  /** “按法定节日推算，未含调休” for a statutory-only result, shown beside the due date; else null. */
  readonly mark: string | null;
  /** True while a suspension is open: the due date moves with every day it lasts. */
  readonly paused: boolean;
}

/** Why a deadline cannot be computed: a Chinese message and a stable code. */
export interface DeadlineProblem {
  readonly message: string;
  readonly code: string;
}

const problem = (message: string, code: string): DeadlineProblem => ({ message, code });

function badDate(label: string, d: string): DeadlineProblem | null {
  return isIsoDate(d) ? null : problem(`${label}“${d}”不是有效日期，应为 YYYY-MM-DD`, 'bad_date');
}

/** The first reason the input cannot be computed (dates, extension limits, suspensions), or null. */
export function checkDeadlineInput(input: DeadlineInput): DeadlineProblem | null {
  const { rule, start } = input;
  const u = unitLabels[rule.unit];
  const startProblem = badDate('起算日期', start);
  if (startProblem) return startProblem;
  const extensions = input.extensions ?? [];
  if (extensions.length > 0) {
    const ext = rule.extension;
    if (!ext) return problem(`${rule.label}依法不能延长`, 'no_extension');
    if (extensions.length > ext.times)
      return problem(`${rule.label}只能延长${ext.times}次（${basisText([ext.basis])}）`, 'extension_limit');
    for (const e of extensions) {
      const p = badDate('延长日期', e.date);
      if (p) return p;
      if (!Number.isInteger(e.amount) || e.amount <= 0)
        return problem(`延长期限应为正整数，收到“${e.amount}”`, 'bad_extension');
      if (e.amount > ext.max)
        return problem(
          `${rule.label}最多延长${ext.max}${u}，不能延长${e.amount}${u}（${basisText([ext.basis])}）`,
          'extension_limit',
        );
    }
  }
  const suspensions = input.suspensions ?? [];
  for (const s of suspensions) {
    const p = badDate('暂停开始日期', s.from) ?? (s.to === null ? null : badDate('暂停结束日期', s.to));
    if (p) return p;
    if (s.from < start) return problem(`暂停开始日期（${s.from}）不能早于起算日期（${start}）`, 'date_order');
    if (s.to !== null && s.to < s.from)
      return problem(`暂停结束日期（${s.to}）不能早于暂停开始日期（${s.from}）`, 'date_order');
  }
  if (suspensions.length > 0 && !rule.suspension)
    return problem(`${rule.label}依法没有不计入期限的期间`, 'no_suspension');
  if (rule.unit === 'set') {
    if (!input.setDue) return problem(`${rule.label}须给出文书载明的期限日期`, 'missing_due');
    const p = badDate('期限日期', input.setDue);
    if (p) return p;
    if (input.setDue < start)
      return problem(`期限日期（${input.setDue}）不能早于起始日期（${start}）`, 'date_order');
  }
  return null;
}

/** Suspensions as counted: an open one runs to `asOf` (today), and at least to its own first day. */
function closedRanges(input: DeadlineInput): ClosedRange[] {
  return (input.suspensions ?? []).map((s) => ({
    from: s.from,
    to: s.to ?? (input.asOf && input.asOf > s.from ? input.asOf : s.from),
  }));
}

function count(input: DeadlineInput, total: number, ranges: readonly ClosedRange[]): CountTrace {
  switch (input.rule.unit) {
    case 'set':
      // checkDeadlineInput has required setDue for `set` rules.
      return countSet(input.start, input.setDue ?? input.start);
    case 'day':
      return countDays(input.calendar, input.start, total, ranges);
    case 'workday':
      return countWorkdays(input.calendar, input.start, total, ranges);
    case 'month':
      return countMonths(input.start, total, ranges);
  }
}

/** The counted last day after 民法典 第203条, and whether it stood because it is a make-up workday. */
interface Shifted {
  readonly due: string;
  readonly shift: DeadlineShift | null;
  readonly standsOnMakeup: boolean;
}

// 民法典 第203条: a period whose last day is a rest day ends on the first working day after it;
// a last day that is a make-up workday is a working day and stands. A fixed date is not a counted
// period, and a working-day count ends on a working day by construction.
function shiftToWorkingDay(cal: Calendar, trace: CountTrace): Shifted {
  const end = trace.end;
  switch (trace.unit) {
    case 'set':
    case 'workday':
      return { due: end, shift: null, standsOnMakeup: false };
    case 'day':
    case 'month': {
      const over: DayInfo[] = [];
      let due = end;
      while (!isWorkingDay(cal, due)) {
        over.push(dayInfo(cal, due));
        due = addDays(due, 1);
      }
      if (over.length > 0) return { due, shift: { from: end, to: due, over }, standsOnMakeup: false };
      return { due: end, shift: null, standsOnMakeup: dayInfo(cal, end).type === 'makeup' };
    }
  }
}

/** Holidays and make-up workdays after the start up to the due date, and years without an arrangement. */
interface Survey {
  readonly holidays: DayInfo[];
  readonly makeupDays: DayInfo[];
  readonly uncoveredYears: number[];
}

function survey(cal: Calendar, start: string, due: string): Survey {
  const holidays: DayInfo[] = [];
  const makeupDays: DayInfo[] = [];
  for (let d = addDays(start, 1); d <= due; d = addDays(d, 1)) {
    const info = dayInfo(cal, d);
    if (info.type === 'holiday') holidays.push(info);
    if (info.type === 'makeup') makeupDays.push(info);
  }
  return { holidays, makeupDays, uncoveredYears: uncoveredYears(cal, start, due) };
}

/** Runs of consecutive holidays of the same name: “国庆节假期 2024-10-01至2024-10-07”. */
function holidayRuns(hs: readonly DayInfo[]): string[] {
  const runs: { name: string; from: string; to: string }[] = [];
  for (const h of hs) {
    const last = runs[runs.length - 1];
    if (last && last.name === (h.holiday ?? '') && addDays(last.to, 1) === h.date) last.to = h.date;
    else runs.push({ name: h.holiday ?? '', from: h.date, to: h.date });
  }
  return runs.map((r) => `${r.name}假期${r.from === r.to ? r.from : `${r.from}至${r.to}`}`);
}

/** The sentences for the count itself: the start, extensions, the unit's counting, time not counted. */
function explainCount(
  input: DeadlineInput,
  trace: CountTrace,
  total: number,
  ranges: readonly ClosedRange[],
): string[] {
  const { rule, start } = input;
  const u = unitLabels[rule.unit];
  const extBasis = rule.extension ? basisText([rule.extension.basis]) : '';
  const extSteps = (input.extensions ?? []).map(
    (e) =>
      `延长：${e.date}延长${e.amount}${u}（理由：${e.reason || '未说明'}；依据：${extBasis}），合计${total}${u}。`,
  );
  switch (trace.unit) {
    case 'set':
      return [
        `起始：${start}（${weekdayLabel(start)}）；期限由文书载明为${trace.end}（${weekdayLabel(trace.end)}），不另行计算。`,
        ...extSteps,
      ];
    case 'month':
      return [
        `起算：${start}（${weekdayLabel(start)}）；依民法典第201条，开始的当日不计入。`,
        ...extSteps,
        `按月计算：依民法典第202条，到期月的对应日为期间的最后一日（没有对应日的为月末日），即${trace.monthEnd}。`,
        ...(trace.extra > 0 ? [`扣除不计入期间${trace.extra}日，最后一日为${trace.end}。`] : []),
      ];
    case 'day':
    case 'workday': {
      const counted =
        trace.unit === 'workday'
          ? `按工作日计算：${[
              `不计周末${trace.weekends}日`,
              `法定节假日${trace.holidays}日`,
              ...(trace.makeups > 0 ? [`计入调休上班日${trace.makeups}日`] : []),
            ].join('、')}，第${total}个工作日为${trace.end}（${weekdayLabel(trace.end)}）。`
          : `按日计算：第${total}日为${trace.end}（${weekdayLabel(trace.end)}）。`;
      const suspBasis = rule.suspension ? basisText([rule.suspension.basis]) : '';
      const notCounted = (input.suspensions ?? []).map(
        (s, i) =>
          `不计入：${s.from}次日至${s.to ?? ranges[i]?.to ?? s.from}${s.to === null ? '（尚未结束，暂计至今日）' : ''}${s.reason ? `，${s.reason}` : ''}（依据：${suspBasis}）。`,
      );
      const { days, workdays } = trace.suspended;
      return [
        `起算：${start}（${weekdayLabel(start)}）；依民法典第201条，开始的当日不计入，自${addDays(start, 1)}起算。`,
        ...extSteps,
        counted,
        ...notCounted,
        ...(days > 0
          ? [
              `上述期间共${days}日${trace.unit === 'workday' ? `（其中工作日${workdays}日）` : ''}不计入期限。`,
            ]
          : []),
      ];
    }
  }
}

/** The whole explanation, one Chinese sentence a step, in the order the law applies them. */
function explain(
  input: DeadlineInput,
  trace: CountTrace,
  total: number,
  ranges: readonly ClosedRange[],
  shifted: Shifted,
  seen: Survey,
): string[] {
  const { rule } = input;
  const steps: string[] = [];
  if (input.restarted) {
    steps.push(
      `重新起算：原自${input.restarted.originalStart}起算；${input.restarted.reason}，依${rule.restart ? basisText([rule.restart.basis]) : '法'}，自${input.start}重新起算。`,
    );
  }
  steps.push(
    `期间：${rule.label}，${rule.from}${periodText(rule.unit, rule.amount)}（依据：${basisText(rule.basis)}）${rule.guideline ? '；此为工作规范要求，非法定期限' : ''}。`,
    ...explainCount(input, trace, total, ranges),
  );
  if (shifted.shift) {
    const { to, over } = shifted.shift;
    steps.push(
      `顺延：期间最后一日${over[0] ? describeDay(over[0]) : ''}，依民法典第203条，以休息日、法定节假日的次日为最后一日，顺延至${to}（${weekdayLabel(to)}）。`,
    );
  } else if (shifted.standsOnMakeup) {
    steps.push(`期间最后一日${describeDay(dayInfo(input.calendar, shifted.due))}，是工作日，不顺延。`);
  }
  if (seen.holidays.length > 0) steps.push(`期间经过：${holidayRuns(seen.holidays).join('；')}。`);
  if (seen.makeupDays.length > 0)
    steps.push(
      `期间经过调休上班日：${seen.makeupDays.map((m) => `${m.date}（${weekdayLabel(m.date)}，${m.holiday ?? ''}调休）`).join('、')}${rule.unit === 'workday' ? '，按工作日计入' : ''}。`,
    );
  steps.push(
    `届满：${shifted.due}（${weekdayLabel(shifted.due)}）${rule.kind === 'minimum' ? '，此前不得结束该程序' : ''}。`,
  );
  return steps;
}

function warningsOf(seen: Survey, paused: boolean): string[] {
  const out = seen.uncoveredYears.map(
    (y) =>
      `${y}年不在节假日日历范围内（尚无国务院办公厅公布的当年放假安排）：${STATUTORY_MARK}。该年按全国年节及纪念日放假办法的法定节日计算，调休上班日和连休未计入，公布安排后请由系统管理员导入（fazhi calendar import），期限将重新计算。`,
  );
  if (paused) out.push('期限暂停中：暂停结束前，届满日期随暂停天数顺延。');
  return out;
}

/**
 * Deadlines already computed, per calendar and rule: a deadline is a pure function of its input, and
 * lists and dashboards recompute the same open cases' clocks after every write. A calendar change
 * builds a new calendar object, so its entries are never read again. Bounded per rule.
 */
const computed = new WeakMap<Calendar, WeakMap<ClockRule, Map<string, Deadline>>>();
const COMPUTED_PER_RULE = 20_000;

/** Computes a clock's due date and the explanation of how it was reached; invalid input is a UserError. */
export function computeDeadline(input: DeadlineInput): Deadline {
  let byRule = computed.get(input.calendar);
  if (!byRule) computed.set(input.calendar, (byRule = new WeakMap<ClockRule, Map<string, Deadline>>()));
  let memo = byRule.get(input.rule);
  if (!memo) byRule.set(input.rule, (memo = new Map<string, Deadline>()));
  const key = JSON.stringify([
    input.start,
    input.setDue,
    input.extensions,
    input.suspensions,
    input.restarted,
    input.asOf,
  ]);
  const known = memo.get(key);
  if (known) return known;
  const d = deadlineOf(input);
  if (memo.size >= COMPUTED_PER_RULE) memo.clear();
  memo.set(key, d);
  return d;
}

function deadlineOf(input: DeadlineInput): Deadline {
  const p = checkDeadlineInput(input);
  if (p) throw new UserError(p.message, p.code);
  const { rule } = input;
  const extensions = input.extensions ?? [];
  const suspensions = input.suspensions ?? [];
  const total = rule.amount + extensions.reduce((s, e) => s + e.amount, 0);
  const ranges = closedRanges(input);
  const paused = suspensions.some((s) => s.to === null);

  const trace = count(input, total, ranges);
  const shifted = shiftToWorkingDay(input.calendar, trace);
  const seen = survey(input.calendar, input.start, shifted.due);

  return {
    ruleId: rule.id,
    label: rule.label,
    kind: rule.kind,
    unit: rule.unit,
    amount: rule.amount,
    total,
    start: input.start,
    due: shifted.due,
    basis: basisText(rule.basis),
    bases: rule.basis,
    extensions,
    suspensions,
    holidays: seen.holidays,
    makeupDays: seen.makeupDays,
    shift: shifted.shift,
    steps: explain(input, trace, total, ranges, shifted, seen),
    warnings: warningsOf(seen, paused),
    calendarBasis: seen.uncoveredYears.length > 0 ? 'statutory-only' : 'official',
    mark: seen.uncoveredYears.length > 0 ? STATUTORY_MARK : null,
    paused,
  };
}
