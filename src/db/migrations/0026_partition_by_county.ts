import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * The ledger and the case history, partitioned by county on PostgreSQL: `partition by hash (county_id)`
 * in 16 partitions, so a county's rows sit together and the schema can be distributed by county with
 * Citus (docs/scaling.md). An existing database is converted in place, in the migration's one
 * transaction: a partitioned twin of each table is created, filled, swapped in under the old name,
 * then given the old keys (each unique key gains county_id), indexes and foreign keys.
 *
 * Case steps and evidence had no county of their own: they take their record's. Foreign keys from
 * other tables into these ones cannot be kept (a partitioned table has no unique key on id alone);
 * the services keep those links (docs/scaling.md lists which).
 *
 * SQLite is not partitioned; it gains the same county columns and the same dedup key, so every
 * statement and conflict target is the same on both databases.
 */

/** In conversion order: a table's county comes from `records`, which is still the old table then. */
const TABLES = ['records', 'cases', 'case_events', 'evidence', 'indicator_cells'] as const;
/** Tables that had no county_id: it is their record's. */
const COUNTY_FROM_RECORD = new Set(['case_events', 'evidence']);
const PARTITIONS = 16;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return upSqlite(db);
  const present = new Set(
    (
      await sql<{
        name: string;
      }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)
    ).rows.map((r) => r.name),
  );
  const tables = TABLES.filter((t) => present.has(t));
  const converted = new Set<string>(tables);

  // What to rebuild on the new tables, read before the old ones go.
  const constraints = (
    await sql<{ table: string; name: string; type: string; def: string; target: string | null }>`
      select c.conrelid::regclass::text as "table", c.conname as name, c.contype as type,
             pg_get_constraintdef(c.oid) as def, c.confrelid::regclass::text as target
      from pg_constraint c
      where c.contype in ('p', 'u', 'f')
        and (c.conrelid::regclass::text = any(${tables}) or c.confrelid::regclass::text = any(${tables}))
      order by c.conname`.execute(db)
  ).rows;
  const indexes = (
    await sql<{ table: string; name: string; def: string; unique: boolean }>`
      select i.indrelid::regclass::text as "table", i.indexrelid::regclass::text as name,
             pg_get_indexdef(i.indexrelid) as def, i.indisunique as unique
      from pg_index i
      where i.indrelid::regclass::text = any(${tables})
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by 2`.execute(db)
  ).rows;

  // Links from other tables into these ones cannot be foreign keys any more.
  for (const c of constraints)
    if (c.type === 'f' && converted.has(c.target ?? '') && !converted.has(c.table))
      await sql`alter table ${sql.id(c.table)} drop constraint ${sql.id(c.name)}`.execute(db);

  for (const t of tables) await copyIntoPartitioned(db, t);
  await sql.raw(`drop table ${[...tables].reverse().join(', ')}`).execute(db);
  for (const t of tables) {
    await sql`alter table ${sql.id(`${t}_partitioned`)} rename to ${sql.id(t)}`.execute(db);
    const seq = await identitySequence(db, t);
    if (seq) await sql.raw(`alter sequence ${seq} rename to ${t}_id_seq`).execute(db);
  }

  // Keys first (foreign keys need the referenced key), then the other indexes.
  const own = constraints.filter((c) => converted.has(c.table));
  for (const c of own.filter((c) => c.type !== 'f'))
    await sql
      .raw(`alter table ${c.table} add constraint ${c.name} ${withCounty(c.def, ['PRIMARY KEY', 'UNIQUE'])}`)
      .execute(db);
  for (const c of own.filter((c) => c.type === 'f')) {
    const def = converted.has(c.target ?? '') ? colocatedReference(c.def) : c.def;
    await sql.raw(`alter table ${c.table} add constraint ${c.name} ${def}`).execute(db);
  }
  for (const t of tables.filter((t) => COUNTY_FROM_RECORD.has(t)))
    await sql
      .raw(`alter table ${t} add constraint ${t}_county_id_fkey foreign key (county_id) references orgs(id)`)
      .execute(db);
  for (const i of indexes) await sql.raw(i.unique ? withCountyIndex(i.def) : i.def).execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0026_partition_by_county cannot be undone: restore the backup taken before upgrading'),
  );
}

