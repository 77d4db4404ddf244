import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startPostgres, type PgServer } from '../test/postgres-server.ts';
import type { Bench, BenchRow } from './harness.ts';

// npm run bench [-- name-filter] [--quick] [--scale x]: runs every bench/*.bench.ts and prints one table.
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const at = args.indexOf('--scale');
const scale = at >= 0 ? Number(args[at + 1]) : undefined;
if (scale !== undefined && !(scale > 0)) {
  console.error(`--scale 应为大于 0 的数（收到“${args[at + 1] ?? ''}”）`);
  process.exit(2);
}
const filter = args.find((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1));
const here = dirname(fileURLToPath(import.meta.url));

let server: PgServer | undefined;
let pgUrl = process.env.FAZHI_TEST_PG;
if (!pgUrl) {
  const r = await startPostgres();
  if ('error' in r) console.warn(`!!!!! 未测 PostgreSQL：${r.error}`);
  else {
    server = r;
    pgUrl = r.url;
  }
}

const rows: BenchRow[] = [];
try {
  for (const f of readdirSync(here)
    .filter((n) => n.endsWith('.bench.ts'))
    .sort()) {
    if (filter && !f.includes(filter)) continue;
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { bench: Bench };
    process.stderr.write(`运行 ${mod.bench.name}…\n`);
    rows.push(...(await mod.bench.run({ pgUrl, quick, ...(scale ? { scale } : {}) })));
  }
} finally {
  server?.stop();
}

const line = (c: string[]) => `| ${c.join(' | ')} |`;
console.log(line(['测量', '数据库', 'fazhi', '上限（同次测得）', '比值', '目标', '结果']));
console.log(line(['---', '---', '---:', '---:', '---:', '---', '---']));
for (const r of rows) {
  console.log(
    line([
      r.name,
      r.db ?? '—',
      r.measured,
      r.limit,
      r.ratio.toFixed(2),
      r.target,
      r.pass ? '达标' : r.beyond ? `未达标：本机不可达（${r.beyond}）` : '未达标',
    ]),
  );
}
