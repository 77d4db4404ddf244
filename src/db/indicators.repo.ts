import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
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

function whenSql(d: Dialect, a: Aggregate, p: Period): RawBuilder<SqlBool> {
  const parts = [sql<SqlBool>`kind = ${a.kind}`, ...(a.where ?? []).map((c) => condSql(d, c, p))];
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

function aggregateSql(d: Dialect, a: Aggregate, p: Period): Expression<number | null> {
  const when = whenSql(d, a, p);
  switch (a.op) {
    case 'count':
      return sql<number>`count(case when ${when} then 1 end)`;
    case 'sum':
      return sql<number>`coalesce(sum(case when ${when} then ${d.jsonNumber(a.field)} end), 0)`;
    case 'distinct':
      return sql<number>`count(distinct case when ${when} then ${d.jsonText(a.field)} end)`;
  }
}

/**
 * Evaluates every aggregate of a plan in one statement over the organisation's records of the
 * period: one scan, one conditional aggregate per column.
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
  const usedKinds = [...new Set(entries.map(([, a]) => a.kind))];
  const events = usedKinds.filter((k) => !registryKinds.includes(k));
  const registries = usedKinds.filter((k) => registryKinds.includes(k));
  const row = await db
    .selectFrom('records')
    .select(entries.map(([, a], i) => sql`${aggregateSql(d, a, p)}`.as(`a${i}`)))
    .where(org.column, '=', org.id)
    .where((eb) =>
      eb.or([
        ...(events.length > 0
          ? [eb.and([eb('kind', 'in', events), eb('date', '>=', p.from), eb('date', '<=', p.to)])]
          : []),
        ...(registries.length > 0
          ? [
              eb.and([
                eb('kind', 'in', registries),
                eb('date', '<=', p.to),
                eb.or([eb('end_date', 'is', null), eb('end_date', '>', p.to)]),
              ]),
            ]
          : []),
      ]),
    )
    .executeTakeFirstOrThrow();
  const out = new Map<string, number>();
  const values = row as Record<string, unknown>;
  entries.forEach(([id], i) => out.set(id, Number(values[`a${i}`] ?? 0)));
  return out;
}
