import { findIndicator, indicators, type Aggregate, type Indicator } from '../catalogue/indicators.ts';
import { getKind, kinds, type KindId } from '../catalogue/kinds.ts';
import type { Period } from '../core/dates.ts';
import { UserError, notFound } from '../core/errors.ts';
import { finish, planAggregates, type IndicatorValue } from '../core/indicators.ts';
import { formulaText, methodText, whyNot } from '../core/indicator-words.ts';
import type { LedgerRecord } from '../core/records.ts';
import { ALL } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { readCells, type CellFilter } from '../db/indicator-cells.repo.ts';
import { evaluateAggregates } from '../db/indicators.repo.ts';
import { listRecords } from '../db/records.repo.ts';
import { orgFilter, type Org } from './orgs.ts';
import { toRecord } from './records.ts';

// One plan per indicator list, so the database layer can keep the statement built for it.
const plans = new WeakMap<readonly Indicator[], ReturnType<typeof planAggregates>>();
function planOf(list: readonly Indicator[]) {
  let plan = plans.get(list);
  if (!plan) plans.set(list, (plan = planAggregates(list)));
  return plan;
}

/** The cells a township's or county's indicators read; null for villages and departments. */
function cellFilter(org: Org): CellFilter | undefined {
  if (org.kind === 'county') return { countyId: org.id };
  if (org.kind === 'township' && org.parentId !== null) return { countyId: org.parentId, townshipId: org.id };
  return undefined;
}

/**
 * Every indicator (or the listed ones) for an organisation and period, in one database statement:
 * a township's or county's for a month-aligned period read the indicator cells; a village's or
 * department's, or another period, scan its records.
 */
export async function computeIndicators(
  h: Db,
  org: Org,
  period: Period,
  list: readonly Indicator[] = indicators,
): Promise<IndicatorValue[]> {
  const plan = planOf(list);
  const filter = cellFilter(org);
  const fromCells = filter ? await readCells(h.db, filter, period, plan) : null;
  const values = fromCells ?? (await evaluateAggregates(h.db, h.dialect, orgFilter(org), period, plan));
  return finish(list, values);
}

/** Every indicator (or the listed ones) over every county: the province's, from the cells. */
export async function computeIndicatorsAll(
  h: Db,
  period: Period,
  list: readonly Indicator[] = indicators,
): Promise<IndicatorValue[]> {
  const values = await readCells(h.db, null, period, planOf(list));
  if (!values)
    throw new UserError(
      `全省指标按整月统计：统计期须从某月 1 日起、到某月最后一日止（收到 ${period.from} 至 ${period.to}）`,
      'period_not_monthly',
    );
  return finish(list, values);
}

/** One record listed under an explained value: whether it counts, and if not, why. */
export type ExplainedRecord = LedgerRecord & {
  /** It counts toward the value (for a rate, toward the numerator; another kind's row, toward its own part). */
  readonly counted: boolean;
  /** Where it counts in a rate: 计入分子和分母, 计入分母, 计入分子; null for other indicators or when it does not. */
  readonly part: string | null;
  /** Why it does not count (outside the period, another status, a field missing…), or a note on how it counts. */
  readonly reason: string | null;
  /** The number it adds to a sum; null for counts. */
  readonly contributes: number | null;
  /** A case's record opens in the case board, any other in the ledger. */
  readonly isCase: boolean;
};

export interface Explanation {
  readonly indicator: IndicatorValue;
  readonly basis: string;
  /** The method in words: numerator and denominator, the period rule, rounding. */
  readonly method: string;
  /** The formula with its conditions: 调处状态为“调解成功”的矛盾纠纷记录数 ÷ … × 100%. */
  readonly formula: string;
  /** The records of the kinds the formula reads within the period, counted or not, each with its reason. */
  readonly records: readonly ExplainedRecord[];
}

/**
 * The records an indicator could count: its kinds' records dated in the period, and for registries
 * those on the roll at some time in it (so one that left during the year is listed with the reason).
 */
async function candidates(h: Db, org: Org, kindId: KindId, period: Period): Promise<LedgerRecord[]> {
  const registry = getKind(kindId).temporal === 'registry';
  const rows = await listRecords(h.db, ALL, {
    org: orgFilter(org),
    kinds: [kindId],
    period: registry ? { from: '1900-01-01', to: period.to } : period,
    registryKinds: [],
    limit: 1_000_000,
  });
  return rows
    .map((r) => toRecord(h, r))
    .filter((r) => !registry || r.endDate === null || r.endDate >= period.from);
}

