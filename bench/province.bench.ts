import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { indicators } from '../src/catalogue/indicators.ts';
import { yearPeriod, type Period } from '../src/core/dates.ts';
import { finish, planAggregates, type IndicatorValue } from '../src/core/indicators.ts';
import type { Db } from '../src/db/connect.ts';
import { evaluateAggregates } from '../src/db/indicators.repo.ts';
import { Admission } from '../src/http/admission.ts';
import { defaultRateLimits, RateLimiter } from '../src/http/rate-limit.ts';
import { rebuildCells } from '../src/db/indicator-cells.repo.ts';
import { computeIndicators, computeIndicatorsAll } from '../src/services/indicators.ts';
import { orgFilter, type Org } from '../src/services/orgs.ts';
import { createUsers } from '../src/services/users.ts';
import { costText, cpuSample, perRequest, requestBound, type CpuPerRequest } from './cpu.ts';
import { benchPostgres } from './dbs.ts';
import { handwrittenSql, handwrittenValues } from './handwritten.ts';
import { bestOf, fmt, type Bench, type BenchRow } from './harness.ts';
import { login, withServer } from './http.ts';
import {
  databaseSizes,
  insertProvinceOrgs,
  loadProvinceRecords,
  provincePlan,
  type ProvinceCounty,
} from './province-data.ts';
import { cellsDuringLoad, verifyProvince } from './province-cells.ts';
import { driveLoad, type LoadSession } from './province-load.ts';

const say = (s: string) => process.stderr.write(`${s}\n`);
const PASSWORD = 'Fazhi@2024';
const CONNECTIONS = 50;
const WRITE_SHARE = 0.05;
/** Township staff (one township in each of this many counties) and county officers in the load. */
const LOAD_TOWNSHIPS = 40;
const LOAD_COUNTIES = 10;
const mb = (n: number) => `${fmt(n / 1024 / 1024)} MB`;
/** Townships of each county whose every year the verification checks, besides every county-year. */
const SAMPLE = 2;
/** Counties rebuilt from their records, beside the cells computed while generating (one at full size: a rebuild reads every record back). */
const rebuilt = (scale: number) => (scale > 0.2 ? 1 : 3);

/** A plan's indicator values as a map, for comparing two ways of computing them. */
const valuesOf = (v: readonly IndicatorValue[]) => new Map(v.map((x) => [x.key, x.value]));

function sameValues(what: string, a: Map<string, number | null>, b: Map<string, number | null>): void {
  for (const [k, v] of a) {
    if (b.has(k) && b.get(k) !== v) throw new Error(`${what}：${k} 为 ${v}，对照为 ${b.get(k)}，结果不一致`);
  }
}

const PLAN = planAggregates(indicators);

/** The scan path: the indicator plan evaluated in one SQL pass over the organisation's records. */
async function scanIndicators(h: Db, org: Org, p: Period): Promise<IndicatorValue[]> {
  return finish(indicators, await evaluateAggregates(h.db, h.dialect, orgFilter(org), p, PLAN));
}

interface Raw {
  query(
    column: 'county_id' | 'township_id' | null,
    id: number | null,
    p: Period,
  ): Promise<Map<string, number | null>>;
  page(townshipId: number, p: Period): Promise<number>;
  close(): Promise<void>;
}

async function rawClient(url: string): Promise<Raw> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  const texts = new Map<string, string>();
  return {
    async query(column, id, p) {
      const key = String(column);
      if (!texts.has(key)) texts.set(key, handwrittenSql('postgres', column));
      const { rows } = await c.query({ text: texts.get(key)!, values: [id, p.from, p.to] });
      return handwrittenValues(rows[0] as Record<string, unknown>);
    },
    async page(townshipId, p) {
      const { rows } = await c.query({
        text: `select id, org_id, kind, date, end_date, title, data from records
                where township_id = $1 and date between $2 and $3 order by date desc, id desc limit 50`,
        values: [townshipId, p.from, p.to],
      });
      return rows.length;
    },
    close: () => c.end(),
  };
}

/** Milliseconds of one GET, best of `repeat`; fails on any status but 200. */
async function timedGet(port: number, path: string, cookie: string, repeat: number): Promise<number> {
  return bestOf(repeat, async () => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`GET ${path}：${r.status}`);
  });
}

