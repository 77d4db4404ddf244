// Child process of bench/import.bench.ts: imports one .xlsx into a fresh SQLite database and
// prints {rows, inserted, ms, baseRss, maxRss} as JSON. Run alone so its peak RSS is the import's.
import { readFileSync } from 'node:fs';
import { systemPrincipal } from '../src/services/access.ts';
import { actorOf } from '../src/services/audit.ts';
import { importRecords } from '../src/services/ledger-batches.ts';
import { benchCounty, benchDatabases } from './dbs.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: xlsx-import-child.ts FILE.xlsx');
const bytes = readFileSync(file);
const [db] = await benchDatabases({ quick: false });
try {
  const { townships } = await benchCounty(db!.h, 1);
  const baseRss = process.resourceUsage().maxRSS * 1024;
  const t = performance.now();
  const p = systemPrincipal('bench');
  const input = {
    townshipId: townships[0]!.id,
    fileName: '宣传活动台账.xlsx',
    bytes,
    // The template's file holds 100k rows in well under 20 MB; the limit is not what is measured.
    maxBytes: 100 * 1024 * 1024,
  };
  const r = await importRecords(db!.h, p, actorOf(p, null), input, '2024-01-01T00:00:00Z');
  const ms = performance.now() - t;
  if (r.errors.length > 0) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ rows: r.rows, inserted: r.inserted, ms, baseRss, maxRss }) + '\n');
} finally {
  await db!.dispose();
}
