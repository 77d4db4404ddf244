import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../core/dates.ts';
import { DEMO_PASSWORD, generateDemo, type DemoResult } from '../services/demo/index.ts';
import { openFileStore, type FileStore } from '../services/file-store.ts';
import { computeIndicators } from '../services/indicators.ts';
import { addEvidence, deleteRecord, editRecord } from '../services/ledger-writes.ts';
import { openCaseAt } from '../testing/cases.ts';
import { scratchPostgres } from '../testing/databases.ts';
import { addRecord, setup } from '../testing/fixtures.ts';
import { openDb, type Db } from './connect.ts';
import { migrateTo, migrateToLatest, migrationNames } from './migrate.ts';
import { insertRecords } from './records.repo.ts';

const PARTITION = '0026_partition_by_county';
const BEFORE = migrationNames[migrationNames.indexOf(PARTITION) - 1]!;
const NOW = '2025-06-30T02:00:00.000Z';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Tables the migration converts, when present; indicator_cells comes with the aggregates (0024). */
const CONVERTED = ['records', 'cases', 'case_events', 'evidence', 'indicator_cells'] as const;

interface Snapshot {
  counts: Record<string, number>;
  maxIds: Record<string, number>;
  indicators: Record<string, unknown>;
}

const targets: { name: string; open: () => Promise<{ h: Db; drop: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    open: () => Promise.resolve({ h: openDb('sqlite::memory:'), drop: () => Promise.resolve() }),
  },
];
const pgUrl = process.env.FAZHI_TEST_PG;
if (pgUrl)
  targets.push({
    name: 'postgres',
    async open() {
      const s = await scratchPostgres(pgUrl);
      return { h: openDb(s.url), drop: () => s.drop() };
    },
  });

async function tableNames(h: Db): Promise<Set<string>> {
  return new Set((await h.db.introspection.getTables()).map((t) => t.name));
}

async function snapshot(h: Db, demo: DemoResult): Promise<Snapshot> {
  const present = await tableNames(h);
  const counts: Record<string, number> = {};
  const maxIds: Record<string, number> = {};
  for (const t of CONVERTED.filter((t) => present.has(t))) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(h.db);
    counts[t] = Number(r.rows[0]!.n);
  }
  for (const t of ['records', 'case_events', 'evidence']) {
    const r = await sql<{ m: number | string }>`select max(id) as m from ${sql.table(t)}`.execute(h.db);
    maxIds[t] = Number(r.rows[0]!.m);
  }
  const indicators: Record<string, unknown> = {};
  for (const org of [demo.county, ...demo.townships])
    for (const year of [demo.year - 1, demo.year])
      indicators[`${org.code}/${year}`] = await computeIndicators(h, org, yearPeriod(year));
  return { counts, maxIds, indicators };
}