/**
 * The province: 30M × scale records over 100 counties × 15 townships × 5 years, COPYed into
 * PostgreSQL, then every figure of issue #20 beside the full-scan SQL on the same data.
 */
export const bench: Bench = {
  name: '全省规模（PostgreSQL）',
  async run(ctx) {
    const scale = ctx.scale ?? (ctx.quick ? 0.001 : 1);
    const b = await benchPostgres(ctx);
    if (!b) {
      say('!!!!! 全省基准需要 PostgreSQL，未运行');
      return [];
    }
    const rows: BenchRow[] = [];
    const plan = provincePlan(scale);
    const year = plan.years[plan.years.length - 1]!;
    const p = yearPeriod(year);
    const repeat = 5;
    try {
      say(
        `全省基准：规模 ${scale}，${fmt(plan.records)} 条记录，${plan.counties} 个县 × ${plan.townshipsPerCounty} 个乡镇，${plan.years[0]}–${year} 年；本机 ${cpus().length} 核，${fmt(totalmem() / 2 ** 30)} GB 内存，负载 ${loadavg()[0]!.toFixed(1)}`,
      );
      const t = performance.now();
      const tree = await insertProvinceOrgs(b.h, plan);
      const orgMs = performance.now() - t;
      say(`组织树：${plan.counties * (plan.townshipsPerCounty + 1)} 个组织，${fmt(orgMs)} ms`);
      const streams = Number(process.env.FAZHI_BENCH_STREAMS ?? 2);
      say(`写入记录与指标汇总格（COPY，${streams} 路并行）…`);
      const cells = cellsDuringLoad();
      const load = await loadProvinceRecords(b.url, plan, tree, {
        streams,
        sink: cells.sink,
        afterCounty: cells.afterCounty,
        alsoTables: ['indicator_cells'],
      });
      const sizes = await databaseSizes(b.url);
      say(
        `指标汇总格：${fmt(cells.stats.cells)} 格（含索引 ${mb(sizes.cells)}），随生成计算 ${fmt(cells.stats.sinkMs / 1000, 1)} 秒，COPY ${fmt(cells.stats.copyMs / 1000, 1)} 秒`,
      );
      rows.push(await rebuildRow(b.h, b.url, tree, cells.stats, scale));

      say(`核对指标汇总格与全量扫描（每个县的每一年，每县抽 ${SAMPLE} 个乡镇的每一年）…`);
      const tv = performance.now();
      const v = await verifyProvince(b.h, tree, plan.years, SAMPLE, (n) => {
        if (n % 10 === 0) say(`  已核对 ${n} / ${tree.length} 个县`);
      });
      const verifyMs = performance.now() - tv;
      if (v.differences.length > 0) {
        for (const d of v.differences.slice(0, 10))
          say(
            `  不一致：县 ${d.countyId} 乡镇 ${d.townshipId ?? '（全县）'} ${d.year} 年 ${d.aggregate}：汇总格 ${d.cells}，扫描 ${d.scan}`,
          );
        throw new Error(`指标汇总格与全量扫描不一致 ${v.differences.length} 处，基准不计时`);
      }
      rows.push({
        name: `指标汇总格与全量扫描一致（${fmt(v.checked)} 组：全部县年度、每县 ${SAMPLE} 个乡镇的各年度，每组全部聚合）`,
        db: 'postgres',
        measured: '0 处不一致',
        limit: `核对用时 ${fmt(verifyMs / 1000, 1)} 秒`,
        ratio: 0,
        target: '0 处不一致',
        pass: true,
      });
      const loadMs = load.copyMs + load.indexMs + load.constraintMs + load.analyzeMs;
      say(
        `载入完成（记录与汇总格）：COPY ${fmt(load.copyMs / 1000, 1)} 秒，索引 ${fmt(load.indexMs / 1000, 1)} 秒，约束 ${fmt(load.constraintMs / 1000, 1)} 秒，VACUUM ANALYZE ${fmt(load.analyzeMs / 1000, 1)} 秒；记录表 ${mb(sizes.records)}，其索引 ${mb(sizes.recordIndexes)}，数据库 ${mb(sizes.database)}`,
      );
      rows.push({
        name: `载入 ${fmt(load.rows)} 条记录（COPY ${fmt(load.copyMs / 1000, 1)} 秒 + 索引 ${fmt(load.indexMs / 1000, 1)} 秒 + 约束 ${fmt(load.constraintMs / 1000, 1)} 秒 + VACUUM ANALYZE ${fmt(load.analyzeMs / 1000, 1)} 秒；表 ${mb(sizes.records)}，索引 ${mb(sizes.recordIndexes)}）`,
        db: 'postgres',
        measured: `${fmt(load.rows / (load.copyMs / 1000))} 条/秒`,
        limit: `共 ${fmt(loadMs / 1000, 1)} 秒`,
        ratio: 0,
        target: '—',
        pass: load.rows === plan.records,
      });

      const raw = await rawClient(b.url);
      try {
        rows.push(...(await indicatorRows(b.h, raw, tree, p, repeat, scale)));
        rows.push(...(await httpRows(b.h, raw, tree, year, repeat)));
      } finally {
        await raw.close();
      }
      say(`本机负载（1 分钟平均）：${loadavg()[0]!.toFixed(1)}`);
    } finally {
      await b.dispose();
    }
    return rows;
  },
};

