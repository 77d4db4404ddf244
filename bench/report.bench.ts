import { yearPeriod } from '../src/core/dates.ts';
import { computeIndicators } from '../src/services/indicators.ts';
import { generateDemo } from '../src/services/demo/index.ts';
import { generateReport } from '../src/services/report.ts';
import { benchDatabases } from './dbs.ts';
import { bestOf, fmt, type Bench, type BenchRow } from './harness.ts';

const YEAR = 2024;
const NOW = '2025-01-20T02:00:00.000Z';
/** One township's draft, queries included, should take no more than this. */
const TARGET_MS = 200;

/**
 * The annual report: one township's .docx with all its queries (beside the indicator queries alone),
 * and a county batch of 20 townships, on the demo county.
 */
export const bench: Bench = {
  name: '年度报告生成',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const townshipCount = ctx.quick ? 4 : 20;
    for (const b of await benchDatabases(ctx)) {
      try {
        const demo = await generateDemo(b.h, { year: YEAR, townships: townshipCount, seed: 7, now: NOW });
        const town = demo.townships[0]!;
        const repeat = ctx.quick ? 2 : 5;
        const queries = await bestOf(repeat, () =>
          Promise.all([
            computeIndicators(b.h, town, yearPeriod(YEAR)),
            computeIndicators(b.h, town, yearPeriod(YEAR - 1)),
          ]),
        );
        const one = await bestOf(repeat, () =>
          generateReport(b.h, { org: town, year: YEAR, format: 'docx', now: NOW }),
        );
        rows.push({
          name: `年度报告 .docx（1 个乡镇，含查询；其中指标查询 ${fmt(queries, 1)} ms）`,
          db: b.name,
          measured: `${fmt(one, 1)} ms`,
          limit: `${TARGET_MS} ms`,
          ratio: one / TARGET_MS,
          target: '≤ 1.00',
          pass: one <= TARGET_MS,
        });
        const batch = await bestOf(1, async () => {
          for (const t of demo.townships)
            await generateReport(b.h, { org: t, year: YEAR, format: 'docx', now: NOW });
        });
        rows.push({
          name: `县批量 ${demo.townships.length} 个乡镇 .docx`,
          db: b.name,
          measured: `${fmt(batch)} ms`,
          limit: `${fmt(TARGET_MS * demo.townships.length)} ms`,
          ratio: batch / (TARGET_MS * demo.townships.length),
          target: '≤ 1.00',
          pass: batch <= TARGET_MS * demo.townships.length,
        });
      } finally {
        await b.dispose();
      }
    }
    return rows;
  },
};
