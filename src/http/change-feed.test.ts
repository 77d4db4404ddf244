import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_CHANNEL, appendChange, lastChange } from '../db/change-feed.repo.ts';
import type { Db } from '../db/connect.ts';
import { sharedDatabases, type SharedDb } from '../testing/shared-db.ts';
import { ChangeFeed } from './change-feed.ts';

const at = () => new Date().toISOString();

for (const sdb of sharedDatabases()) {
  describe(`change feed on ${sdb.name}`, () => {
    let dbs: Awaited<ReturnType<SharedDb['open']>>;
    let feed: ChangeFeed;
    const applied: [string | null, boolean][] = [];
    beforeAll(async () => {
      dbs = await sdb.open();
      feed = new ChangeFeed(dbs.two, (scope, accounts) => applied.push([scope, accounts]));
      await feed.start();
    });
    afterAll(async () => {
      await feed?.close();
      await dbs?.close();
    });

    /** An entry with a chosen sequence, as one that took its number before a higher one committed. */
    const insertAt = async (h: Db, seq: number, scope: string) =>
      sdb.name === 'postgres'
        ? sql`insert into change_feed (seq, scope, accounts, at) overriding system value
              values (${seq}, ${scope}, 0, ${at()})`.execute(h.db)
        : sql`insert into change_feed (seq, scope, accounts, at) values (${seq}, ${scope}, 0, ${at()})`.execute(
            h.db,
          );

    it("applies another server's entries once each, and not its own", async () => {
      applied.length = 0;
      await appendChange(dbs.one, { scope: '/1/2/', accounts: false });
      await appendChange(dbs.one, { scope: null, accounts: true });
      await feed.publish('/1/3/', false);
      await feed.run();
      await feed.run();
      expect(applied).toEqual([
        ['/1/2/', false],
        [null, true],
      ]);
      expect(feed.fresh()).toBe(true);
    });

    it.skipIf(sdb.name !== 'postgres')(
      'announces each entry with its writer, so a server is not woken by its own',
      async () => {
        applied.length = 0;
        const payloads: string[] = [];
        const stop = await dbs.two.listen!(
          FEED_CHANNEL,
          (p) => payloads.push(p),
          () => undefined,
        );
        try {
          await appendChange(dbs.one, { scope: '/1/2/', accounts: false, origin: 'server-a' });
          await appendChange(dbs.one, { scope: null, accounts: true });
          for (let i = 0; i < 100 && payloads.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
          expect(payloads).toEqual(['server-a', '']);
        } finally {
          await stop();
          // The feed applies them now, so the next test starts with nothing unread.
          for (let i = 0; i < 50 && !applied.some(([s, a]) => s === null && a); i++) {
            await feed.run();
            if (!applied.some(([s, a]) => s === null && a)) await new Promise((r) => setTimeout(r, 20));
          }
        }
      },
    );

    it('passes over its own entries even when a read sees them before their writer has their number', async () => {
      applied.length = 0;
      for (let i = 0; i < 20; i++)
        await Promise.all([feed.publish(`/own/${i}/`, false), feed.run(), feed.run()]);
      await appendChange(dbs.one, { scope: '/1/5/', accounts: false });
      await feed.run();
      expect(applied).toEqual([['/1/5/', false]]);
    });

    it('applies an entry that commits after a higher one was read', async () => {
      applied.length = 0;
      const last = await lastChange(dbs.one.db);
      await insertAt(dbs.one, last + 2, '/late/2/');
      await feed.run();
      await insertAt(dbs.one, last + 1, '/late/1/');
      await feed.run();
      expect(applied).toEqual([
        ['/late/2/', false],
        ['/late/1/', false],
      ]);
    });

    it('is not fresh until its first read, and clears everything when reads resume after failing', async () => {
      // Its own list: the shared feed above fails and recovers in the same window and clears too.
      const got: [string | null, boolean][] = [];
      const fresh = new ChangeFeed(dbs.two, (scope, accounts) => got.push([scope, accounts]));
      expect(fresh.fresh()).toBe(false);
      await fresh.start();
      expect(fresh.fresh()).toBe(true);
      // The first read goes over the last entries again (one may have committed late).
      await fresh.run();
      expect(got.length).toBeGreaterThan(0);
      got.length = 0;
      await sql`alter table change_feed rename to change_feed_away`.execute(dbs.one.db);
      await fresh.run();
      // Failing reads (the explicit one and any the timer starts meanwhile) apply nothing.
      expect(got).toEqual([]);
      await sql`alter table change_feed_away rename to change_feed`.execute(dbs.one.db);
      // The first read that succeeds again, whether the timer's or this one, clears everything once.
      await fresh.run();
      expect(got).toEqual([[null, true]]);
      await fresh.close();
    });
  });
}