/**
 * The cells computed during generation beside a rebuild from the loaded records (the cells code's
 * `rebuildCells`) of the first counties: the rebuild must give the same cells; its time for
 * the whole province is the sample's times the counties (a rebuild reads every record back).
 */
async function rebuildRow(
  h: Db,
  url: string,
  tree: readonly ProvinceCounty[],
  during: { sinkMs: number; copyMs: number; cells: number },
  scale: number,
): Promise<BenchRow> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ids = tree.slice(0, rebuilt(scale)).map((x) => x.county.id);
  try {
    await c.query(
      'create temporary table cells_loaded as select * from indicator_cells where county_id = any($1)',
      [ids],
    );
    say(`由已载入的记录重建 ${ids.length} 个县的指标汇总格（rebuildCells）…`);
    const t = performance.now();
    let records = 0;
    for (const id of ids) records += (await rebuildCells(h, id)).records;
    const rebuildMs = performance.now() - t;
    const diff = await c.query<{ n: string }>(
      `select (select count(*) from (select * from cells_loaded except all
                 select * from indicator_cells where county_id = any($1)) a)
            + (select count(*) from (select * from indicator_cells where county_id = any($1) except all
                 select * from cells_loaded) b) as n`,
      [ids],
    );
    const same = Number(diff.rows[0]!.n) === 0;
    const whole = (rebuildMs * tree.length) / ids.length;
    say(
      `  重建 ${ids.length} 个县 ${fmt(records)} 条记录用时 ${fmt(rebuildMs / 1000, 1)} 秒（全省约 ${fmt(whole / 1000)} 秒）；与随生成计算的${same ? '相同' : '不同'}`,
    );
    return {
      name: `指标汇总格 ${fmt(during.cells)} 格：随生成计算（${fmt(during.sinkMs / 1000, 1)} 秒）并 COPY（${fmt(during.copyMs / 1000, 1)} 秒），对照由记录重建（rebuildCells ${ids.length} 个县 ${fmt(rebuildMs / 1000, 1)} 秒，按 ${tree.length} 个县折算；${same ? '结果相同' : '结果不同'}）`,
      db: 'postgres',
      measured: `${fmt((during.sinkMs + during.copyMs) / 1000, 1)} 秒`,
      limit: `约 ${fmt(whole / 1000)} 秒（重建全省）`,
      ratio: (during.sinkMs + during.copyMs) / whole,
      target: '结果相同',
      pass: same,
    };
  } finally {
    await c.end();
  }
}

