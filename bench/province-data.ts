import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { APPROX_KEY } from '../src/catalogue/indicators.ts';
import { kinds, type RecordKind } from '../src/catalogue/kinds.ts';
import { validateRecord, dedupKey, type CleanRecord } from '../src/core/records.ts';
import type { Db } from '../src/db/connect.ts';
import { insertOrg } from '../src/db/orgs.repo.ts';
import { toOrg, type Org } from '../src/services/orgs.ts';
import { rng, syntheticDrafts } from './synthetic.ts';

/** Records of the full-size province (scale 1): 1,500 townships × 5 years × 4,000. */
export const PROVINCE_RECORDS = 30_000_000;
export const PROVINCE_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

export interface ProvincePlan {
  readonly scale: number;
  readonly counties: number;
  readonly townshipsPerCounty: number;
  readonly years: readonly number[];
  /** Records in all, spread evenly over townships and years. */
  readonly records: number;
}

export function provincePlan(scale: number, counties = 100, townshipsPerCounty = 15): ProvincePlan {
  if (!(scale > 0)) throw new Error(`规模“${scale}”无效，应为大于 0 的数（1 = 3,000 万条）`);
  return {
    scale,
    counties,
    townshipsPerCounty,
    years: PROVINCE_YEARS,
    records: Math.round(PROVINCE_RECORDS * scale),
  };
}

export interface ProvinceCounty {
  readonly county: Org;
  readonly townships: readonly Org[];
}

/** The organisation tree, inserted as the CLI and API insert organisations. */
export async function insertProvinceOrgs(h: Db, plan: ProvincePlan): Promise<ProvinceCounty[]> {
  const now = '2021-01-01T00:00:00.000Z';
  return h.db.transaction().execute(async (trx) => {
    const out: ProvinceCounty[] = [];
    for (let c = 0; c < plan.counties; c++) {
      const cc = String(c).padStart(2, '0');
      const county = toOrg(
        await insertOrg(
          trx,
          { code: `91${cc}00`, name: `基准${c + 1}县`, kind: 'county', parentId: null },
          now,
        ),
      );
      const townships: Org[] = [];
      for (let t = 1; t <= plan.townshipsPerCounty; t++) {
        const tt = String(t).padStart(2, '0');
        townships.push(
          toOrg(
            await insertOrg(
              trx,
              { code: `91${cc}${tt}`, name: `基准${c + 1}县${t}镇`, kind: 'township', parentId: county.id },
              now,
            ),
          ),
        );
      }
      out.push({ county, townships });
    }
    return out;
  });
}

// How often each kind occurs in a township's year, relative to a kind of weight 1: exam scores (one
// row per person per exam), disclosures, disputes and publicity dominate real ledgers; registry
// kinds are a few rows a year.
const WEIGHTS: Readonly<Record<string, number>> = {
  exam_score: 30,
  disclosure_item: 10,
  dispute: 10,
  publicity_event: 8,
  petition: 5,
  petition_reception: 4,
  study_session: 5,
  inspection: 5,
  adviser_consultation: 3,
  legal_review: 2,
  legal_opinion: 2,
  penalty: 2,
  leadership_meeting: 1,
  leader_duty: 1,
  exam: 1,
  safety_meeting: 1,
  safety_drill: 1,
  disclosure_request: 1,
  grid_member: 1,
  power: 1,
  model_household: 0.5,
  legal_literate: 0.5,
  grid: 0.3,
  enforcement_certificate: 0.3,
  major_decision: 0.3,
  lawsuit: 0.2,
  lawsuit_hearing: 0.2,
  review_response: 0.1,
  principal_leader: 0.05,
  commitment: 0.1,
};

// A cumulative table of 4,096 slots, so picking a kind is one index.
const SLOTS = 4096;
const kindSlots: RecordKind[] = (() => {
  const total = kinds.reduce((s, k) => s + (WEIGHTS[k.id] ?? 1), 0);
  const out: RecordKind[] = [];
  for (const k of kinds) {
    const n = Math.max(1, Math.round(((WEIGHTS[k.id] ?? 1) / total) * SLOTS));
    for (let i = 0; i < n; i++) out.push(k);
  }
  while (out.length < SLOTS) out.push(kinds.find((k) => k.id === 'exam_score')!);
  return out.slice(0, SLOTS);
})();

const TEMPLATES_PER_KIND = 64;
/** People per township who sit exams (distinct-person indicators count among them). */
const PEOPLE = 300;

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
}

const addDaysIso = (iso: string, n: number): string =>
  new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/** Numeric fields of a kind, for approximate marks (200余份). */
const numericFields = new Map(
  kinds.map((k) => [k.id, k.fields.filter((f) => f.type === 'int' || f.type === 'number').map((f) => f.key)]),
);

