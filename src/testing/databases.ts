import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

/**
 * The databases every storage test runs against: SQLite always, PostgreSQL when the suite has one
 * (always in CI; see test/global-setup.ts). Each `open` gives a fresh, migrated, empty database.
 */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<Db>;
}

/** A new, empty PostgreSQL database on the test server: its URL, and how to drop it. */
export async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fazhi_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function freshPostgres(adminUrl: string): Promise<Db> {
  const scratch = await scratchPostgres(adminUrl);
  const h = openDb(scratch.url);
  await migrateToLatest(h);
  return {
    ...h,
    async close() {
      await h.close();
      await scratch.drop();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      async open() {
        const h = openDb('sqlite::memory:');
        await migrateToLatest(h);
        return h;
      },
    },
  ];
  const pgUrl = process.env.FAZHI_TEST_PG;
  if (pgUrl) list.push({ name: 'postgres', open: () => freshPostgres(pgUrl) });
  return list;
}
