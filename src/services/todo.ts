/**
 * 待办: one list of what needs doing, for every role within its own scope, most urgent first:
 * overdue and soon-due case clocks (with the township), activities missing evidence, reports
 * waiting for the user's step in the reporting cycle (签发, review, a return to rework), and the
 * user's last failed import. Administrators and the auditor see none of the business items.
 */
import { kinds } from '../catalogue/kinds.ts';
import { CYCLE_STATES, type CycleState } from '../catalogue/report-cycle.ts';
import { todayOf, yearPeriod } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import * as messages from '../db/messages.repo.ts';
import { allowedKinds, kindAllowed, permits, scopeOf, type Principal } from './access.ts';
import { dueCases, type DueItem } from './cases/due.ts';
import { cycleStatus } from './cycle.ts';
import { listVisibleRecords } from './ledger-writes.ts';
import { allOrgs, orgFilter, requireOrg, type Org } from './orgs.ts';
import { evidenceExpectedKinds } from './records.ts';

export const TODO_CATEGORIES = {
  overdue: '已逾期',
  due: '即将到期',
  report: '年度报告',
  evidence: '缺少佐证材料',
  import: '导入失败',
} as const;
export type TodoCategory = keyof typeof TODO_CATEGORIES;

/** One thing to do, and where in the web app it is done. */
export interface TodoItem {
  /** Stable per item and state (`case:12:lawsuit.answer:2024-05-01`). */
  readonly key: string;
  readonly category: TodoCategory;
  readonly title: string;
  /** What is due and when, in a line. */
  readonly detail: string;
  /** The kind of work: the case type, the ledger kind, 年度报告, 台账导入. */
  readonly typeLabel: string;
  readonly townshipId: number | null;
  readonly township: string | null;
  readonly due: string | null;
  /** Negative when overdue. */
  readonly daysLeft: number | null;
  /** The year the item belongs to (a report's year, a record's year), for the page it opens. */
  readonly year: number | null;
  readonly link: string;
}

export interface TodoList {
  readonly today: string;
  readonly days: number;
  readonly total: number;
  readonly counts: Readonly<Record<TodoCategory, number>>;
  readonly items: readonly TodoItem[];
}

/**
 * How grave a missed time limit of each case type is, for ordering items overdue by as many days:
 * a court's or a review body's limit (a default judgment, an unanswered review) first, then the
 * limits whose breach voids the act or is itself a breach of duty, then the township's own work.
 */
export const CASE_SEVERITY: Readonly<Record<string, number>> = {
  lawsuit: 9,
  review_response: 8,
  penalty: 7,
  disclosure_request: 6,
  petition: 5,
  major_decision: 4,
  legal_review: 3,
  inspection: 2,
  dispute: 1,
};
const severity = (type: string): number => CASE_SEVERITY[type] ?? 0;

/** Activities missing evidence listed (the count covers them all). */
const EVIDENCE_SHOWN = 50;
const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);
const kindLabel = new Map(kinds.map((k) => [k.id, k.label]));

/** Cycle states each step-taking right has to act on, and what the item asks. */
const CYCLE_WORK: readonly {
  state: CycleState;
  right: 'report.draft' | 'report.sign' | 'report.check';
  ask: string;
}[] = [
  { state: 'returned', right: 'report.draft', ask: '县依法治县办已退回，请修改后重新签发报送' },
  { state: 'signed', right: 'report.draft', ask: '已签发，待报送县依法治县办' },
  { state: 'awaiting_signature', right: 'report.sign', ask: '草稿待主要负责人签发' },
  { state: 'submitted', right: 'report.check', ask: '乡镇已报送，待审核' },
  { state: 'accepted', right: 'report.check', ask: '已通过审核，待保密审查' },
  { state: 'cleared', right: 'report.check', ask: '已保密审查，待公开' },
];

const CATEGORY_ORDER: readonly TodoCategory[] = ['overdue', 'due', 'report', 'import', 'evidence'];

/**
 * Urgency: overdue first, the graver case type first (a missed answer to a court is a default
 * judgment, a missed mediation period is not) and, within a type, the longest overdue first; then
 * due soonest (graver type first on the same day); then reports by their deadline, the last
 * failed import, and activities missing evidence.
 */
export function byUrgency(a: TodoItem & { severity?: number }, b: TodoItem & { severity?: number }): number {
  const c = CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category);
  if (c !== 0) return c;
  const s = (b.severity ?? 0) - (a.severity ?? 0);
  if (a.category === 'overdue' && s !== 0) return s;
  const d = (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity);
  if (d !== 0 && Number.isFinite(d)) return d;
  if (s !== 0) return s;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function caseItem(i: DueItem, township: string | null): TodoItem & { severity: number } {
  const when = i.overdue
    ? `${i.clockLabel}${i.due}届满，已逾期${-i.daysLeft}日`
    : i.daysLeft === 0
      ? `${i.clockLabel}今日（${i.due}）届满`
      : `${i.clockLabel}${i.due}届满，还有${i.daysLeft}日`;
  return {
    key: `case:${i.caseId}:${i.clock}:${i.due}`,
    category: i.overdue ? 'overdue' : 'due',
    title: i.title,
    detail: `${when}${i.paused ? '（期限暂停中）' : ''}；${i.stateLabel}${i.owner ? `，承办人：${i.owner}` : ''}`,
    typeLabel: i.typeLabel,
    townshipId: i.townshipId,
    township,
    due: i.due,
    daysLeft: i.daysLeft,
    year: Number(i.due.slice(0, 4)),
    link: `/cases?type=${i.type}&open=${i.caseId}`,
    severity: severity(i.type),
  };
}