/** Validated data of every kind for one year, from the synthetic drafts the other benchmarks use. */
function templatesFor(year: number): Map<string, CleanRecord[]> {
  const out = new Map<string, CleanRecord[]>();
  for (const [i, k] of kinds.entries()) {
    const list: CleanRecord[] = [];
    for (const { draft } of syntheticDrafts(TEMPLATES_PER_KIND, year, 7919 * (i + 1) + year, k)) {
      const v = validateRecord(k, draft);
      if (!v.ok) throw new Error(`${k.id}: ${JSON.stringify(v.errors)}`);
      list.push(v.value);
    }
    out.set(k.id, list);
  }
  return out;
}

/** The data in catalogue key order (as validateRecord writes it), the approximate mark last. */
function ordered(kind: RecordKind, d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) if (d[f.key] !== undefined) out[f.key] = d[f.key];
  if (d[APPROX_KEY] !== undefined) out[APPROX_KEY] = d[APPROX_KEY];
  return out;
}

const pickOf = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One generated record, as the indicator code reads a row (dates ISO, data parsed). */
export interface GeneratedRecord {
  readonly kind: string;
  readonly date: string;
  readonly endDate: string | null;
  readonly title: string;
  readonly data: Record<string, unknown>;
  readonly dataJson: string;
}

/**
 * The records of one township, `perYear` in each year, seeded by the township's index so every run
 * makes the same province. Titles carry a sequence number, so no two records share a dedup key.
 */
export function* townshipRecords(
  plan: ProvincePlan,
  townshipIndex: number,
  perYear: number,
  templates: ReadonlyMap<number, Map<string, CleanRecord[]>>,
): Generator<GeneratedRecord> {
  const r = rng(0x5eed + townshipIndex * 7919);
  const firstYear = plan.years[0]!;
  const lastYear = plan.years[plan.years.length - 1]!;
  let seq = 0;
  for (const year of plan.years) {
    const days = dayTable(year);
    const tpl = templates.get(year)!;
    for (let i = 0; i < perYear; i++) {
      const kind = kindSlots[Math.floor(r() * SLOTS)]!;
      const t = pickOf(r, tpl.get(kind.id)!);
      let date = days[Math.floor(r() * days.length)]!;
      let endDate: string | null = null;
      let data: Record<string, unknown> = t.data;
      let changed = false;
      const set = (k: string, v: unknown) => {
        if (!changed) data = { ...data };
        changed = true;
        if (v === undefined) delete data[k];
        else data[k] = v;
      };
      if (kind.temporal === 'registry') {
        // Registered any time from three years before the first year; a quarter ended since.
        const y = firstYear - 3 + Math.floor(r() * (lastYear - firstYear + 4));
        const d = dayTable(y);
        date = d[Math.floor(r() * d.length)]!;
        if (r() < 0.25) endDate = addDaysIso(date, 30 + Math.floor(r() * 1500));
      }
      switch (kind.id) {
        case 'exam_score':
          set('person', `${townshipIndex}-人员${Math.floor(r() * PEOPLE)}`);
          break;
        case 'dispute': {
          const s = r();
          const status = s < 0.7 ? 'resolved' : s < 0.9 ? 'pending' : 'failed';
          set('status', status);
          set('dueDate', addDaysIso(date, 30));
          set('closedDate', status === 'pending' ? undefined : addDaysIso(date, Math.floor(r() * 45)));
          break;
        }
        case 'petition': {
          const closed = r() < 0.6;
          set('status', closed ? 'closed' : pickOf(r, ['registered', 'accepted', 'not_accepted']));
          set('dueDate', addDaysIso(date, 60));
          set('closedDate', closed ? addDaysIso(date, Math.floor(r() * 75)) : undefined);
          break;
        }
      }
      const numeric = numericFields.get(kind.id)!;
      if (numeric.length > 0 && r() < 0.05) {
        const f = pickOf(r, numeric);
        if (typeof data[f] === 'number') set(APPROX_KEY, `,${f},`);
      }
      if (changed) data = ordered(kind, data);
      const title = `${kind.label}${townshipIndex}-${seq++}`;
      const dataJson = changed ? JSON.stringify(data) : jsonOf(t);
      yield { kind: kind.id, date, endDate, title, data, dataJson };
    }
  }
}

const dayTables = new Map<number, string[]>();
function dayTable(year: number): string[] {
  let d = dayTables.get(year);
  if (!d) dayTables.set(year, (d = daysOf(year)));
  return d;
}

const jsonCache = new WeakMap<CleanRecord, string>();
function jsonOf(t: CleanRecord): string {
  let s = jsonCache.get(t);
  if (s === undefined) jsonCache.set(t, (s = JSON.stringify(t.data)));
  return s;
}

