import pg from 'pg';
import { yearPeriod } from '../src/core/dates.ts';
import { insertRecords } from '../src/db/records.repo.ts';
import type { NewRecordRow } from '../src/db/schema.ts';
import { computeIndicators } from '../src/services/indicators.ts';
import { prepareRows } from '../src/services/records.ts';
import { benchCounty, benchDatabases } from './dbs.ts';
import { handwrittenSql, handwrittenValues } from './handwritten.ts';
import { bestOf, fmt, type Bench, type BenchRow } from './harness.ts';
import { syntheticDrafts } from './synthetic.ts';

const YEAR = 2024;
const TOWNSHIPS = 20;

/** Indicators for a county-year over N records, beside one hand-written SQL aggregate. Target ≤ 1.5×. */
export const bench: Bench = {
  name: '指标计算（县年度）',
  async run(ctx) {
    const total = ctx.quick ? 20_000 : 1_000_000;
    const rows: BenchRow[] = [];
    for (const b of await benchDatabases(ctx)) {
      try {
        const { county, townships } = await benchCounty(b.h, TOWNSHIPS);
        // Two years of data, so the period filter has rows to skip as it would in production.
        const per = Math.ceil(total / TOWNSHIPS / 2);
        for (const [i, t] of townships.entries()) {
          const batch: NewRecordRow[] = [];
          for (const year of [YEAR - 1, YEAR]) {
            for (const { kind, draft } of syntheticDrafts(per, year, i * 100 + year)) {
              const r = prepareRows(kind, t, county.id, new Map(), [draft], {
                now: '2024-01-01',
                createdBy: null,
                importId: null,
              });
              if (r.errors.length > 0) throw new Error(JSON.stringify(r.errors));
              batch.push(...r.rows);
            }
          }
          await b.h.db.transaction().execute((trx) => insertRecords(trx, batch));
        }
        const p = yearPeriod(YEAR);
        const sqlText = handwrittenSql(b.name);
        let raw: () => Promise<Record<string, unknown>>;
        let close = async () => {};
        if (b.name === 'sqlite') {
          b.h.sqlite!.exec('analyze');
          const stmt = b.h.sqlite!.prepare(sqlText);
          raw = () =>
            Promise.resolve(
              stmt.get({ county: county.id, from: p.from, to: p.to }) as Record<string, unknown>,
            );
        } else {
          const c = new pg.Client({ connectionString: b.url });
          c.on('error', () => {});
          await c.connect();
          await c.query('analyze');
          raw = async () =>
            (await c.query({ text: sqlText, values: [county.id, p.from, p.to] })).rows[0] as Record<
              string,
              unknown
            >;
          close = () => c.end();
        }
        let tHand: number;
        let tEngine: number;
        try {
          // Same numbers, or the comparison means nothing.
          const engine = await computeIndicators(b.h, county, p);
          const hand = handwrittenValues(await raw());
          for (const v of engine) {
            if (hand.get(v.key) !== v.value)
              throw new Error(`${v.key}: engine ${v.value} ≠ hand-written ${hand.get(v.key)}`);
          }
          const repeat = ctx.quick ? 3 : 5;
          tHand = await bestOf(repeat, raw);
          tEngine = await bestOf(repeat, () => computeIndicators(b.h, county, p));
        } finally {
          await close();
        }
        const ratio = tEngine / tHand;
        rows.push({
          name: `县年度全部 44 项指标，${fmt(total)} 条记录`,
          db: b.name,
          measured: `${fmt(tEngine, 1)} ms`,
          limit: `${fmt(tHand, 1)} ms（手写 SQL）`,
          ratio,
          target: '≤ 1.5',
          pass: ratio <= 1.5,
        });
      } finally {
        await b.dispose();
      }
    }
    return rows;
  },
};