/** Township-, county- and province-year indicators, each beside the full scan on the same data. */
async function indicatorRows(
  h: Db,
  raw: Raw,
  tree: readonly ProvinceCounty[],
  p: Period,
  repeat: number,
  scale: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { county, townships } = tree[Math.floor(tree.length / 2)]!;
  const township = townships[0]!;

  say('乡镇年度指标…');
  sameValues(
    '乡镇年度（与手写 SQL）',
    valuesOf(await computeIndicators(h, township, p)),
    await raw.query('township_id', township.id, p),
  );
  sameValues(
    '乡镇年度（与扫描）',
    valuesOf(await computeIndicators(h, township, p)),
    valuesOf(await scanIndicators(h, township, p)),
  );
  const tTown = await bestOf(repeat, () => computeIndicators(h, township, p));
  const tTownScan = await bestOf(repeat, () => scanIndicators(h, township, p));
  const tTownHand = await bestOf(repeat, () => raw.query('township_id', township.id, p));
  rows.push({
    name: `乡镇年度全部指标（扫描路径 evaluateAggregates ${fmt(tTownScan, 1)} ms）`,
    db: 'postgres',
    measured: `${fmt(tTown, 1)} ms`,
    limit: `${fmt(tTownHand, 1)} ms（手写 SQL 扫描）`,
    ratio: tTownHand / tTown,
    target: '—（倍数）',
    pass: true,
  });

  say('县年度指标…');
  sameValues(
    '县年度（与手写 SQL）',
    valuesOf(await computeIndicators(h, county, p)),
    await raw.query('county_id', county.id, p),
  );
  const tCounty = await bestOf(repeat, () => computeIndicators(h, county, p));
  const tCountyScan = await bestOf(scale > 0.2 ? 2 : repeat, () => scanIndicators(h, county, p));
  const tCountyHand = await bestOf(scale > 0.2 ? 2 : repeat, () => raw.query('county_id', county.id, p));
  const countyRatio = tCountyHand / tCounty;
  rows.push({
    name: `县年度全部指标（扫描路径 evaluateAggregates ${fmt(tCountyScan, 1)} ms）`,
    db: 'postgres',
    measured: `${fmt(tCounty, 1)} ms`,
    limit: `${fmt(tCountyHand, 1)} ms（手写 SQL 扫描）`,
    ratio: countyRatio,
    target: '≤ 50 ms，≥ 20 倍',
    pass: tCounty <= 50 && countyRatio >= 20,
  });

  say('全省年度指标…');
  const all = await provinceIndicators(h, p);
  const tHandAll = await bestOf(1, () => raw.query(null, null, p));
  if (all) {
    sameValues('全省年度（与手写 SQL）', valuesOf(await all()), await raw.query(null, null, p));
    const tAll = await bestOf(repeat, all);
    rows.push({
      name: `全省年度全部指标（${tree.length} 个县）`,
      db: 'postgres',
      measured: `${fmt(tAll, 1)} ms`,
      limit: `${fmt(tHandAll, 1)} ms（手写 SQL 扫描）`,
      ratio: tHandAll / tAll,
      target: '≤ 1 s',
      pass: tAll <= 1000,
    });
  } else {
    rows.push({
      name: `全省年度全部指标（${tree.length} 个县）：本版本无全省指标`,
      db: 'postgres',
      measured: '—',
      limit: `${fmt(tHandAll, 1)} ms（手写 SQL 扫描）`,
      ratio: 0,
      target: '≤ 1 s',
      pass: false,
    });
  }
  return rows;
}

/** The province's indicators from the cells. */
function provinceIndicators(h: Db, p: Period): Promise<(() => Promise<IndicatorValue[]>) | null> {
  return Promise.resolve(() => computeIndicatorsAll(h, p));
}

