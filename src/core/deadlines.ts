/**
 * Deadline arithmetic for statutory clocks. Pure: the rule, the start date and the clock's history
 * (extensions, suspensions) go in; the due date comes out with every step that produced it.
 *
 * Counting follows 民法典 第201–203条 (the general rule for 期间) unless the rule says otherwise.
 */
import { basisText, periodText, unitLabels, type ClockRule, type LegalBasis } from '../catalogue/clocks.ts';
import {
  addDays,
  CALENDAR_YEARS,
  coversYear,
  dayInfo,
  describeDay,
  isWorkingDay,
  weekdayLabel,
  type DayInfo,
} from './calendar.ts';
import { isIsoDate } from './dates.ts';
import { UserError } from './errors.ts';

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
  /** Problems with the result (dates outside the holiday calendar, an open suspension). */
  readonly warnings: readonly string[];
  /** True while a suspension is open: the due date moves with every day it lasts. */
  readonly paused: boolean;
}

function checkDate(label: string, d: string): void {
  if (!isIsoDate(d)) throw new UserError(`${label}“${d}”不是有效日期，应为 YYYY-MM-DD`, 'bad_date');
}

function inSuspension(d: string, ss: readonly { from: string; to: string }[]): boolean {
  return ss.some((s) => d > s.from && d <= s.to);
}

