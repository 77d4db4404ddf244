import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { scratchPostgres } from '../testing/databases.ts';
import { DEFAULT_POOL, openDb, parsePoolSize } from './connect.ts';

describe('database pool size', () => {
  it('takes a whole number from 1 to 1000, and the current default when none is given', () => {
    expect(parsePoolSize(undefined)).toBe(DEFAULT_POOL);
    expect(parsePoolSize('40')).toBe(40);
    for (const bad of ['0', '-3', '2.5', 'abc', '1001', ' '])
      expect(() => parsePoolSize(bad)).toThrow('应为 1 至 1000 之间的整数');
  });

  const pgUrl = process.env.FAZHI_TEST_PG;
  it.skipIf(!pgUrl)('opens no more PostgreSQL connections than the pool size', async () => {
    const scratch = await scratchPostgres(pgUrl!);
    const h = openDb(scratch.url, { pool: 2 });
    const watch = openDb(scratch.url, { pool: 1 });
    try {
      let done = false;
      const busy = Promise.all(Array.from({ length: 6 }, () => sql`select pg_sleep(0.2)`.execute(h.db))).then(
        () => (done = true),
      );
      // The most queries seen running at once while six wait for two connections.
      let most = 0;
      while (!done) {
        const r = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and query like 'select pg_sleep%' and state = 'active'`.execute(
          watch.db,
        );
        most = Math.max(most, r.rows[0]?.n ?? 0);
      }
      await busy;
      expect(most).toBe(2);
    } finally {
      await h.close();
      await watch.close();
      await scratch.drop();
    }
  });

  it.skipIf(!pgUrl)(
    'runs parameterised statements prepared once per connection, and keeps a bounded number of them',
    async () => {
      const scratch = await scratchPostgres(pgUrl!);
      const h = openDb(scratch.url, { pool: 1 });
      try {
        const prepared = async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
              where name like 'fazhi\_%'`.execute(h.db)
          ).rows[0]!.n;
        // One text run twice with different values: one prepared statement, both answers right.
        const one = (v: number) => h.db.selectNoFrom((eb) => eb.val(v).as('v')).executeTakeFirstOrThrow();
        expect(Number((await one(1)).v)).toBe(1);
        expect(Number((await one(2)).v)).toBe(2);
        expect(await prepared()).toBe(1);
        // Hundreds of different texts: the connection keeps at most 200, and the rest still run.
        for (let i = 0; i < 250; i++) {
          const r = await h.db
            .selectNoFrom((eb) => [eb.val(i).as('v'), eb.val(`t${i}`).as(`c${i}`)])
            .executeTakeFirstOrThrow();
          expect(Number(r.v)).toBe(i);
        }
        expect(await prepared()).toBe(200);
        // Statements without values, and long IN lists, run as before.
        const ids = Array.from({ length: 150 }, (_, i) => i);
        const r = await sql<{
          n: number;
        }>`select count(*)::int as n from unnest(array[${sql.join(ids)}]::int[]) x`.execute(h.db);
        expect(r.rows[0]!.n).toBe(150);
        expect(await prepared()).toBe(200);
      } finally {
        await h.close();
        await scratch.drop();
      }
    },
  );
});
