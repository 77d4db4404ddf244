import { findLaw, lawLabel } from '../../catalogue/laws.ts';
import {
  EXAM_DISPLAYS,
  PAPER_MODES,
  QUESTION_TYPES,
  type ExamDisplay,
  type PaperMode,
  type QuestionType,
} from '../../catalogue/questions.ts';
import { UserError } from '../../core/errors.ts';
import { paperTotal, questionCount, roundPoints, type PaperRule } from './paper.ts';

/** An exam as an organiser sends it (the API's body; the CLI's file names the organiser instead). */
export interface ExamInput {
  readonly orgId: number;
  readonly title: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly durationMin: number;
  readonly display: string;
  readonly mode: string;
  readonly rules: readonly { law: string; type: string; count: number; points: number }[];
  readonly passMark: number;
  readonly excellentMark: number;
  readonly makeup?: { opensAt: string; closesAt: string } | null;
  readonly candidates:
    | { readonly orgIds: readonly number[]; readonly roles: readonly string[] }
    | { readonly usernames: readonly string[] };
}

/** The exam's settings once checked: instants in the server's ISO form, law ids, total. */
export interface CheckedExam {
  readonly title: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly durationMin: number;
  readonly display: ExamDisplay;
  readonly mode: PaperMode;
  readonly rules: PaperRule[];
  readonly total: number;
  readonly passMark: number;
  readonly excellentMark: number;
  readonly makeup: { opensAt: string; closesAt: string } | null;
}

/** Limits of a paper: the ledger's 考试成绩 holds scores up to 150 (kinds.ts). */
export const MAX_TOTAL = 150;
export const MAX_QUESTIONS = 300;
export const MIN_DURATION = 5;
export const MAX_DURATION = 240;

const bad = (message: string) => new UserError(message, 'invalid_exam', 400);

function instant(v: unknown, label: string): string {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  // A date without a time would be read as UTC midnight, 08:00 in China: ask for the time.
  if (Number.isNaN(t) || typeof v !== 'string' || !/T\d{2}:\d{2}/.test(v))
    throw bad(`${label}应为带时区的日期时间，如 2025-06-01T09:00:00+08:00`);
  return new Date(t).toISOString();
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const oneDecimal = (n: number): boolean => Math.abs(roundPoints(n) - n) < 1e-9;

function checkRules(input: unknown): PaperRule[] {
  if (!Array.isArray(input) || input.length === 0)
    throw bad('请至少设置一条组卷规则（法律、题型、题数、每题分值）');
  if (input.length > 50) throw bad('组卷规则不超过 50 条');
  const seen = new Set<string>();
  return input.map((r: unknown, i) => {
    const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const where = `第 ${i + 1} 条组卷规则`;
    const law = typeof o.law === 'string' ? findLaw(o.law) : undefined;
    if (!law) throw bad(`${where}：法律“${typeof o.law === 'string' ? o.law : ''}”不在法律目录中`);
    const type = o.type as QuestionType;
    if (typeof o.type !== 'string' || !(o.type in QUESTION_TYPES))
      throw bad(`${where}：题型应为${Object.values(QUESTION_TYPES).join('、')}之一`);
    const count = num(o.count);
    if (!Number.isInteger(count) || count < 1 || count > 200) throw bad(`${where}：题数应为 1 至 200 的整数`);
    const points = num(o.points);
    if (!(points > 0 && points <= 100) || !oneDecimal(points))
      throw bad(`${where}：每题分值应大于 0、不超过 100，最多一位小数`);
    const key = `${law.id}|${type}`;
    if (seen.has(key)) throw bad(`${where}：${lawLabel(law.id)}${QUESTION_TYPES[type]}已有一条规则，请合并`);
    seen.add(key);
    return { law: law.id, type, count, points };
  });
}

/** Checks everything about an exam but its candidates and the bank (which need the database). */
export function checkExam(input: ExamInput, now: string): CheckedExam {
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (title === '') throw bad('请填写考试名称');
  if (title.length > 200) throw bad('考试名称不超过 200 字');
  const opensAt = instant(input.opensAt, '开始时间');
  const closesAt = instant(input.closesAt, '结束时间');
  if (opensAt >= closesAt) throw bad('考试结束时间应晚于开始时间');
  if (closesAt <= now) throw bad('考试结束时间已过，请重新设置考试时间');
  const durationMin = num(input.durationMin);
  if (!Number.isInteger(durationMin) || durationMin < MIN_DURATION || durationMin > MAX_DURATION)
    throw bad(`考试时长应为 ${MIN_DURATION} 至 ${MAX_DURATION} 分钟的整数`);
  const windowMin = (Date.parse(closesAt) - Date.parse(opensAt)) / 60_000;
  if (durationMin > windowMin)
    throw bad(`考试时长 ${durationMin} 分钟超过了考试时间段（${Math.floor(windowMin)} 分钟）`);
  if (!(input.display in EXAM_DISPLAYS)) throw bad(`作答方式应为${Object.values(EXAM_DISPLAYS).join('或')}`);
  if (!(input.mode in PAPER_MODES)) throw bad(`组卷方式应为${Object.values(PAPER_MODES).join('或')}`);
  const rules = checkRules(input.rules);
  if (questionCount(rules) > MAX_QUESTIONS) throw bad(`一份试卷不超过 ${MAX_QUESTIONS} 题`);
  const total = paperTotal(rules);
  if (total > MAX_TOTAL) throw bad(`试卷总分 ${total} 分超过了 ${MAX_TOTAL} 分（考试成绩台账的上限）`);
  const passMark = num(input.passMark);
  const excellentMark = num(input.excellentMark);
  if (!(passMark > 0) || !(passMark <= excellentMark) || !(excellentMark <= total))
    throw bad(`分数线应满足 0 < 合格分 ≤ 优秀分 ≤ 总分（${total} 分）`);
  let makeup: CheckedExam['makeup'] = null;
  if (input.makeup) {
    const m = {
      opensAt: instant(input.makeup.opensAt, '补考开始时间'),
      closesAt: instant(input.makeup.closesAt, '补考结束时间'),
    };
    if (m.opensAt < closesAt) throw bad('补考应在正式考试结束之后开始');
    if (m.opensAt >= m.closesAt) throw bad('补考结束时间应晚于补考开始时间');
    if ((Date.parse(m.closesAt) - Date.parse(m.opensAt)) / 60_000 < durationMin)
      throw bad(`补考时间段短于考试时长 ${durationMin} 分钟`);
    makeup = m;
  }
  return {
    title,
    opensAt,
    closesAt,
    durationMin,
    display: input.display as ExamDisplay,
    mode: input.mode as PaperMode,
    rules,
    total,
    passMark,
    excellentMark,
    makeup,
  };
}
