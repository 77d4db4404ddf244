import { findIndicator, indicators, type Indicator } from '../catalogue/indicators.ts';
import { getKind, kinds } from '../catalogue/kinds.ts';
import type { Period } from '../core/dates.ts';
import { notFound } from '../core/errors.ts';
import { aggregatesOf, finish, planAggregates, rowMatches, type IndicatorValue } from '../core/indicators.ts';
import type { LedgerRecord } from '../core/records.ts';
import { ALL } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { evaluateAggregates } from '../db/indicators.repo.ts';
import { listRecords } from '../db/records.repo.ts';
import { orgFilter, type Org } from './orgs.ts';
import { toRecord } from './records.ts';

const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);

// One plan per indicator list, so the database layer can keep the statement built for it.
const plans = new WeakMap<readonly Indicator[], ReturnType<typeof planAggregates>>();
function planOf(list: readonly Indicator[]) {
  let plan = plans.get(list);
  if (!plan) plans.set(list, (plan = planAggregates(list)));
  return plan;
}

/** Every indicator (or the listed ones) for an organisation and period, in one database pass. */
export async function computeIndicators(
  h: Db,
  org: Org,
  period: Period,
  list: readonly Indicator[] = indicators,
): Promise<IndicatorValue[]> {
  const plan = planOf(list);
  const values = await evaluateAggregates(h.db, h.dialect, orgFilter(org), period, plan);
  return finish(list, values);
}

export interface Explanation {
  readonly indicator: IndicatorValue;
  readonly basis: string;
  readonly formula: string;
  /** For a rate, the denominator's records, each marked whether it also counts in the numerator. */
  readonly records: readonly (LedgerRecord & {
    readonly counted: boolean;
    readonly contributes: number | null;
  })[];
}

function formulaText(ind: Indicator): string {
  const f = ind.formula;
  const one = (a: ReturnType<typeof aggregatesOf>[number]): string => {
    const k = getKind(a.kind);
    const label = (key: string) => k.fields.find((x) => x.key === key)?.label ?? key;
    switch (a.op) {
      case 'count':
        return `${k.label}记录数`;
      case 'sum':
        return `${k.label}${label(a.field)}之和`;
      case 'distinct':
        return `${k.label}不同${label(a.field)}数`;
    }
  };
  return f.op === 'rate' ? `${one(f.num)} ÷ ${one(f.den)} × 100%` : one(f);
}

/** An indicator's value with the records behind it: the proof of every figure. */
export async function explainIndicator(h: Db, key: string, org: Org, period: Period): Promise<Explanation> {
  const ind = findIndicator(key);
  if (!ind) throw notFound(`未知的指标“${key}”：可用 fazhi indicators 查看全部指标`);
  const [value] = await computeIndicators(h, org, period, [ind]);
  const f = ind.formula;
  const base = f.op === 'rate' ? f.den : f;
  const rows = await listRecords(h.db, ALL, {
    org: orgFilter(org),
    kinds: [base.kind],
    period,
    registryKinds,
    limit: 1_000_000,
  });
  const records = rows
    .map((r) => toRecord(h, r))
    .filter((r) => rowMatches(base, r, period))
    .map((r) => ({
      ...r,
      counted: f.op === 'rate' ? rowMatches(f.num, r, period) : true,
      contributes:
        base.op === 'sum'
          ? typeof r.data[base.field] === 'number'
            ? (r.data[base.field] as number)
            : 0
          : null,
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  return { indicator: value!, basis: ind.basis, formula: formulaText(ind), records };
}
