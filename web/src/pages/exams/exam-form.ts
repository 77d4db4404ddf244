/** The 新建考试 form's values and how they become the body of POST /api/exams. */
import dayjs, { type Dayjs } from 'dayjs';
import type { ExamDisplay, PaperMode, QuestionType } from '../../../../src/catalogue/questions.ts';
import type { Org } from '../../api/types.ts';

export interface RuleRow {
  law: string;
  type: QuestionType;
  count: number;
  points: number;
}

export interface ExamFormValues {
  orgId: number;
  title: string;
  window: [Dayjs, Dayjs];
  durationMin: number;
  display: ExamDisplay;
  mode: PaperMode;
  rules: RuleRow[];
  passMark: number;
  excellentMark: number;
  hasMakeup: boolean;
  makeup?: [Dayjs, Dayjs];
  by: 'org' | 'list';
  orgIds?: number[];
  roles?: string[];
  usernames?: string;
}

/** The roles that sit exams (every business role), in the catalogue's order. */
export const SITTING_ROLES = [
  'county_officer',
  'township_leader',
  'township_staff',
  'legal_adviser',
  'grid_member',
];

/**
 * A picked date and time read as China time (UTC+8), whatever the browser's time zone, as an ISO
 * instant: the picker shows wall-clock times and a township's exam runs on Beijing time.
 */
export function chinaInstant(d: Dayjs): string {
  return new Date(`${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`).toISOString();
}

/** Now in China as a picker value (wall clock), to the minute. */
export function chinaNow(): Dayjs {
  return dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16));
}

export const ruleTotal = (rules: readonly Partial<RuleRow>[] | undefined): number =>
  (rules ?? []).reduce((n, r) => n + (r?.count ?? 0) * (r?.points ?? 0), 0);

/** Usernames from a pasted list: one a line, or separated by commas, 顿号 or spaces. */
export const usernamesOf = (text: string | undefined): string[] => [
  ...new Set((text ?? '').split(/[\s,，、;；]+/).filter(Boolean)),
];

export function examBody(v: ExamFormValues) {
  return {
    orgId: v.orgId,
    title: v.title.trim(),
    opensAt: chinaInstant(v.window[0]),
    closesAt: chinaInstant(v.window[1]),
    durationMin: v.durationMin,
    display: v.display,
    mode: v.mode,
    rules: v.rules.map((r) => ({ law: r.law, type: r.type, count: r.count, points: r.points })),
    passMark: v.passMark,
    excellentMark: v.excellentMark,
    ...(v.hasMakeup && v.makeup
      ? { makeup: { opensAt: chinaInstant(v.makeup[0]), closesAt: chinaInstant(v.makeup[1]) } }
      : {}),
    candidates:
      v.by === 'list'
        ? { usernames: usernamesOf(v.usernames) }
        : { orgIds: v.orgIds ?? [], roles: v.roles ?? [] },
  };
}

export interface OrgNode {
  readonly value: number;
  readonly title: string;
  readonly children: OrgNode[];
}

/** The organisations in scope as a tree (the roots are those whose parent lies outside it). */
export function orgTree(all: readonly Org[], parent: number | null = null): OrgNode[] {
  const ids = new Set(all.map((o) => o.id));
  const here =
    parent === null
      ? all.filter((o) => o.parentId === null || !ids.has(o.parentId))
      : all.filter((o) => o.parentId === parent);
  return here.map((o) => ({ value: o.id, title: o.name, children: orgTree(all, o.id) }));
}