/** The templates of every year of the plan (a few thousand validated drafts). */
export function provinceTemplates(plan: ProvincePlan): Map<number, Map<string, CleanRecord[]>> {
  return new Map(plan.years.map((y) => [y, templatesFor(y)]));
}

const COPY_COLUMNS =
  'county_id, township_id, org_id, kind, date, end_date, title, data, dedup_key, import_id, created_by, created_at, updated_at';
const NOW = '2026-01-01T00:00:00.000Z';

// COPY text format: backslash, tab, newline and carriage return are escaped in values.
const SPECIAL = /[\\\t\n\r]/;
const esc = (s: string): string =>
  SPECIAL.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : s;

export function copyLine(countyId: number, townshipId: number, g: GeneratedRecord): string {
  const clean: CleanRecord = {
    date: g.date,
    endDate: g.endDate,
    title: g.title,
    data: g.data as CleanRecord['data'],
  };
  const key = dedupKey(g.kind, null, clean, g.dataJson);
  return `${countyId}\t${townshipId}\t\\N\t${g.kind}\t${g.date}\t${g.endDate ?? '\\N'}\t${esc(g.title)}\t${esc(g.dataJson)}\t${key}\t\\N\t\\N\t${NOW}\t${NOW}\n`;
}

export interface LoadProgress {
  rows: number;
}

/** What a consumer does with each generated record besides loading it (the indicator cells). */
export type RecordSink = (countyId: number, townshipId: number, g: GeneratedRecord) => void;

/** Runs on the county's connection once its records are in (COPYing what the sink gathered). */
export type AfterCounty = (client: pg.Client, countyId: number) => Promise<void>;

/**
 * COPYs one county's records (every township, every year) on its own connection, in chunks of
 * about 1 MB so the driver's buffer stays small.
 */
