/** Due lists and the daily digest: which case clocks run out soon or have run out, most urgent first. */
import { addDays } from '../../core/calendar.ts';
import { clockViews, todayOf } from '../../core/cases.ts';
import { UserError } from '../../core/errors.ts';
import { ALL, type Scope } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import * as repo from '../../db/cases.repo.ts';
import { caseTypeOrFail, toCaseEvent } from '../cases.ts';
import { workingCalendar } from '../working-calendar.ts';
import { allOrgs, orgFilter, townshipOf, townshipsOf, type Org } from '../orgs.ts';
import { stateOf } from '../../catalogue/cases.ts';

/** One running clock of one case. */
export interface DueItem {
  readonly caseId: number;
  readonly type: string;
  readonly typeLabel: string;
  readonly townshipId: number;
  readonly title: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly owner: string | null;
  readonly clock: string;
  readonly clockLabel: string;
  /** `limit` clocks can be overdue; `minimum` clocks mark the earliest day a step may end. */
  readonly kind: 'limit' | 'minimum';
  readonly due: string;
  /** Negative when overdue. */
  readonly daysLeft: number;
  readonly overdue: boolean;
  readonly paused: boolean;
  readonly basis: string;
  readonly warnings: readonly string[];
  /** “按法定节日推算，未含调休” when the due date was reckoned with statutory holidays only. */
  readonly mark: string | null;
}

/**
 * Running clocks of an organisation's open cases due within `withinDays` of today, overdue ones
 * included, most urgent (earliest due) first.
 */
export async function dueCases(
  h: Db,
  org: Org,
  withinDays: number,
  now: string,
  scope: Scope = ALL,
): Promise<DueItem[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3660)
    throw new UserError(`天数应为 0 至 3660 之间的整数，收到“${withinDays}”`);
  const today = todayOf(now);
  const until = addDays(today, withinDays);
  // next_due is stored as of each case's last step; a paused clock's due only moves later, so this is a superset.
  const rows = await repo.listCaseRows(h.db, scope, { org: orgFilter(org), dueBy: until, limit: 100_000 });
  const events = await repo.listEvents(
    h.db,
    rows.map((r) => Number(r.record_id)),
  );
  const cal = await workingCalendar(h);
  const byCase = new Map<number, typeof events>();
  for (const e of events) {
    const k = Number(e.record_id);
    byCase.set(k, [...(byCase.get(k) ?? []), e]);
  }
  const items: DueItem[] = [];
  for (const r of rows) {
    const id = Number(r.record_id);
    const type = caseTypeOrFail(r.type);
    const evs = (byCase.get(id) ?? []).map((e) => toCaseEvent(h, e));
    for (const c of clockViews(evs, now, cal)) {
      if (c.status === 'stopped' || c.deadline.due > until) continue;
      items.push({
        caseId: id,
        type: r.type,
        typeLabel: type.label,
        townshipId: r.township_id,
        title: r.title,
        state: r.state,
        stateLabel: stateOf(type, r.state)?.label ?? r.state,
        owner: r.owner,
        clock: c.id,
        clockLabel: c.label,
        kind: c.kind,
        due: c.deadline.due,
        daysLeft: c.daysLeft ?? 0,
        overdue: c.overdue,
        paused: c.status === 'paused',
        basis: c.deadline.basis,
        warnings: c.deadline.warnings,
        mark: c.deadline.mark,
      });
    }
  }
  return items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.caseId - b.caseId));
}

function line(i: DueItem, n: number): string {
  const when = i.overdue
    ? `${i.due}届满，已逾期${-i.daysLeft}日`
    : i.kind === 'minimum'
      ? `不早于${i.due}结束${i.daysLeft > 0 ? `（还有${i.daysLeft}日）` : ''}`
      : i.daysLeft === 0
        ? `今日（${i.due}）届满`
        : `${i.due}届满，还有${i.daysLeft}日`;
  const paused = `${i.paused ? '，期限暂停中' : ''}${i.mark ? `（${i.mark}）` : ''}`;
  return `  ${n}. [${i.typeLabel}] ${i.title}（#${i.caseId}，${i.stateLabel}）——${i.clockLabel}${when}${paused}（${i.basis}）${i.owner ? `；承办人：${i.owner}` : ''}`;
}

/** Chinese text of overdue and soon-due case deadlines, per township. */
export async function digest(
  h: Db,
  org: Org,
  now: string,
  withinDays = 7,
  scope: Scope = ALL,
): Promise<string> {
  const today = todayOf(now);
  const items = await dueCases(h, org, withinDays, now, scope);
  let townships: Org[];
  if (org.kind === 'county') townships = await townshipsOf(h, org);
  else townships = [await townshipOf(h, org)];
  if ('path' in scope) {
    const visible = new Set((await allOrgs(h, scope)).map((o) => o.id));
    townships = townships.filter((t) => visible.has(t.id));
  }
  const out = [`案件期限提醒（${today}，${org.name}，${withinDays}日内到期及已逾期）`];
  for (const t of townships) {
    const mine = items.filter((i) => i.townshipId === t.id);
    const overdue = mine.filter((i) => i.overdue);
    const soon = mine.filter((i) => !i.overdue && i.kind === 'limit');
    const minimum = mine.filter((i) => i.kind === 'minimum');
    out.push('');
    if (mine.length === 0) {
      out.push(`【${t.name}】无逾期或${withinDays}日内到期的事项。`);
      continue;
    }
    out.push(
      `【${t.name}】逾期${overdue.length}项，${withinDays}日内到期${soon.length}项${minimum.length ? `，法定最短期间届满${minimum.length}项` : ''}`,
    );
    if (overdue.length) out.push(' 逾期：', ...overdue.map((i, n) => line(i, n + 1)));
    if (soon.length) out.push(' 即将到期：', ...soon.map((i, n) => line(i, n + 1)));
    if (minimum.length)
      out.push(' 最短期间（届满前不得结束该程序）：', ...minimum.map((i, n) => line(i, n + 1)));
    const warns = [...new Set(mine.flatMap((i) => i.warnings))];
    if (warns.length) out.push(' 注意：', ...warns.map((w) => `  ${w}`));
  }
  return out.join('\n') + '\n';
}