/** Adds `n` months: the corresponding day of the final month, or its last day (民法典 第202条). */
export function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const d = Number(iso.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
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

/** Computes a clock's due date and the explanation of how it was reached. */
export function computeDeadline(input: DeadlineInput): Deadline {
  const { rule, start } = input;
  checkDate('起算日期', start);
  const u = unitLabels[rule.unit];
  const steps: string[] = [];
  const warnings: string[] = [];
  const extensions = input.extensions ?? [];
  const suspensions = input.suspensions ?? [];

  if (extensions.length > 0) {
    const ext = rule.extension;
    if (!ext) throw new UserError(`${rule.label}依法不能延长`, 'no_extension');
    if (extensions.length > ext.times)
      throw new UserError(
        `${rule.label}只能延长${ext.times}次（${basisText([ext.basis])}）`,
        'extension_limit',
      );
    for (const e of extensions) {
      checkDate('延长日期', e.date);
      if (!Number.isInteger(e.amount) || e.amount <= 0)
        throw new UserError(`延长期限应为正整数，收到“${e.amount}”`, 'bad_extension');
      if (e.amount > ext.max)
        throw new UserError(
          `${rule.label}最多延长${ext.max}${u}，不能延长${e.amount}${u}（${basisText([ext.basis])}）`,
          'extension_limit',
        );
    }
  }
  let paused = false;
  const closed = suspensions.map((s) => {
    checkDate('暂停开始日期', s.from);
    if (s.to !== null) checkDate('暂停结束日期', s.to);
    if (s.from < start)
      throw new UserError(`暂停开始日期（${s.from}）不能早于起算日期（${start}）`, 'date_order');
    if (s.to !== null && s.to < s.from)
      throw new UserError(`暂停结束日期（${s.to}）不能早于暂停开始日期（${s.from}）`, 'date_order');
    if (s.to === null) paused = true;
    return { from: s.from, to: s.to ?? (input.asOf && input.asOf > s.from ? input.asOf : s.from) };
  });
  if (suspensions.length > 0 && !rule.suspension)
    throw new UserError(`${rule.label}依法没有不计入期限的期间`, 'no_suspension');

  if (input.restarted) {
    steps.push(
      `重新起算：原自${input.restarted.originalStart}起算；${input.restarted.reason}，依${rule.restart ? basisText([rule.restart.basis]) : '法'}，自${start}重新起算。`,
    );
  }
  steps.push(
    `期间：${rule.label}，${rule.from}${periodText(rule.unit, rule.amount)}（依据：${basisText(rule.basis)}）${rule.guideline ? '；此为工作规范要求，非法定期限' : ''}。`,
  );

  const total = rule.amount + extensions.reduce((s, e) => s + e.amount, 0);
  const extSteps = extensions.map(
    (e) =>
      `延长：${e.date}延长${e.amount}${u}（理由：${e.reason || '未说明'}；依据：${basisText([rule.extension!.basis])}），合计${total}${u}。`,
  );

  let end: string;
  let counted = 0;
  if (rule.unit === 'set') {
    if (!input.setDue) throw new UserError(`${rule.label}须给出文书载明的期限日期`, 'missing_due');
    checkDate('期限日期', input.setDue);
    if (input.setDue < start)
      throw new UserError(`期限日期（${input.setDue}）不能早于起始日期（${start}）`, 'date_order');
    end = input.setDue;
    steps.push(
      `起始：${start}（${weekdayLabel(start)}）；期限由文书载明为${end}（${weekdayLabel(end)}），不另行计算。`,
      ...extSteps,
    );
  } else if (rule.unit === 'month') {
    steps.push(`起算：${start}（${weekdayLabel(start)}）；依民法典第201条，开始的当日不计入。`, ...extSteps);
    end = addMonths(start, total);
    steps.push(
      `按月计算：依民法典第202条，到期月的对应日为期间的最后一日（没有对应日的为月末日），即${end}。`,
    );
    let extra = 0;
    for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (inSuspension(d, closed)) extra++;
    if (extra > 0) {
      end = addDays(end, extra);
      steps.push(`扣除不计入期间${extra}日，最后一日为${end}。`);
    }
  } else {
    steps.push(
      `起算：${start}（${weekdayLabel(start)}）；依民法典第201条，开始的当日不计入，自${addDays(start, 1)}起算。`,
      ...extSteps,
    );
    let d = start;
    let skippedSusp = 0;
    let skippedSuspWork = 0;
    let skippedWeekend = 0;
    let skippedHoliday = 0;
    let makeups = 0;
    while (counted < total) {
      d = addDays(d, 1);
      if (inSuspension(d, closed)) {
        skippedSusp++;
        if (isWorkingDay(d)) skippedSuspWork++;
        continue;
      }
      if (rule.unit === 'workday') {
        const info = dayInfo(d);
        if (info.type === 'weekend') {
          skippedWeekend++;
          continue;
        }
        if (info.type === 'holiday') {
          skippedHoliday++;
          continue;
        }
        if (info.type === 'makeup') makeups++;
      }
      counted++;
    }
    end = d;
    if (rule.unit === 'workday') {
      const parts = [`不计周末${skippedWeekend}日`, `法定节假日${skippedHoliday}日`];
      if (makeups > 0) parts.push(`计入调休上班日${makeups}日`);
      steps.push(`按工作日计算：${parts.join('、')}，第${total}个工作日为${end}（${weekdayLabel(end)}）。`);
    } else {
      steps.push(`按日计算：第${total}日为${end}（${weekdayLabel(end)}）。`);
    }
    for (const s of suspensions) {
      const to = s.to ?? closed[suspensions.indexOf(s)]!.to;
      steps.push(
        `不计入：${s.from}次日至${to}${s.to === null ? '（尚未结束，暂计至今日）' : ''}${s.reason ? `，${s.reason}` : ''}（依据：${rule.suspension ? basisText([rule.suspension.basis]) : ''}）。`,
      );
    }
    if (skippedSusp > 0) {
      steps.push(
        `上述期间共${skippedSusp}日${rule.unit === 'workday' ? `（其中工作日${skippedSuspWork}日）` : ''}不计入期限。`,
      );
    }
  }

  // 民法典 第203条: a period whose last day is a rest day ends on the first working day after it;
  // a last day that is a make-up workday is a working day and stands. A fixed date is not a counted period.
  let shift: DeadlineShift | null = null;
  if (rule.unit === 'day' || rule.unit === 'month') {
    const over: DayInfo[] = [];
    let due = end;
    while (!isWorkingDay(due)) {
      over.push(dayInfo(due));
      due = addDays(due, 1);
    }
    if (over.length > 0) {
      shift = { from: end, to: due, over };
      steps.push(
        `顺延：期间最后一日${describeDay(over[0]!)}，依民法典第203条，以休息日、法定节假日的次日为最后一日，顺延至${due}（${weekdayLabel(due)}）。`,
      );
      end = due;
    } else if (dayInfo(end).type === 'makeup') {
      steps.push(`期间最后一日${describeDay(dayInfo(end))}，是工作日，不顺延。`);
    }
  }

  const holidays: DayInfo[] = [];
  const makeupDays: DayInfo[] = [];
  const uncovered = new Set<number>();
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const info = dayInfo(d);
    if (!info.covered) uncovered.add(Number(d.slice(0, 4)));
    if (d === start) continue;
    if (info.type === 'holiday') holidays.push(info);
    if (info.type === 'makeup') makeupDays.push(info);
  }
  if (holidays.length > 0) steps.push(`期间经过：${holidayRuns(holidays).join('；')}。`);
  if (makeupDays.length > 0)
    steps.push(
      `期间经过调休上班日：${makeupDays.map((m) => `${m.date}（${weekdayLabel(m.date)}，${m.holiday ?? ''}调休）`).join('、')}${rule.unit === 'workday' ? '，按工作日计入' : ''}。`,
    );
  for (const y of [...uncovered].sort()) {
    warnings.push(
      `${y}年不在节假日日历范围（${CALENDAR_YEARS.from}—${CALENDAR_YEARS.to}年）内：该年只按周末计算，未计法定节假日和调休上班日，结果可能不准确，请按国务院办公厅公布的当年放假安排核对。`,
    );
  }
  if (paused) warnings.push('期限暂停中：暂停结束前，届满日期随暂停天数顺延。');
  steps.push(
    `届满：${end}（${weekdayLabel(end)}）${rule.kind === 'minimum' ? '，此前不得结束该程序' : ''}。`,
  );

  return {
    ruleId: rule.id,
    label: rule.label,
    kind: rule.kind,
    unit: rule.unit,
    amount: rule.amount,
    total,
    start,
    due: end,
    basis: basisText(rule.basis),
    bases: rule.basis,
    extensions,
    suspensions,
    holidays,
    makeupDays,
    shift,
    steps,
    warnings,
    paused,
  };
}

/** Whether the years a computation needs are in the calendar; for callers that check up front. */
export function calendarCovers(from: string, to: string): boolean {
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!coversYear(y)) return false;
  return true;
}
