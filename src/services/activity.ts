import { groups, kinds, type GroupId } from '../catalogue/kinds.ts';
import { yearPeriod } from '../core/dates.ts';
import type { Scope } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import * as repo from '../db/records.repo.ts';
import { orgFilter, type Org } from './orgs.ts';

/**
 * Kinds the monthly chart counts: event kinds only (registry kinds such as 示范户 and 网格员 are
 * standing lists, not work done in a month), without per-person rows.
 */
export const activityKinds: readonly string[] = kinds
  .filter((k) => k.temporal === 'event' && !k.perPerson)
  .map((k) => k.id);

/** One work area's records per month of the year. */
export interface GroupActivity {
  readonly group: GroupId;
  readonly label: string;
  /** Twelve counts, January first. */
  readonly months: readonly number[];
  readonly total: number;
}

export interface MonthlyActivity {
  readonly orgId: number;
  readonly year: number;
  /** Work areas with at least one record in the year, in catalogue order. */
  readonly groups: readonly GroupActivity[];
}

/** Pure: folds (month, kind) counts into twelve-month rows per work area. */
export function foldActivity(rows: readonly repo.MonthKindCount[]): GroupActivity[] {
  const groupOf = new Map(kinds.map((k) => [k.id, k.group]));
  const byGroup = new Map<GroupId, number[]>();
  for (const r of rows) {
    const g = groupOf.get(r.kind);
    if (!g || r.month < 1 || r.month > 12) continue;
    const row = byGroup.get(g) ?? Array<number>(12).fill(0);
    row[r.month - 1] = (row[r.month - 1] ?? 0) + r.n;
    byGroup.set(g, row);
  }
  return (Object.keys(groups) as GroupId[]).flatMap((g) => {
    const months = byGroup.get(g);
    if (!months) return [];
    return [{ group: g, label: groups[g], months, total: months.reduce((s, n) => s + n, 0) }];
  });
}

/**
 * Records per month and work area for a township or county, by one grouped query. `readable`
 * narrows the kinds to those the caller's role may read (undefined: all).
 */
export async function monthlyActivity(
  h: Db,
  scope: Scope,
  org: Org,
  year: number,
  readable?: readonly string[],
): Promise<MonthlyActivity> {
  const p = yearPeriod(year);
  const list = readable ? activityKinds.filter((k) => readable.includes(k)) : activityKinds;
  const rows = await repo.countByMonthAndKind(h.db, scope, {
    org: orgFilter(org),
    kinds: list,
    from: p.from,
    to: p.to,
  });
  return { orgId: org.id, year, groups: foldActivity(rows) };
}
