import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import type { Db } from './connect.ts';
import { DISTRIBUTION_COLUMN, placementOf } from './distribution.ts';
import type { Database } from './schema.ts';

/**
 * What would stop the PostgreSQL schema from being distributed by county (Citus), read from the
 * catalogue: one line per problem.
 */
async function schemaProblems(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const tables = (
    await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by 1`.execute(db)
  ).rows;
  for (const t of tables)
    if (!placementOf(t.name)) problems.push(`${t.name}: no placement in src/db/distribution.ts`);

  for (const t of tables.filter((t) => placementOf(t.name) === 'distributed')) {
    const key = await sql<{ column: string; strategy: string }>`
      select a.attname as column, p.partstrat as strategy from pg_partitioned_table p
      join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
      where p.partrelid = ${t.name}::regclass`.execute(db);
    const k = key.rows[0];
    if (!k || k.column !== DISTRIBUTION_COLUMN || k.strategy !== 'h')
      problems.push(`${t.name}: not partitioned by hash (${DISTRIBUTION_COLUMN})`);
    const uniques = await sql<{ name: string; columns: string[] }>`
      select i.indexrelid::regclass::text as name,
             array(select a.attname::text from unnest(i.indkey) k join pg_attribute a
                   on a.attrelid = i.indrelid and a.attnum = k) as columns
      from pg_index i where i.indrelid = ${t.name}::regclass and i.indisunique`.execute(db);
    for (const u of uniques.rows)
      if (!u.columns.includes(DISTRIBUTION_COLUMN))
        problems.push(
          `${t.name}: unique key ${u.name} (${u.columns.join(', ')}) lacks ${DISTRIBUTION_COLUMN}`,
        );
  }

  const fks = await sql<{ name: string; source: string; target: string; pairs: string[] }>`
    select c.conname as name, c.conrelid::regclass::text as source, c.confrelid::regclass::text as target,
           array(select s.attname || '=' || t.attname
                 from unnest(c.conkey, c.confkey) as k(s_num, t_num)
                 join pg_attribute s on s.attrelid = c.conrelid and s.attnum = k.s_num
                 join pg_attribute t on t.attrelid = c.confrelid and t.attnum = k.t_num) as pairs
    from pg_constraint c join pg_class r on r.oid = c.conrelid
    where c.contype = 'f' and c.conparentid = 0 and not r.relispartition
      and r.relnamespace = current_schema()::regnamespace
    order by 1`.execute(db);
  for (const f of fks.rows) {
    const [from, to] = [placementOf(f.source), placementOf(f.target)];
    const colocated = f.pairs.includes(`${DISTRIBUTION_COLUMN}=${DISTRIBUTION_COLUMN}`);
    if (to === 'distributed' && !(from === 'distributed' && colocated))
      problems.push(
        `${f.source}.${f.name}: references distributed ${f.target} other than through ${DISTRIBUTION_COLUMN}`,
      );
    if (from === 'reference' && to !== 'reference')
      problems.push(`${f.source}.${f.name}: a reference table may only reference reference tables`);
    if (from === 'distributed' && to === 'local')
      problems.push(`${f.source}.${f.name}: a distributed table cannot reference local ${f.target}`);
  }
  return problems;
}

class Rollback extends Error {}

for (const tdb of testDatabases().filter((d) => d.name === 'postgres')) {
  describe('the PostgreSQL schema can be distributed by county', () => {
    let h: Db;
    beforeAll(async () => {
      h = await tdb.open();
    });
    afterAll(async () => {
      await h.close();
    });

    it('places every table, and keys and foreign keys follow the distribution rules', async () => {
      expect(await schemaProblems(h.db)).toEqual([]);
    });

    it('names a table without a placement, a distributed table without the county in its key, a foreign key into the ledger', async () => {
      let found: string[] = [];
      await h.db
        .transaction()
        .execute(async (trx) => {
          await sql`create table stray (id integer primary key, record_id bigint, county_id integer)`.execute(
            trx,
          );
          await sql`alter table stray add foreign key (record_id, county_id) references records (id, county_id)`.execute(
            trx,
          );
          await sql`alter table exam_records add column county_id integer`.execute(trx);
          await sql`alter table exam_records add foreign key (record_id, county_id) references records (id, county_id)`.execute(
            trx,
          );
          await sql`drop table case_events`.execute(trx);
          await sql`create table case_events (id bigint primary key, record_id bigint)`.execute(trx);
          found = await schemaProblems(trx);
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      expect(found).toEqual([
        'stray: no placement in src/db/distribution.ts',
        'case_events: not partitioned by hash (county_id)',
        'case_events: unique key case_events_pkey (id) lacks county_id',
        'exam_records.exam_records_record_id_county_id_fkey: references distributed records other than through county_id',
        'exam_records.exam_records_record_id_county_id_fkey: a reference table may only reference reference tables',
        'stray.stray_record_id_county_id_fkey: references distributed records other than through county_id',
      ]);
    });
  });
}
