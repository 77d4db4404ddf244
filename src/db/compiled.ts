import { CompiledQuery, sql, type Compilable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { dialectOf } from './dialect.ts';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Statements built once and run many times with new values. Building a Kysely query of dozens of
 * values costs more than SQLite takes to run it on a township's rows, so a statement whose shape
 * is fixed by a few inputs (an indicator plan, an organisation column, a cell grain) is compiled
 * once per shape, with slots where its values go, and each run puts the values in the slots.
 */
const SLOT = '\u0000slot:';

/** A slot named `name` in a statement being built; `runCompiled` puts the value of that name there. */
export function slot<T>(name: string): RawBuilder<T> {
  return sql<T>`${SLOT + name}`;
}

const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * The statement of `owner` (an object the shape belongs to, such as a plan) and `shape`, compiled
 * by `build` the first time it is asked for on the handle's dialect.
 */
export function compiledOnce(
  db: Q,
  owner: object,
  shape: string,
  build: () => Compilable<unknown>,
): CompiledQuery {
  let byShape = compiled.get(owner);
  if (!byShape) compiled.set(owner, (byShape = new Map<string, CompiledQuery>()));
  const key = `${dialectOf(db).name}|${shape}`;
  let c = byShape.get(key);
  if (!c) byShape.set(key, (c = build().compile()));
  return c;
}

/** Runs a compiled statement with each slot's value from `values` (a slot without a value is an error). */
export async function runCompiled<R>(db: Q, c: CompiledQuery, values: Record<string, unknown>): Promise<R[]> {
  const params = c.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith(SLOT)) return p;
    const name = p.slice(SLOT.length);
    if (!(name in values)) throw new Error(`no value for slot ${name}`);
    return values[name];
  });
  const { rows } = await db.executeQuery<R>(CompiledQuery.raw(c.sql, params));
  return rows;
}
