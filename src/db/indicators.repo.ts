import { CompiledQuery, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Aggregate, Cond } from '../catalogue/indicators.ts';
import { kinds } from '../catalogue/kinds.ts';
import type { Period } from '../core/dates.ts';
import type { Dialect } from './dialect.ts';
import type { OrgFilter } from './records.repo.ts';
import type { Database } from './schema.ts';

const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);

function condSql(d: Dialect, c: Cond, p: Period): RawBuilder<SqlBool> {
  if ('any' in c)
    return sql<SqlBool>`(${sql.join(
      c.any.map((x) => condSql(d, x, p)),
      sql` or `,
    )})`;
  if ('in' in c) return sql<SqlBool>`${d.jsonText(c.field)} in (${sql.join(c.in)})`;
  if ('truthy' in c) return sql<SqlBool>`${d.jsonTrue(c.field)}`;
  if ('onOrBeforeEnd' in c) return sql<SqlBool>`${d.jsonText(c.field)} <= ${p.to}`;
  return sql<SqlBool>`${d.jsonText(c.field)} <= ${d.jsonText(c.notAfter)}`;
}

/** The aggregate over its kind's branch (which already selects only rows of that kind). */
function aggregateSql(d: Dialect, a: Aggregate, p: Period): Expression<number | null> {
  const where = (a.where ?? []).map((c) => condSql(d, c, p));
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
 * period: one UNION ALL branch per record kind, each reading only its kind's index range and
 * computing only that kind's aggregates (a row meets a handful of CASE expressions, not all of
 * them). Every column is non-null in exactly one branch.
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
  const compiled = compiledFor(db, d, org.column, plan);
  const values = new Map<unknown, unknown>([
    [ORG, org.id],
    [FROM, p.from],
    [TO, p.to],
  ]);
  const params = compiled.parameters.map((v) => (values.has(v) ? values.get(v) : v));
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(compiled.sql, params));
  const out = new Map<string, number>();
  entries.forEach(([id], i) => {
    const v = rows.map((r) => r[`a${i}`]).find((x) => x !== null && x !== undefined);
    out.set(id, Number(v ?? 0));
  });
  return out;
}

// The statement depends only on the plan, the org column and the dialect; the org and the period
// are parameters. Build it once with sentinels in their place and substitute them on each call:
// building a query of a thousand expressions costs more than running it on a township's records.
const ORG = '\u0000org';
const FROM = '\u0000from';
const TO = '\u0000to';
const compiledCache = new WeakMap<ReadonlyMap<string, Aggregate>, Map<string, CompiledQuery>>();

function compiledFor(
  db: Kysely<Database>,
  d: Dialect,
  column: OrgFilter['column'],
  plan: ReadonlyMap<string, Aggregate>,
): CompiledQuery {
  let byKey = compiledCache.get(plan);
  if (!byKey) compiledCache.set(plan, (byKey = new Map<string, CompiledQuery>()));
  const key = `${d.name}:${column}`;
  let c = byKey.get(key);
  if (!c) {
    c = buildQuery(db, d, column, plan).compile();
    byKey.set(key, c);
  }
  return c;
}

function buildQuery(
  db: Kysely<Database>,
  d: Dialect,
  column: OrgFilter['column'],
  plan: ReadonlyMap<string, Aggregate>,
) {
  const entries = [...plan.entries()];
  const p: Period = { from: FROM, to: TO };
  const usedKinds = [...new Set(entries.map(([, a]) => a.kind))];
  const branch = (kind: string) =>
    db
      .selectFrom('records')
      .select(
        entries.map(([, a], i) =>
          (a.kind === kind ? sql`${aggregateSql(d, a, p)}` : sql`cast(null as numeric)`).as(`a${i}`),
        ),
      )
      .where(column, '=', sql<number>`${ORG}`)
      .where('kind', '=', kind)
      .where((eb) =>
        registryKinds.includes(kind)
          ? eb.and([eb('date', '<=', p.to), eb.or([eb('end_date', 'is', null), eb('end_date', '>', p.to)])])
          : eb.and([eb('date', '>=', p.from), eb('date', '<=', p.to)]),
      );
  let q = branch(usedKinds[0]!);
  for (const kind of usedKinds.slice(1)) q = q.unionAll(branch(kind));
  return q;
}
