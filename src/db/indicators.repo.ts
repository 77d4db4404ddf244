import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import { APPROX_KEY, type Aggregate, type Cond } from '../catalogue/indicators.ts';
import { kinds } from '../catalogue/kinds.ts';
import type { Period } from '../core/dates.ts';
import { compiledOnce, runCompiled, slot } from './compiled.ts';
import type { Dialect } from './dialect.ts';
import type { OrgFilter } from './records.repo.ts';
import type { Database } from './schema.ts';

const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);

/** The period's bounds as the statement's slots. */
type PeriodSlots = { readonly from: RawBuilder<string>; readonly to: RawBuilder<string> };

function condSql(d: Dialect, c: Cond, p: PeriodSlots): RawBuilder<SqlBool> {
  switch (c.op) {
    case 'any':
      return sql<SqlBool>`(${sql.join(
        c.any.map((x) => condSql(d, x, p)),
        sql` or `,
      )})`;
    case 'in':
      return sql<SqlBool>`${d.jsonText(c.field)} in (${sql.join(c.in)})`;
    case 'truthy':
      return sql<SqlBool>`${d.jsonTrue(c.field)}`;
    case 'onOrBeforeEnd':
      return sql<SqlBool>`${d.jsonText(c.field)} <= ${p.to}`;
    case 'notAfter':
      return sql<SqlBool>`${d.jsonText(c.field)} <= ${d.jsonText(c.notAfter)}`;
    case 'approx':
      return sql<SqlBool>`${d.jsonText(APPROX_KEY)} like ${`%,${c.field},%`}`;
  }
}

/** The aggregate; `kindKnown` when its rows are already only of its kind (a per-kind branch). */
function aggregateSql(
  d: Dialect,
  a: Aggregate,
  p: PeriodSlots,
  kindKnown: boolean,
): Expression<number | null> {
  const where = [
    ...(kindKnown ? [] : [sql<SqlBool>`kind = ${a.kind}`]),
    ...(a.where ?? []).map((c) => condSql(d, c, p)),
  ];
  const when = where.length > 0 ? sql<SqlBool>`${sql.join(where, sql` and `)}` : sql<SqlBool>`1 = 1`;
  switch (a.op) {
    case 'count':
      return where.length > 0 ? sql<number>`count(case when ${when} then 1 end)` : sql<number>`count(*)`;
    case 'sum':
      return sql<number>`coalesce(sum(case when ${when} then ${d.jsonNumber(a.field)} end), 0)`;
    case 'distinct':
      return sql<number>`count(distinct case when ${when} then ${d.jsonText(a.field)} end)`;
  }
}

/**
 * Evaluates every aggregate of a plan in one statement over the organisation's records of the
 * period, shaped as the dialect runs it best (see Dialect.indicatorBranches): one UNION ALL branch
 * per record kind, each reading its kind's index range and computing only its kind's aggregates;
 * or one pass over the period with every aggregate conditional on its kind.
 */
export async function evaluateAggregates(
  db: Kysely<Database>,
  d: Dialect,
  org: OrgFilter,
  p: Period,
  plan: ReadonlyMap<string, Aggregate>,
): Promise<Map<string, number>> {
  const entries = [...plan.entries()];
  if (entries.length === 0) return new Map();
  // The statement depends only on the plan, the org column and the dialect; the org and the period
  // are slots: building a query of a thousand expressions costs more than running it on a
  // township's records.
  const compiled = compiledOnce(db, plan, org.column, () => buildQuery(db, d, org.column, plan));
  const rows = await runCompiled<Record<string, unknown>>(db, compiled, {
    org: org.id,
    from: p.from,
    to: p.to,
  });
  const out = new Map<string, number>();
  entries.forEach(([id], i) => {
    const v = rows.map((r) => r[`a${i}`]).find((x) => x !== null && x !== undefined);
    out.set(id, Number(v ?? 0));
  });
  return out;
}

function buildQuery(
  db: Kysely<Database>,
  d: Dialect,
  column: OrgFilter['column'],
  plan: ReadonlyMap<string, Aggregate>,
) {
  const entries = [...plan.entries()];
  const p: PeriodSlots = { from: slot<string>('from'), to: slot<string>('to') };
  const usedKinds = [...new Set(entries.map(([, a]) => a.kind))];
  const inPeriod = (eb: ExpressionBuilder<Database, 'records'>, registry: boolean) =>
    registry
      ? eb.and([eb('date', '<=', p.to), eb.or([eb('end_date', 'is', null), eb('end_date', '>', p.to)])])
      : eb.and([eb('date', '>=', p.from), eb('date', '<=', p.to)]);
  const base = db.selectFrom('records').where(column, '=', slot<number>('org'));
  if (!d.indicatorBranches) {
    const events = usedKinds.filter((k) => !registryKinds.includes(k));
    const registries = usedKinds.filter((k) => registryKinds.includes(k));
    return base
      .select(entries.map(([, a], i) => sql`${aggregateSql(d, a, p, false)}`.as(`a${i}`)))
      .where((eb) =>
        eb.or([
          ...(events.length > 0 ? [eb.and([eb('kind', 'in', events), inPeriod(eb, false)])] : []),
          ...(registries.length > 0 ? [eb.and([eb('kind', 'in', registries), inPeriod(eb, true)])] : []),
        ]),
      );
  }
  const branch = (kind: string) =>
    base
      .select(
        entries.map(([, a], i) =>
          (a.kind === kind ? sql`${aggregateSql(d, a, p, true)}` : sql`cast(null as numeric)`).as(`a${i}`),
        ),
      )
      .where('kind', '=', kind)
      .where((eb) => inPeriod(eb, registryKinds.includes(kind)));
  let q = branch(usedKinds[0]!);
  for (const kind of usedKinds.slice(1)) q = q.unionAll(branch(kind));
  return q;
}
