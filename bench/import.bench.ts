import pg from 'pg';
import { getKind } from '../src/catalogue/kinds.ts';
import type { NewRecordRow } from '../src/db/schema.ts';
import { importLedger } from '../src/services/ledger-io/index.ts';
import { prepareRows } from '../src/services/records.ts';
import { benchCounty, benchDatabases } from './dbs.ts';
import { fmt, type Bench, type BenchRow } from './harness.ts';
import { syntheticDrafts } from './synthetic.ts';

const COLS = [
  'county_id',
  'township_id',
  'org_id',
  'kind',
  'date',
  'end_date',
  'title',
  'data',
  'dedup_key',
  'import_id',
  'created_by',
  'created_at',
  'updated_at',
] as const;

const csvCell = (v: unknown) => {
  const s =
    typeof v === 'boolean'
      ? v
        ? '是'
        : '否'
      : typeof v === 'string' || typeof v === 'number'
        ? String(v)
        : '';
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Import of N ledger rows from a CSV file (read, map headers, validate, dedup, insert, all in one
 * transaction) beside a raw prepared-statement insert of the same rows. Target ≥ 50% of the raw rate.
 */
export const bench: Bench = {
  name: '台账导入',
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 100_000;
    const kind = getKind('publicity_event');
    const drafts = syntheticDrafts(n, 2024, 7, kind);
    const header = [kind.dateLabel, kind.titleLabel, ...kind.fields.map((f) => f.label)];
    const lines = [header.join(',')];
    for (const { draft } of drafts) {
      lines.push(
        [draft.date, draft.title, ...kind.fields.map((f) => draft.data[f.key])].map(csvCell).join(','),
      );
    }
    const csv = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const rows: BenchRow[] = [];
    // Warm-up: run the import code path once on throwaway data so the JIT has compiled it, as the
    // raw path's few lines are compiled almost at once.
    for (const w of await benchDatabases({ ...ctx, pgUrl: undefined })) {
      const { townships } = await benchCounty(w.h, 1);
      const warm = Buffer.from(lines.slice(0, Math.min(lines.length, 20_001)).join('\n') + '\n', 'utf8');
      await importLedger(w.h, {
        township: townships[0]!,
        fileName: 'warm-up.csv',
        bytes: warm,
        createdBy: null,
        now: '2024-01-01T00:00:00Z',
      });
      await w.dispose();
    }
    // Raw insert and import each get a fresh database, so neither pays for the other's index growth.
    const rawDbs = await benchDatabases(ctx);
    const importDbs = await benchDatabases(ctx);
    for (const [i, rb] of rawDbs.entries()) {
      const ib = importDbs[i]!;
      try {
        const rawOrg = await benchCounty(rb.h, 1);
        const ready: NewRecordRow[] = prepareRows(
          kind,
          rawOrg.townships[0]!,
          rawOrg.county.id,
          new Map(),
          drafts.map((d) => d.draft),
          {
            now: '2024-01-01',
            createdBy: null,
            importId: null,
          },
        ).rows;
        let t = performance.now();
        if (rb.name === 'sqlite') {
          const raw = rb.h.sqlite!;
          const stmt = raw.prepare(
            `insert into records (${COLS.join(',')}) values (${COLS.map(() => '?').join(',')})`,
          );
          raw.transaction(() => {
            for (const r of ready) stmt.run(...COLS.map((c) => r[c] ?? null));
          })();
        } else {
          const c = new pg.Client({ connectionString: rb.url });
          await c.connect();
          await c.query('begin');
          const text = `insert into records (${COLS.join(',')}) values (${COLS.map((_, j) => `$${j + 1}`).join(',')})`;
          for (const r of ready)
            await c.query({ name: 'raw_insert', text, values: COLS.map((col) => r[col] ?? null) });
          await c.query('commit');
          await c.end();
        }
        const rawRate = n / ((performance.now() - t) / 1000);
        const { townships } = await benchCounty(ib.h, 1);
        t = performance.now();
        const rep = await importLedger(ib.h, {
          township: townships[0]!,
          fileName: '宣传活动台账.csv',
          bytes: csv,
          createdBy: null,
          now: '2024-01-01T00:00:00Z',
        });
        const importRate = n / ((performance.now() - t) / 1000);
        if (rep.errors.length > 0 || rep.inserted !== n)
          throw new Error(
            `import failed: ${JSON.stringify(rep.errors.slice(0, 3))} inserted ${rep.inserted}`,
          );
        const ratio = importRate / rawRate;
        rows.push({
          name: `导入 ${fmt(n)} 行 CSV 台账（解析、校验、去重、写入）`,
          db: rb.name,
          measured: `${fmt(importRate)} 行/秒`,
          limit: `${fmt(rawRate)} 行/秒（预编译逐行插入）`,
          ratio,
          target: '≥ 0.50',
          pass: ratio >= 0.5,
        });
      } finally {
        await rb.dispose();
        await ib.dispose();
      }
    }
    return rows;
  },
};