/** Creates `<t>_partitioned` with t's columns (and county_id), its 16 partitions, and copies t's rows. */
async function copyIntoPartitioned(db: Kysely<any>, t: string): Promise<void> {
  const twin = `${t}_partitioned`;
  const addCounty = COUNTY_FROM_RECORD.has(t);
  const county = addCounty ? ', county_id integer not null' : '';
  await sql
    .raw(
      `create table ${twin} (like ${t} including defaults including identity${county}) partition by hash (county_id)`,
    )
    .execute(db);
  for (let i = 0; i < PARTITIONS; i++)
    await sql
      .raw(
        `create table ${t}_p${i} partition of ${twin} for values with (modulus ${PARTITIONS}, remainder ${i})`,
      )
      .execute(db);
  const cols = (
    await sql<{ name: string }>`
      select attname as name from pg_attribute
      where attrelid = ${t}::regclass and attnum > 0 and not attisdropped order by attnum`.execute(db)
  ).rows.map((r) => `"${r.name}"`);
  const list = cols.join(', ');
  await sql
    .raw(
      addCounty
        ? `insert into ${twin} (${list}, county_id) overriding system value
           select ${cols.map((c) => `x.${c}`).join(', ')}, r.county_id from ${t} x join records r on r.id = x.record_id`
        : `insert into ${twin} (${list}) overriding system value select ${list} from ${t}`,
    )
    .execute(db);
  // Ids continue from the old sequence's position, not from the highest id left: a deleted record's
  // id is never given out again (the audit log names records by id).
  const [oldSeq, newSeq] = [await identitySequence(db, t), await identitySequence(db, twin)];
  if (oldSeq && newSeq)
    await sql.raw(`select setval('${newSeq}', s.last_value, s.is_called) from ${oldSeq} s`).execute(db);
}

async function identitySequence(db: Kysely<any>, t: string): Promise<string | null> {
  const r = await sql<{ seq: string | null }>`
    select pg_get_serial_sequence(${t}, a.attname) as seq from pg_attribute a
    where a.attrelid = ${t}::regclass and a.attidentity <> '' limit 1`.execute(db);
  return r.rows[0]?.seq ?? null;
}

/** `PRIMARY KEY (id)` → `PRIMARY KEY (id, county_id)`: a partitioned table's keys include the partition key. */
function withCounty(def: string, kinds: readonly string[]): string {
  const m = /^(PRIMARY KEY|UNIQUE) \(([^)]*)\)(.*)$/.exec(def);
  if (!m || !kinds.includes(m[1]!)) throw new Error(`0026: unexpected key ${def}`);
  const cols = m[2]!.split(', ');
  return cols.includes('county_id') ? def : `${m[1]} (${[...cols, 'county_id'].join(', ')})${m[3]}`;
}

/** A unique index gains county_id the same way; one with a WHERE or INCLUDE clause is not expected here. */
function withCountyIndex(def: string): string {
  const m = /^(CREATE UNIQUE INDEX .* USING \w+ )\(([^)]*)\)$/.exec(def);
  if (!m) throw new Error(`0026: unexpected unique index ${def}`);
  const cols = m[2]!.split(', ');
  return cols.includes('county_id') ? def : `${m[1]}(${[...cols, 'county_id'].join(', ')})`;
}

/** `FOREIGN KEY (record_id) REFERENCES records(id) …` → the same through the county: both sides colocated. */
function colocatedReference(def: string): string {
  const m = /^FOREIGN KEY \(([^)]*)\) REFERENCES (\w+)\(([^)]*)\)(.*)$/.exec(def);
  if (!m) throw new Error(`0026: unexpected foreign key ${def}`);
  return `FOREIGN KEY (${m[1]}, county_id) REFERENCES ${m[2]}(${m[3]}, county_id)${m[4]}`;
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  for (const t of COUNTY_FROM_RECORD) {
    await sql.raw(`alter table ${t} add column county_id integer references orgs(id)`).execute(db);
    await sql
      .raw(`update ${t} set county_id = (select r.county_id from records r where r.id = ${t}.record_id)`)
      .execute(db);
  }
  await db.schema.dropIndex('records_dedup').execute();
  await db.schema
    .createIndex('records_dedup')
    .on('records')
    .columns(['township_id', 'dedup_key', 'county_id'])
    .unique()
    .execute();
}
