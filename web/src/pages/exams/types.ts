/** The answers of /api/exams as the exam API declares them, and how the pages word them. */
import type { ExamDisplay, PaperMode, QuestionType } from '../../../../src/catalogue/questions.ts';

export type MyExamStatus =
  'upcoming' | 'open' | 'in_progress' | 'submitted' | 'missed' | 'makeup_open' | 'closed';
export type Grade = 'excellent' | 'pass' | 'fail';

export interface ExamWindow {
  readonly opensAt: string;
  readonly closesAt: string;
}

/** One exam of GET /api/exams/mine: the signed-in person's own. */
export interface MyExam extends ExamWindow {
  readonly id: number;
  readonly title: string;
  readonly organiser: string;
  readonly durationMin: number;
  readonly display: ExamDisplay;
  readonly questionCount: number;
  readonly total: number;
  readonly passMark: number;
  readonly status: MyExamStatus;
  readonly makeup: ExamWindow | null;
  readonly result: { score: number; grade: Grade; gradeLabel: string; submittedAt: string } | null;
}

export interface SittingQuestion {
  readonly position: number;
  readonly type: QuestionType;
  readonly law: string;
  readonly stem: string;
  readonly options: readonly string[];
  readonly points: number;
}

/** POST /api/exams/:id/sittings: the paper as drawn for this person, never its answer key. */
export interface Sitting {
  readonly sittingId: number;
  readonly token: string;
  readonly title: string;
  readonly display: ExamDisplay;
  readonly total: number;
  readonly attempt: number;
  readonly deadlineAt: string;
  readonly remainingSeconds: number;
  readonly questions: readonly SittingQuestion[];
  readonly answers: Readonly<Record<string, readonly number[]>>;
}

export interface ReviewItem {
  readonly position: number;
  readonly type: QuestionType;
  readonly law: string;
  readonly stem: string;
  readonly options: readonly string[];
  readonly given: readonly number[];
  readonly answer: readonly number[];
  readonly right: boolean;
  readonly article: string;
  readonly note: string | null;
}

export interface ExamResult {
  readonly score: number;
  readonly grade: Grade;
  readonly gradeLabel: string;
  readonly total: number;
  readonly passMark: number;
  readonly submittedAt: string;
  readonly submittedHow: 'submitted' | 'timeout';
  /** Only once the window (and the make-up window) has closed. */
  readonly review: readonly ReviewItem[] | null;
}

export interface ExamRule {
  readonly law: string;
  readonly type: QuestionType;
  readonly count: number;
  readonly points: number;
}

/** A row of GET /api/exams. */
export interface ExamSummary extends ExamWindow {
  readonly id: number;
  readonly title: string;
  readonly organiser: string;
  readonly orgId: number;
  readonly state: 'open' | 'closed';
  readonly required: number;
  readonly sat: number;
  readonly passed: number;
}

export type CandidateStatus = 'not_started' | 'in_progress' | 'submitted';

export interface ExamDetail extends ExamWindow {
  readonly id: number;
  readonly title: string;
  readonly orgId: number;
  readonly organiser: string;
  readonly durationMin: number;
  readonly display: ExamDisplay;
  readonly mode: PaperMode;
  readonly rules: readonly ExamRule[];
  readonly total: number;
  readonly passMark: number;
  readonly excellentMark: number;
  readonly makeup: ExamWindow | null;
  readonly state: 'open' | 'closed';
  readonly required: number;
  readonly candidates: readonly {
    userId: number;
    name: string;
    unit: string | null;
    township: string;
    status: CandidateStatus;
    score: number | null;
    grade: Grade | null;
  }[];
}

/** GET /api/exams/:id/results. */
export interface ExamResults {
  readonly required: number;
  readonly sat: number;
  readonly passed: number;
  readonly excellent: number;
  readonly distribution: readonly { band: string; n: number }[];
  readonly wrong: readonly {
    questionId: number;
    code: string;
    law: string;
    stem: string;
    article: string;
    asked: number;
    wrong: number;
  }[];
  readonly notSat: readonly { name: string; unit: string | null; township: string }[];
}

/** The sitter's status as a tag. */
export const STATUS_TAGS: Readonly<Record<MyExamStatus, { label: string; color: string }>> = {
  upcoming: { label: '未开始', color: 'default' },
  open: { label: '可作答', color: 'blue' },
  in_progress: { label: '进行中', color: 'processing' },
  submitted: { label: '已交卷', color: 'green' },
  missed: { label: '缺考', color: 'red' },
  makeup_open: { label: '补考中', color: 'orange' },
  closed: { label: '已结束', color: 'default' },
};

export const CANDIDATE_STATUS: Readonly<Record<CandidateStatus, { label: string; color: string }>> = {
  not_started: { label: '未参考', color: 'default' },
  in_progress: { label: '作答中', color: 'processing' },
  submitted: { label: '已交卷', color: 'green' },
};

export const GRADE_COLORS: Readonly<Record<Grade, string>> = {
  excellent: 'gold',
  pass: 'green',
  fail: 'red',
};

export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  excellent: '优秀',
  pass: '合格',
  fail: '不合格',
};

/** An instant as it reads in China: 2025-03-05 10:00. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A window in one line; the end's date is left out when it is the start's day. */
export function windowText(w: ExamWindow): string {
  const a = chinaTime(w.opensAt);
  const b = chinaTime(w.closesAt);
  return `${a} 至 ${b.slice(0, 10) === a.slice(0, 10) ? b.slice(11) : b}`;
}

/** Seconds as 时:分:秒 (or 分:秒 under an hour). */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

/** Where an exam stands: 未开始 before its window, 进行中 in it, 待结束 after it until closed. */
export function examStage(e: { state: string; opensAt: string; closesAt: string }): {
  label: string;
  color: string;
} {
  if (e.state === 'closed') return { label: '已结束', color: 'default' };
  const now = Date.now();
  if (now < Date.parse(e.opensAt)) return { label: '未开始', color: 'default' };
  if (now <= Date.parse(e.closesAt)) return { label: '进行中', color: 'processing' };
  return { label: '待结束', color: 'orange' };
}