/** The county comparison table, a township's record page and the API under load, over HTTP. */
async function httpRows(
  h: Db,
  raw: Raw,
  tree: readonly ProvinceCounty[],
  year: number,
  repeat: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const p = yearPeriod(year);
  say('登录账号…');
  const now = new Date().toISOString();
  const step = Math.max(1, Math.floor(tree.length / LOAD_TOWNSHIPS));
  const staffOf: { org: Org; username: string }[] = [];
  for (let i = 0; staffOf.length < LOAD_TOWNSHIPS && i < tree.length * 15; i++) {
    const c = tree[(i * step) % tree.length]!;
    const org = c.townships[Math.floor(i / tree.length) % c.townships.length]!;
    if (!staffOf.some((s) => s.org.id === org.id)) staffOf.push({ org, username: `prov${org.code}.staff` });
  }
  const officers = tree
    .filter((_, i) => i % Math.max(1, Math.floor(tree.length / LOAD_COUNTIES)) === 0)
    .slice(0, LOAD_COUNTIES)
    .map((c) => ({ c, username: `prov${c.county.code}.county` }));
  await createUsers(
    h,
    [
      ...staffOf.map((s) => ({
        username: s.username,
        name: `${s.org.name}工作人员`,
        role: 'township_staff',
        orgId: s.org.id,
        password: PASSWORD,
        mustChangePassword: false,
      })),
      ...officers.map((o) => ({
        username: o.username,
        name: `${o.c.county.name}依法治县办`,
        role: 'county_officer',
        orgId: o.c.county.id,
        password: PASSWORD,
        mustChangePassword: false,
      })),
    ],
    now,
  );
  const many = new RateLimiter(1_000_000, 1_000_000);
  const rateLimits = { ...defaultRateLimits(h.db), loginPerIp: many, loginPerUser: many };
  await withServer(h, { rateLimits }, async (port) => {
    const staff = await Promise.all(staffOf.map(async (s) => ({ ...s, ...(await login(port, s.username)) })));
    const county = await Promise.all(
      officers.map(async (o) => ({ ...o, ...(await login(port, o.username)) })),
    );

    say('县对比表…');
    const c0 = county[0]!;
    const packPath = `/api/cycle/county-pack?year=${year}&part=comparison`;
    const tPack = await timedGet(port, packPath, c0.cookie, 3);
    const tPackScan = await bestOf(3, () => Promise.all(c0.c.townships.map((t) => scanIndicators(h, t, p))));
    rows.push({
      name: `县对比表（${c0.c.townships.length} 个乡镇的年度指标，GET /api/cycle/county-pack 对比表 .xlsx）`,
      db: 'postgres',
      measured: `${fmt(tPack, 1)} ms`,
      limit: `${fmt(tPackScan, 1)} ms（同 ${c0.c.townships.length} 个乡镇的扫描路径）`,
      ratio: tPackScan / tPack,
      target: '—（倍数）',
      pass: true,
    });

    say('乡镇台账首页…');
    const s0 = staff[0]!;
    const tPage = await timedGet(port, `/api/records?year=${year}&limit=50`, s0.cookie, repeat);
    const tPageRaw = await bestOf(repeat, () => raw.page(s0.org.id, p));
    rows.push({
      name: '乡镇台账首页（GET /api/records，年度第一页 50 条）',
      db: 'postgres',
      measured: `${fmt(tPage, 1)} ms`,
      limit: `${fmt(tPageRaw, 1)} ms（手写 SQL 同一页）`,
      ratio: tPage / tPageRaw,
      target: '—',
      pass: true,
    });

    say(`接口负载：${CONNECTIONS} 并发，${WRITE_SHARE * 100}% 写入…`);
    const ms = 6_000;
    const date = `${year}-06-15`;
    const sessions: LoadSession[] = [
      ...staff.map((s) => ({
        cookie: s.cookie,
        csrf: s.csrf,
        writeShare: WRITE_SHARE,
        reads: [
          `/api/indicators?year=${year}`,
          `/api/records?year=${year}&limit=50`,
          '/api/deadlines?days=14&limit=8',
        ],
      })),
      ...county.map((o) => ({
        cookie: o.cookie,
        csrf: o.csrf,
        writeShare: 0,
        reads: [
          `/api/indicators?year=${year}`,
          ...o.c.townships.slice(0, 5).map((t) => `/api/indicators?year=${year}&org=${t.id}`),
        ],
      })),
    ];
    const health: LoadSession[] = [{ cookie: '', csrf: '', writeShare: 0, reads: ['/api/health'] }];
    // Warmed by the mix itself: PostgreSQL plans a prepared statement for its parameters five times
    // before it keeps a generic plan, on each pool connection and for each partition's statement,
    // so a server's first seconds cost more than the hours after them.
    await driveLoad(port, sessions, CONNECTIONS, 3_000, date);
    await driveLoad(port, health, 8, 500, date);
    const c0h = cpuSample();
    const ceiling = await driveLoad(port, health, CONNECTIONS, ms, date);
    const c1h = cpuSample();
    const mix = await driveLoad(port, sessions, CONNECTIONS, ms, date);
    const c1m = cpuSample();
    const ratio = mix.rps / ceiling.rps;
    const cost = perRequest(c1h, c1m, mix.requests);
    const most = shareOf(cost, ceiling.rps);
    rows.push({
      name: `${CONNECTIONS} 并发，${WRITE_SHARE * 100}% 写入（${staff.length} 个乡镇工作人员录入与查看、${county.length} 个县查看；写入 ${mix.writes} 条，p99 ${fmt(mix.p99, 1)} ms（读 ${fmt(mix.readP99, 1)}，写 ${fmt(mix.writeP99, 1)}），错误 ${mix.errors}，缓存开${costText(cost)}${shareText(most)}）`,
      db: 'postgres',
      measured: `${fmt(mix.rps)} 次/秒`,
      limit: `${fmt(ceiling.rps)} 次/秒（/api/health 上限，p99 ${fmt(ceiling.p99, 1)} ms${costText(perRequest(c0h, c1h, ceiling.requests))}）`,
      ratio,
      target: '≥ 0.30，p99 < 50 ms，0 错误',
      pass: ratio >= 0.3 && mix.p99 < 50 && mix.errors === 0,
      ...(most < 0.3 ? { beyond: `按测得的每次请求 CPU，至多为上限的 ${fmt(most, 2)}` } : {}),
    });
    rows.push(await withoutTurns(h, rateLimits, sessions, ceiling.rps, date));
  });

  say('不用缓存的乡镇指标…');
  await withServer(h, { rateLimits, readCache: false }, async (port) => {
    const sessions: LoadSession[] = [];
    for (const s of staffOf.slice(0, 10))
      sessions.push({
        ...(await login(port, s.username)),
        writeShare: 0,
        reads: [`/api/indicators?year=${year}`],
      });
    await driveLoad(port, sessions, 8, 1_000, `${year}-06-15`);
    const before = cpuSample();
    const r = await driveLoad(port, sessions, CONNECTIONS, 6_000, `${year}-06-15`);
    const cost = perRequest(before, cpuSample(), r.requests);
    const most = cost ? requestBound(cost) : Infinity;
    rows.push({
      name: `乡镇年度指标，不用缓存（${CONNECTIONS} 并发，${sessions.length} 个乡镇，p99 ${fmt(r.p99, 1)} ms，错误 ${r.errors}${costText(cost)}）`,
      db: 'postgres',
      measured: `${fmt(r.rps)} 次/秒`,
      limit: '3,000 次/秒',
      ratio: r.rps / 3000,
      target: '≥ 1.00',
      pass: r.rps >= 3000 && r.errors === 0,
      ...(most < 3000 ? { beyond: `按测得的每次请求 CPU，至多约 ${fmt(most)} 次/秒` } : {}),
    });
  });
  return rows;
}