const numberIn = (r: LedgerRecord, field: string): number =>
  typeof r.data[field] === 'number' ? r.data[field] : 0;

/** How a counted record of a sum adds to it: its figure, or 0 with the field named when it is empty. */
function sumNote(a: Aggregate, r: LedgerRecord): string | null {
  if (a.op !== 'sum' || typeof r.data[a.field] === 'number') return null;
  const label = getKind(a.kind).fields.find((f) => f.key === a.field)?.label ?? a.field;
  return `未填写“${label}”，按 0 计`;
}

/** One aggregate's rows: counted or not with the reason; a distinct count counts each value once. */
function judge(a: Aggregate, rows: readonly LedgerRecord[], period: Period) {
  const seen = new Map<string, LedgerRecord>();
  return rows.map((r) => {
    const why = whyNot(a, r, period);
    if (why) return { r, counted: false, reason: why };
    if (a.op === 'distinct') {
      const v = r.data[a.field];
      const label = getKind(a.kind).fields.find((f) => f.key === a.field)?.label ?? a.field;
      if (v === undefined || v === null || v === '') return { r, counted: false, reason: `未填写“${label}”` };
      const first = seen.get(String(v));
      if (first)
        return {
          r,
          counted: false,
          reason: `“${label}”为“${String(v)}”，已在 ${first.date} 的记录中计入，不重复计算`,
        };
      seen.set(String(v), r);
    }
    return { r, counted: true, reason: sumNote(a, r) };
  });
}

/** An indicator's value with the records behind it: the proof of every figure. */
export async function explainIndicator(h: Db, key: string, org: Org, period: Period): Promise<Explanation> {
  const ind = findIndicator(key);
  if (!ind) throw notFound(`未知的指标“${key}”：可用 fazhi indicators 查看全部指标`);
  const [value] = await computeIndicators(h, org, period, [ind]);
  const f = ind.formula;
  const caseKinds = new Set(kinds.filter((k) => k.caseType).map((k) => k.id));
  const out: ExplainedRecord[] = [];
  const add = (r: LedgerRecord, x: Omit<ExplainedRecord, keyof LedgerRecord | 'isCase'>) =>
    out.push({ ...r, ...x, isCase: caseKinds.has(r.kind) });
  if (f.op !== 'rate') {
    for (const j of judge(f, await candidates(h, org, f.kind, period), period))
      add(j.r, {
        counted: j.counted,
        part: null,
        reason: j.reason,
        contributes: f.op === 'sum' && j.counted ? numberIn(j.r, f.field) : null,
      });
  } else if (f.num.kind === f.den.kind) {
    const rows = await candidates(h, org, f.den.kind, period);
    const den = judge(f.den, rows, period);
    const num = judge(f.num, rows, period);
    den.forEach((d, i) => {
      const n = num[i]!;
      const both = d.counted && n.counted;
      add(d.r, {
        counted: both,
        part: both ? '计入分子和分母' : d.counted ? '计入分母' : null,
        reason: !d.counted
          ? `不计入分母：${d.reason ?? ''}`
          : !n.counted
            ? `不计入分子：${n.reason ?? ''}`
            : null,
        contributes: f.den.op === 'sum' && d.counted ? numberIn(d.r, f.den.field) : null,
      });
    });
  } else {
    // Numerator and denominator read different kinds (参考人次 ÷ 应参考人数): each row in its own part.
    for (const [a, part] of [
      [f.num, '计入分子'],
      [f.den, '计入分母'],
    ] as const)
      for (const j of judge(a, await candidates(h, org, a.kind, period), period))
        add(j.r, {
          counted: j.counted,
          part: j.counted ? part : null,
          reason: j.counted
            ? j.reason
            : `${part === '计入分子' ? '不计入分子' : '不计入分母'}：${j.reason ?? ''}`,
          contributes: a.op === 'sum' && j.counted ? numberIn(j.r, a.field) : null,
        });
  }
  out.sort((a, b) => Number(b.counted) - Number(a.counted) || a.date.localeCompare(b.date) || a.id - b.id);
  return {
    indicator: value!,
    basis: ind.basis,
    method: methodText(ind),
    formula: formulaText(ind),
    records: out,
  };
}