for (const target of targets) {
  describe(`migration ${PARTITION} on ${target.name}, over the demo county`, () => {
    let h: Db;
    let drop: () => Promise<void>;
    let demo: DemoResult;
    let before: Snapshot;
    let dir: string;
    let store: FileStore;
    let evidenceRecord: number;

    beforeAll(async () => {
      ({ h, drop } = await target.open());
      dir = mkdtempSync(join(tmpdir(), 'fazhi-part-'));
      store = openFileStore(h, dir);
      await migrateTo(h, BEFORE);
      // Today's code writes county_id into case steps and evidence and conflicts on the dedup key
      // with the county: give the old schema those for the seeding, then take them away again, so
      // the migration meets the tables as the previous release left them.
      await sql`create unique index seed_dedup on records (township_id, dedup_key, county_id)`.execute(h.db);
      await sql`alter table case_events add column county_id integer`.execute(h.db);
      await sql`alter table evidence add column county_id integer`.execute(h.db);
      demo = await generateDemo(h, { now: NOW, year: 2024, townships: 2, password: DEMO_PASSWORD });
      const rec = await addRecord(
        h,
        demo.townships[1]!,
        'publicity_event',
        { date: '2024-12-04', title: '宪法日宣传', data: { form: 'street' } },
        NOW,
      );
      evidenceRecord = rec.id;
      await addEvidence(h, store, setup.p, setup.actor, rec.id, { name: '现场.png', bytes: PNG }, NOW);
      await sql`drop index seed_dedup`.execute(h.db);
      await sql`alter table case_events drop column county_id`.execute(h.db);
      await sql`alter table evidence drop column county_id`.execute(h.db);
      before = await snapshot(h, demo);
      await migrateToLatest(h);
    }, 300_000);

    afterAll(async () => {
      await h.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps every row and every indicator of the county, its townships and years', async () => {
      expect(before.counts.records).toBeGreaterThan(1000);
      expect(before.counts.case_events).toBeGreaterThan(100);
      expect(before.counts.evidence).toBe(1);
      const after = await snapshot(h, demo);
      expect(after.counts).toEqual(before.counts);
      expect(after.maxIds).toEqual(before.maxIds);
      expect(after.indicators).toEqual(before.indicators);
    });

    it("gives case steps and evidence their record's county", async () => {
      for (const t of ['case_events', 'evidence'] as const) {
        const r = await sql<{ n: number | string }>`
          select count(*) as n from ${sql.table(t)} x join records r on r.id = x.record_id
          where x.county_id = r.county_id`.execute(h.db);
        expect(Number(r.rows[0]!.n)).toBe(before.counts[t]);
      }
    });

    if (target.name === 'postgres')
      it('partitions each table by hash of county_id into 16 partitions', async () => {
        const present = await tableNames(h);
        for (const t of CONVERTED.filter((t) => present.has(t))) {
          const r = await sql<{ strategy: string; key: string; parts: number | string }>`
            select p.partstrat as strategy, a.attname as key,
                   (select count(*) from pg_inherits i where i.inhparent = p.partrelid) as parts
            from pg_partitioned_table p
            join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
            where p.partrelid = ${t}::regclass`.execute(h.db);
          expect(
            r.rows.map((x) => ({ ...x, parts: Number(x.parts) })),
            t,
          ).toEqual([{ strategy: 'h', key: 'county_id', parts: 16 }]);
        }
      });

    it('takes new records, edits, duplicates, case steps and evidence; ids continue', async () => {
      const town = demo.townships[0]!;
      const rec = await addRecord(
        h,
        town,
        'publicity_event',
        { date: '2025-03-01', title: '民法典进社区', data: { form: 'street' } },
        NOW,
      );
      expect(rec.id).toBeGreaterThan(before.maxIds.records!);
      const edited = await editRecord(
        h,
        setup.p,
        setup.actor,
        rec.id,
        { date: '2025-03-02', title: '民法典进社区（二）', data: { form: 'street' } },
        NOW,
      );
      expect(edited).toMatchObject({ id: rec.id, date: '2025-03-02', title: '民法典进社区（二）' });

      // The same row again: the conflict target (county, township, dedup key) skips it.
      const row = await h.db
        .selectFrom('records')
        .selectAll()
        .where('id', '=', rec.id)
        .executeTakeFirstOrThrow();
      const data = typeof row.data === 'string' ? row.data : JSON.stringify(row.data);
      expect(await insertRecords(h.db, [{ ...row, id: undefined, data }])).toBe(0);

      const c = await openCaseAt(
        h,
        town,
        'petition',
        { date: '2025-03-03', title: '拖欠工资', data: { petitionType: 'claim' } },
        [{ action: 'accept', date: '2025-03-05' }],
        { now: NOW },
      );
      expect(c.state).toBe('accepted');
      const events = await h.db
        .selectFrom('case_events')
        .select(['id', 'county_id'])
        .where('record_id', '=', c.id)
        .orderBy('seq')
        .execute();
      expect(events).toHaveLength(2);
      for (const e of events) {
        expect(Number(e.id)).toBeGreaterThan(before.maxIds.case_events!);
        expect(e.county_id).toBe(demo.county.id);
      }

      const ev = await addEvidence(
        h,
        store,
        setup.p,
        setup.actor,
        rec.id,
        { name: '照片.png', bytes: PNG },
        NOW,
      );
      expect(ev.id).toBeGreaterThan(before.maxIds.evidence!);
    });

    it("deletes a record's evidence with it", async () => {
      await deleteRecord(h, store, setup.p, setup.actor, evidenceRecord, NOW);
      const left = await h.db
        .selectFrom('evidence')
        .select('id')
        .where('record_id', '=', evidenceRecord)
        .execute();
      expect(left).toEqual([]);
    });
  });
}