/**
 * The most a load's cost lets this machine answer, as a share of the health ceiling: the lower of
 * one event loop's bound and every core's, at the CPU each request took (unbounded when unmeasured).
 */
const shareOf = (c: CpuPerRequest | null, ceiling: number): number =>
  c ? requestBound(c) / ceiling : Infinity;
const shareText = (share: number): string =>
  Number.isFinite(share) ? `；按此开销至多为上限的 ${fmt(share, 2)}` : '';

/** Requests in progress at once for the comparison run: more than the load's connections, so none waits. */
const NO_TURNS = 10_000;

/**
 * The same mix on a server whose requests do not take turns (`--max-active` above the connections):
 * what the turns cost in throughput and buy in p99, measured beside the mix in the same run.
 */
async function withoutTurns(
  h: Db,
  rateLimits: ReturnType<typeof defaultRateLimits>,
  sessions: readonly LoadSession[],
  ceiling: number,
  date: string,
): Promise<BenchRow> {
  say(`对照：同一负载，请求不排队（--max-active ${fmt(NO_TURNS)}）…`);
  return withServer(h, { rateLimits, admission: new Admission(NO_TURNS) }, async (port) => {
    await driveLoad(port, sessions, CONNECTIONS, 3_000, date);
    const before = cpuSample();
    const r = await driveLoad(port, sessions, CONNECTIONS, 6_000, date);
    const cost = perRequest(before, cpuSample(), r.requests);
    return {
      name: `对照：同一负载，请求不排队（--max-active ${fmt(NO_TURNS)}；写入 ${r.writes} 条，p99 ${fmt(r.p99, 1)} ms（读 ${fmt(r.readP99, 1)}，写 ${fmt(r.writeP99, 1)}），错误 ${r.errors}${costText(cost)}${shareText(shareOf(cost, ceiling))}）`,
      db: 'postgres',
      measured: `${fmt(r.rps)} 次/秒`,
      limit: `${fmt(ceiling)} 次/秒（同上 /api/health 上限）`,
      ratio: r.rps / ceiling,
      target: '—（对照：排队对吞吐与 p99 的影响）',
      pass: true,
    };
  });
}