/** The running limit clocks of the user's scope due within `days`, overdue ones included, readable kinds only. */
export async function dueForUser(
  h: Db,
  p: Principal,
  org: Org,
  days: number,
  now: string,
): Promise<DueItem[]> {
  if (!permits(p, 'cases.read')) return [];
  const items = await dueCases(h, org, days, now, scopeOf(p));
  return items.filter((i) => i.kind === 'limit' && kindAllowed(p.role, 'read', i.type));
}

async function reportItems(h: Db, p: Principal, today: string, now: string): Promise<TodoItem[]> {
  const work = CYCLE_WORK.filter((w) => permits(p, w.right));
  if (work.length === 0 || !permits(p, 'cycle.read')) return [];
  const year = Number(today.slice(0, 4));
  const out: TodoItem[] = [];
  // The report of the last full year is written in the first months; this year's may be begun early.
  for (const y of [year - 1, year]) {
    for (const r of await cycleStatus(h, p, y, now)) {
      const w = work.find((x) => x.state === r.state);
      if (!w) continue;
      out.push({
        key: `report:${r.townshipId}:${y}:${r.state}`,
        category: 'report',
        title: `${r.township}${y}年度法治政府建设情况报告`,
        detail: `${CYCLE_STATES[r.state]}：${w.ask}（${r.deadline}前公开${r.daysLeft < 0 ? '，已过期限' : ''}）`,
        typeLabel: '年度报告',
        townshipId: r.townshipId,
        township: r.township,
        due: r.deadline,
        daysLeft: r.daysLeft,
        year: y,
        link: permits(p, 'report.check') ? '/cycle' : '/report/cycle',
      });
    }
  }
  return out;
}

async function evidenceItems(
  h: Db,
  p: Principal,
  org: Org,
  year: number,
  names: ReadonlyMap<number, string>,
): Promise<{ total: number; items: TodoItem[] }> {
  if (!permits(p, 'records.read')) return { total: 0, items: [] };
  const readable = allowedKinds(p.role, 'read');
  const list = (readable ?? evidenceExpectedKinds).filter((k) => evidenceExpectedKinds.includes(k));
  if (list.length === 0) return { total: 0, items: [] };
  const page = await listVisibleRecords(h, p, {
    org: orgFilter(org),
    kinds: list,
    period: yearPeriod(year),
    registryKinds,
    withoutEvidence: true,
    limit: EVIDENCE_SHOWN,
    offset: 0,
  });
  const items = page.items.map((r): TodoItem => ({
    key: `evidence:${r.id}`,
    category: 'evidence',
    title: r.title,
    detail: `${r.date} 的活动尚未上传照片、签到表或纪要等佐证材料`,
    typeLabel: kindLabel.get(r.kind) ?? r.kind,
    townshipId: r.townshipId,
    township: names.get(r.townshipId) ?? null,
    due: null,
    daysLeft: null,
    year: Number(r.date.slice(0, 4)),
    link: `/ledger/${r.kind}?record=${r.id}`,
  }));
  return { total: page.total, items };
}

async function importItem(h: Db, p: Principal): Promise<TodoItem[]> {
  if (p.id === null || !permits(p, 'ledger.import')) return [];
  const m = await messages.latestOfKind(h.db, p.id, 'import_failed');
  if (!m || m.read_at !== null) return [];
  return [
    {
      key: `import:${m.id}`,
      category: 'import',
      title: m.title,
      detail: m.body.split('\n')[0] ?? '',
      typeLabel: '台账导入',
      townshipId: null,
      township: null,
      due: null,
      daysLeft: null,
      year: null,
      link: m.link ?? '/ledger',
    },
  ];
}

/** The user's 待办, most urgent first; `category` narrows the items (the counts cover every category). */
export async function todoList(
  h: Db,
  p: Principal,
  now: string,
  opts: { days?: number; category?: TodoCategory } = {},
): Promise<TodoList> {
  const days = opts.days ?? 7;
  if (!Number.isInteger(days) || days < 0 || days > 366)
    throw new UserError(`天数应为 0 至 366 之间的整数，收到“${days}”`);
  const today = todayOf(now);
  const empty = { overdue: 0, due: 0, report: 0, evidence: 0, import: 0 };
  if (p.orgId === null) return { today, days, total: 0, counts: empty, items: [] };
  const org = await requireOrg(h, p.orgId);
  const names = new Map((await allOrgs(h, scopeOf(p))).map((o) => [o.id, o.name]));
  const cases = (await dueForUser(h, p, org, days, now)).map((i) =>
    caseItem(i, names.get(i.townshipId) ?? null),
  );
  const reports = await reportItems(h, p, today, now);
  const evidence = await evidenceItems(h, p, org, Number(today.slice(0, 4)), names);
  const imports = await importItem(h, p);
  const all = [...cases, ...reports, ...imports, ...evidence.items].sort(byUrgency);
  const counts = {
    overdue: cases.filter((c) => c.category === 'overdue').length,
    due: cases.filter((c) => c.category === 'due').length,
    report: reports.length,
    evidence: evidence.total,
    import: imports.length,
  };
  const items = (opts.category ? all.filter((i) => i.category === opts.category) : all).map(
    ({ severity: _s, ...i }: TodoItem & { severity?: number }) => i,
  );
  const total = counts.overdue + counts.due + counts.report + counts.evidence + counts.import;
  return { today, days, total, counts, items };
}
