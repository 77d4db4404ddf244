import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { insertOrg } from '../src/db/orgs.repo.ts';
import { toOrg, type Org } from '../src/services/orgs.ts';
import type { BenchContext } from './harness.ts';

/** A fresh benchmark database: a SQLite file in a temp folder, or a new PostgreSQL database. */
export interface BenchDb {
  readonly name: 'sqlite' | 'postgres';
  readonly h: Db;
  /** The database's URL, for a raw driver connection (PostgreSQL). */
  readonly url: string;
  dispose(): Promise<void>;
}

export async function benchDatabases(ctx: BenchContext): Promise<BenchDb[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
  const sqliteUrl = `sqlite:${join(dir, 'bench.db')}`;
  const s = openDb(sqliteUrl);
  await migrateToLatest(s);
  const out: BenchDb[] = [
    {
      name: 'sqlite',
      h: s,
      url: sqliteUrl,
      async dispose() {
        await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    },
  ];
  const p = await benchPostgres(ctx);
  if (p) out.push(p);
  return out;
}

/** A fresh PostgreSQL benchmark database, when the run has a server. */
export async function benchPostgres(ctx: BenchContext): Promise<BenchDb | null> {
  if (ctx.pgUrl) {
    const name = `fazhi_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ctx.pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(ctx.pgUrl);
    u.pathname = `/${name}`;
    const h = openDb(u.toString());
    await migrateToLatest(h);
    return {
      name: 'postgres',
      h,
      url: u.toString(),
      async dispose() {
        await h.close();
        const c = new pg.Client({ connectionString: ctx.pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  return null;
}

/** A county with `n` townships. */
export async function benchCounty(h: Db, n: number): Promise<{ county: Org; townships: Org[] }> {
  const now = '2024-01-01T00:00:00.000Z';
  const county = toOrg(
    await insertOrg(h.db, { code: '990000', name: '基准县', kind: 'county', parentId: null }, now),
  );
  const townships: Org[] = [];
  for (let i = 1; i <= n; i++) {
    townships.push(
      toOrg(
        await insertOrg(
          h.db,
          {
            code: `9900${String(i).padStart(2, '0')}`,
            name: `基准${i}镇`,
            kind: 'township',
            parentId: county.id,
          },
          now,
        ),
      ),
    );
  }
  return { county, townships };
}