async function copyCounty(
  client: pg.Client,
  plan: ProvincePlan,
  pc: ProvinceCounty,
  countyIndex: number,
  templates: ReadonlyMap<number, Map<string, CleanRecord[]>>,
  progress: LoadProgress,
  sink?: RecordSink,
  afterCounty?: AfterCounty,
): Promise<void> {
  const townships = plan.counties * plan.townshipsPerCounty;
  const perYear = (i: number) => {
    // Spread the total exactly: the first (records mod n) township-years get one more.
    const all = plan.records / plan.years.length;
    const base = Math.floor(all / townships);
    return base + (i < Math.round(all - base * townships) ? 1 : 0);
  };
  const stream = client.query(copyFrom(`copy records (${COPY_COLUMNS}) from stdin`));
  function* chunks() {
    let buf = '';
    for (const [t, org] of pc.townships.entries()) {
      const index = countyIndex * plan.townshipsPerCounty + t;
      for (const g of townshipRecords(plan, index, perYear(index), templates)) {
        buf += copyLine(pc.county.id, org.id, g);
        sink?.(pc.county.id, org.id, g);
        progress.rows++;
        if (buf.length > 1 << 19) {
          yield buf;
          buf = '';
        }
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), stream as unknown as Writable);
  await afterCounty?.(client, pc.county.id);
}

interface Saved {
  readonly indexes: string[];
  /** Constraints to add back, keys before the foreign keys that need them. */
  readonly constraints: { table: string; name: string; def: string }[];
}

/**
 * Drops the indexes and constraints of a table (and the foreign keys of other tables that point
 * at it), returning their definitions: COPY into a bare table is about twice as fast as into one
 * whose primary key is maintained row by row, and one index build after the load is cheaper still.
 */
async function dropSecondary(c: pg.Client, table: string): Promise<Saved> {
  const cons = await c.query<{ table: string; name: string; def: string; type: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def, contype as type
       from pg_constraint
      where conparentid = 0 and contype in ('p', 'u', 'f')
        and (conrelid = $1::regclass or confrelid = $1::regclass)`,
    [table],
  );
  const idx = await c.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes i
     where schemaname = current_schema() and tablename = $1
       and not exists (select 1 from pg_constraint k where k.conname = i.indexname and k.conrelid = $1::regclass)`,
    [table],
  );
  const fks = cons.rows.filter((k) => k.type === 'f');
  const keys = cons.rows.filter((k) => k.type !== 'f');
  for (const k of [...fks, ...keys]) await c.query(`alter table ${k.table} drop constraint "${k.name}"`);
  for (const i of idx.rows) await c.query(`drop index "${i.name}"`);
  return { indexes: idx.rows.map((i) => i.def), constraints: [...keys, ...fks] };
}

export interface LoadTimes {
  readonly rows: number;
  readonly copyMs: number;
  readonly indexMs: number;
  readonly constraintMs: number;
  /** VACUUM (ANALYZE) of the whole database. */
  readonly analyzeMs: number;
}

/**
 * Loads the plan's records into an empty `records` table: secondary indexes and foreign keys
 * dropped, `streams` counties COPYing at once, then the indexes built, the keys validated and
 * the table analysed. Progress to stderr in Chinese.
 */
export async function loadProvinceRecords(
  url: string,
  plan: ProvincePlan,
  tree: readonly ProvinceCounty[],
  o: {
    streams: number;
    sink?: RecordSink;
    afterCounty?: AfterCounty;
    /** Other tables the load fills, whose keys and indexes are likewise built after it. */
    alsoTables?: readonly string[];
    quiet?: boolean;
  },
): Promise<LoadTimes> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const say = (s: string) => {
    if (!o.quiet) process.stderr.write(s);
  };
  try {
    const saved: Saved = { indexes: [], constraints: [] };
    for (const table of ['records', ...(o.alsoTables ?? [])]) {
      const d = await dropSecondary(admin, table);
      saved.indexes.push(...d.indexes);
      saved.constraints.push(...d.constraints);
    }
    const templates = provinceTemplates(plan);
    const progress: LoadProgress = { rows: 0 };
    const t0 = performance.now();
    const timer = setInterval(() => {
      const s = (performance.now() - t0) / 1000;
      say(
        `\r  已写入 ${progress.rows.toLocaleString('en-US')} / ${plan.records.toLocaleString('en-US')} 条（${Math.round(progress.rows / s).toLocaleString('en-US')} 条/秒）`,
      );
    }, 2000);
    let next = 0;
    const worker = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('set synchronous_commit = off');
        for (let i = next++; i < tree.length; i = next++)
          await copyCounty(c, plan, tree[i]!, i, templates, progress, o.sink, o.afterCounty);
      } finally {
        await c.end();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, o.streams) }, worker));
    } finally {
      clearInterval(timer);
    }
    const copyMs = performance.now() - t0;
    say(
      `\r  已写入 ${progress.rows.toLocaleString('en-US')} 条，用时 ${(copyMs / 1000).toFixed(1)} 秒（${Math.round(progress.rows / (copyMs / 1000)).toLocaleString('en-US')} 条/秒）\n`,
    );
    await admin.query(`set maintenance_work_mem = '1GB'`);
    await admin.query('set max_parallel_maintenance_workers = 2');
    const t1 = performance.now();
    for (const def of saved.indexes) {
      say(`  建立索引：${def.replace(/^CREATE (UNIQUE )?INDEX (\S+).*/, '$2')}…\n`);
      // A partitioned table's index is listed as `ON ONLY` the parent: built that way it would cover
      // no partition. Without ONLY it is built on every partition and attached.
      await admin.query(def.replace(/ ON ONLY /, ' ON '));
    }
    const indexMs = performance.now() - t1;
    const t2 = performance.now();
    for (const k of saved.constraints) {
      say(`  约束：${k.name}…\n`);
      await admin.query(`alter table ${k.table} add constraint "${k.name}" ${k.def}`);
    }
    const constraintMs = performance.now() - t2;
    const t3 = performance.now();
    // VACUUM as well as ANALYZE: a freshly copied table is vacuumed by autovacuum soon after, and
    // a vacuum of 30 million rows running during the measurements below would take their CPU.
    say('  清理与统计信息（VACUUM ANALYZE）…\n');
    await admin.query('vacuum (analyze)');
    const analyzeMs = performance.now() - t3;
    return { rows: progress.rows, copyMs, indexMs, constraintMs, analyzeMs };
  } finally {
    await admin.end();
  }
}

/** Sizes of the records (table, indexes), the indicator cells (with their indexes) and the database, in bytes. */
export async function databaseSizes(
  url: string,
): Promise<{ records: number; recordIndexes: number; cells: number; database: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ t: string; i: string; c: string | null; d: string }>(
      `select coalesce(sum(pg_table_size(relid)), pg_table_size('records')) as t,
              coalesce(sum(pg_indexes_size(relid)), pg_indexes_size('records')) as i,
              coalesce((select sum(pg_total_relation_size(relid)) from pg_partition_tree(to_regclass('indicator_cells'))),
                       pg_total_relation_size(to_regclass('indicator_cells'))) as c,
              pg_database_size(current_database()) as d
         from pg_partition_tree('records')`,
    );
    const r = rows[0]!;
    return {
      records: Number(r.t),
      recordIndexes: Number(r.i),
      cells: Number(r.c ?? 0),
      database: Number(r.d),
    };
  } finally {
    await c.end();
  }
}
