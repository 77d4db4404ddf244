import { yearPeriod } from '../core/dates.ts';
import type { LedgerRecord } from '../core/records.ts';
import { ALL } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { listRecords } from '../db/records.repo.ts';
import { computeIndicators } from '../services/indicators.ts';
import { countyOf, orgFilter, townshipsOf, type Org } from '../services/orgs.ts';
import { toRecord } from '../services/records.ts';
import { planLines } from '../services/study-plans.ts';
import type { ReportInputs, ReportOverrides } from './model/types.ts';

/**
 * Kinds the report quotes examples from or checks for part 2, and the principal leaders' own acts
 * part 3 attributes to them (庭审, 接访); event kinds only.
 */
export const EXAMPLE_KINDS = [
  'leadership_meeting',
  'leader_duty',
  'study_session',
  'publicity_event',
  'dispute',
  'petition',
  'inspection',
  'penalty',
  'legal_review',
  'major_decision',
  'safety_drill',
  'lawsuit_hearing',
  'petition_reception',
] as const;

/**
 * The 党政主要负责人 in office at any time in `year`: registered on or before its last day and not
 * ended (离任日期, the first day out of office, as registry kinds count) on or before its first. The registry's "active at the period's end" would drop one who left
 * during the year, whose part of the year part 3 still reports; the registry is a few rows, so
 * it is read whole and filtered here.
 */
export function leadersInYear(records: readonly LedgerRecord[], year: number): LedgerRecord[] {
  const { from, to } = yearPeriod(year);
  return records.filter(
    (r) => r.kind === 'principal_leader' && r.date <= to && (r.endDate == null || r.endDate > from),
  );
}

/** Commitment records (any date) whose target year is `year`. */
export async function loadCommitments(h: Db, org: Org, year: number): Promise<LedgerRecord[]> {
  return (await commitmentsByTarget(h, org, [year])).get(year) ?? [];
}

/** Commitment records (any date) by target year, for the years asked. */
async function commitmentsByTarget(
  h: Db,
  org: Org,
  years: readonly number[],
): Promise<Map<number, LedgerRecord[]>> {
  const rows = await listRecords(h.db, ALL, { org: orgFilter(org), kinds: ['commitment'], limit: 100_000 });
  const out = new Map<number, LedgerRecord[]>(years.map((y) => [y, []]));
  for (const r of rows) {
    const rec = toRecord(h, r);
    out.get(Number(rec.data.targetYear))?.push(rec);
  }
  return out;
}

/** Gathers what the pure report model needs for an organisation's year: the loader of the report. */
export async function loadReportInputs(
  h: Db,
  org: Org,
  year: number,
  opts: { now: string; overrides?: ReportOverrides },
): Promise<ReportInputs> {
  const [current, previous, rows, leaderRows, commitments, county, townships, studyPlan] = await Promise.all([
    computeIndicators(h, org, yearPeriod(year)),
    computeIndicators(h, org, yearPeriod(year - 1)),
    listRecords(h.db, ALL, {
      org: orgFilter(org),
      kinds: EXAMPLE_KINDS,
      period: yearPeriod(year),
      limit: 1_000_000,
    }),
    listRecords(h.db, ALL, { org: orgFilter(org), kinds: ['principal_leader'], limit: 100_000 }),
    commitmentsByTarget(h, org, [year, year + 1]),
    org.kind === 'township' ? countyOf(h, org) : Promise.resolve(null),
    org.kind === 'county' ? townshipsOf(h, org) : Promise.resolve([]),
    planLines(h, org.id, year),
  ]);
  // The township's place among its county's townships, so that their drafts are phrased differently.
  const siblings = county ? await townshipsOf(h, county) : [];
  const place = siblings
    .map((t) => t.code)
    .sort()
    .indexOf(org.code);
  return {
    org: {
      name: org.name,
      kind: org.kind === 'county' ? 'county' : 'township',
      countyName: county?.name ?? null,
      ...(place >= 0 ? { place } : {}),
    },
    year,
    now: opts.now,
    current,
    previous: previous.some((v) => v.records > 0) ? previous : null,
    records: rows.map((r) => toRecord(h, r)),
    commitments: commitments.get(year) ?? [],
    nextCommitments: commitments.get(year + 1) ?? [],
    townshipNames: Object.fromEntries(townships.map((t) => [t.id, t.name])),
    leaders: leadersInYear(
      leaderRows.map((r) => toRecord(h, r)),
      year,
    ),
    ...(studyPlan.length > 0 ? { studyPlan } : {}),
    ...(opts.overrides ? { overrides: opts.overrides } : {}),
  };
}
