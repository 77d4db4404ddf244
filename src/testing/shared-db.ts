import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { scratchPostgres } from './databases.ts';

/** Two handles on one database, as two servers behind a load balancer have. */
export interface SharedDb {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<{ one: Db; two: Db; close(): Promise<void> }>;
}

/** A SQLite file, and PostgreSQL when the suite has one: each `open` gives a fresh, migrated database. */
export function sharedDatabases(): SharedDb[] {
  const list: SharedDb[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'fazhi-shared-'));
        const url = `sqlite:${join(dir, 'fazhi.db')}`;
        const one = openDb(url);
        await migrateToLatest(one);
        const two = openDb(url);
        return {
          one,
          two,
          async close() {
            await one.close();
            await two.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const pgUrl = process.env.FAZHI_TEST_PG;
  if (pgUrl)
    list.push({
      name: 'postgres',
      async open() {
        const scratch = await scratchPostgres(pgUrl);
        const one = openDb(scratch.url);
        await migrateToLatest(one);
        const two = openDb(scratch.url);
        return {
          one,
          two,
          async close() {
            await one.close();
            await two.close();
            await scratch.drop();
          },
        };
      },
    });
  return list;
}
