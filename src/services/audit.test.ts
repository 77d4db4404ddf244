import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEED_CHANNEL, changesAfter, lastChange, type ChangeNote } from '../db/change-feed.repo.ts';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { scratchPostgres, testDatabases } from '../testing/databases.ts';
import { assertAuditKeyFits, AUDIT_KEY_FILE, ensureAuditKey } from './audit-key.ts';
import {
  canonicalJson,
  entryHash,
  exportAudit,
  verifyAudit,
  withAudit,
  type AuditActor,
  type AuditEvent,
} from './audit.ts';

const actor: AuditActor = { id: 1, username: 'township.staff', role: 'township_staff', ip: '10.0.0.8' };
/** An entry that records no other write. */
const recordAudit = (h: Db, a: AuditActor, e: AuditEvent, when: string) =>
  withAudit(h, a, when, () => Promise.resolve({ result: undefined, events: [e] }));
const at = (i: number) => new Date(Date.UTC(2024, 0, 1, 8, 0, i)).toISOString();

for (const tdb of testDatabases()) {
  describe(`audit chain on ${tdb.name}`, () => {
    let h: Db;
    beforeEach(async () => {
      h = await tdb.open();
      for (let i = 1; i <= 6; i++)
        await recordAudit(
          h,
          actor,
          {
            action: 'record.update',
            targetType: 'record',
            targetId: i,
            before: { title: `旧${i}` },
            after: { title: `新${i}` },
          },
          at(i),
        );
    });
    afterEach(async () => h.close());

    it('verifies an intact chain', async () => {
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: 6 });
      expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
        '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
      );
    });

    it('finds an edited entry', async () => {
      await h.db.updateTable('audit_log').set({ after: '{"title":"改过"}' }).where('seq', '=', 3).execute();
      const r = await verifyAudit(h);
      expect(r).toMatchObject({ ok: false, seq: 3 });
      expect(!r.ok && r.message).toContain('第 3 条审计记录');
    });

    it('finds a deleted entry in the middle and at the end', async () => {
      await h.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
      const r = await verifyAudit(h);
      expect(r).toMatchObject({ ok: false, seq: 4 });
      expect(!r.ok && r.message).toContain('缺失');
      const g = await tdb.open();
      for (let i = 1; i <= 3; i++) await recordAudit(g, actor, { action: 'login' }, at(i));
      await g.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
      const t = await verifyAudit(g);
      expect(t).toMatchObject({ ok: false, seq: 3 });
      expect(!t.ok && t.message).toContain('末尾');
      await g.close();
    });

    it('finds entries swapped into another order, even with their sequence numbers swapped too', async () => {
      // Swap the contents of entries 2 and 5 while keeping each row's seq.
      const rows = await h.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', 'in', [2, 5])
        .orderBy('seq')
        .execute();
      const [two, five] = rows;
      await h.db
        .updateTable('audit_log')
        .set({ ...five!, seq: 2 })
        .where('seq', '=', 2)
        .execute();
      await h.db
        .updateTable('audit_log')
        .set({ ...two!, seq: 5 })
        .where('seq', '=', 5)
        .execute();
      expect(await verifyAudit(h)).toMatchObject({ ok: false, seq: 2 });
    });

    it('with the server key, finds a chain rewritten consistently by someone with database access only', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fazhi-audit-key-'));
      const k = await ensureAuditKey(h, dir);
      expect(k.since).toBe(7);
      expect(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
      // A second start reads the same key rather than making another.
      expect((await ensureAuditKey(h, dir)).key.equals(k.key)).toBe(true);
      for (let i = 7; i <= 8; i++) await recordAudit(h, actor, { action: 'login' }, at(i));
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: 8 });
      // Rewrite entry 8 and re-hash it the way the chain was hashed before the key: the head agrees.
      const row = await h.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 8)
        .executeTakeFirstOrThrow();
      const forged = { ...row, seq: 8, ip: '10.9.9.9' };
      const hash = entryHash(forged);
      await h.db.updateTable('audit_log').set({ ip: forged.ip, hash }).where('seq', '=', 8).execute();
      await h.db.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
      const r = await verifyAudit(h);
      expect(r).toMatchObject({ ok: false, seq: 8 });
      expect(!r.ok && r.message).toContain('审计密钥');
    });

    it('refuses a second server whose key (or lack of one) did not write the chain, until the key file is copied', async () => {
      const first = mkdtempSync(join(tmpdir(), 'fazhi-audit-key-'));
      const second = mkdtempSync(join(tmpdir(), 'fazhi-audit-key-'));
      // Before any keyed entry, a server without a key fits the chain (all entries are unkeyed).
      await expect(assertAuditKeyFits(h, second)).resolves.toBeUndefined();
      await ensureAuditKey(h, first);
      await recordAudit(h, actor, { action: 'login' }, at(7));
      await expect(assertAuditKeyFits(h, first)).resolves.toBeUndefined();
      await expect(assertAuditKeyFits(h, second)).rejects.toThrow(
        `数据库中的审计记录已用另一台服务器的审计密钥签写，本服务器的数据目录 ${second} 中没有该密钥`,
      );
      // A key of its own does not fit either.
      const third = mkdtempSync(join(tmpdir(), 'fazhi-audit-key-'));
      const other = await tdb.open();
      await ensureAuditKey(other, third);
      await other.close();
      copyFileSync(join(third, AUDIT_KEY_FILE), join(second, AUDIT_KEY_FILE));
      await expect(assertAuditKeyFits(h, second)).rejects.toThrow(
        '不能验证数据库中最新的审计记录（第 7 条）',
      );
      copyFileSync(join(first, AUDIT_KEY_FILE), join(second, AUDIT_KEY_FILE));
      await expect(assertAuditKeyFits(h, second)).resolves.toBeUndefined();
      for (const d of [first, second, third]) rmSync(d, { recursive: true, force: true });
    });

    it('stores nothing when the audited write fails, and never forks under concurrent appends', async () => {
      await expect(
        withAudit(h, actor, at(9), async (trx) => {
          await sql`select 1`.execute(trx);
          throw new Error('write failed');
        }),
      ).rejects.toThrow('write failed');
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          recordAudit(h, { ...actor, id: i }, { action: 'login' }, at(10 + i)),
        ),
      );
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: 46 });
    });

    it("commits the actor's change-feed entry with each write, and none with a failed one", async () => {
      const note: ChangeNote = { scope: '/1/2/', accounts: false, origin: 'server-a', announced: false };
      const noted = { ...actor, change: note };
      const before = await lastChange(h.db);
      await expect(
        withAudit(h, noted, at(9), async (trx) => {
          await sql`select 1`.execute(trx);
          throw new Error('write failed');
        }),
      ).rejects.toThrow('write failed');
      expect(note.announced).toBe(false);
      expect(await lastChange(h.db)).toBe(before);
      // Writes after the process knows the head (PostgreSQL's one-statement append), one with no entry.
      for (let i = 0; i < 3; i++) await recordAudit(h, noted, { action: 'login' }, at(10 + i));
      await withAudit(h, noted, at(13), () => Promise.resolve({ result: undefined, events: [] }));
      await recordAudit(h, actor, { action: 'login' }, at(14));
      expect(note.announced).toBe(true);
      const entries = await changesAfter(h.db, before, 10);
      expect(entries.map((e) => [e.scope, e.accounts, e.origin])).toEqual(
        Array.from({ length: 4 }, () => ['/1/2/', false, 'server-a']),
      );
      // Stamped with the server's time, not the write's stated one (2024 here): entries are pruned by it.
      const stamps = await h.db.selectFrom('change_feed').select('at').where('seq', '>', before).execute();
      for (const r of stamps) expect(Date.now() - Date.parse(String(r.at))).toBeLessThan(60_000);
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: 10 });
    });

    it('chains every entry of a write with many events, appended in several statements, beside concurrent writes', async () => {
      const many = Array.from({ length: 1_201 }, (_, i) => ({
        action: 'record.delete',
        targetType: 'record',
        targetId: 100 + i,
      }));
      await Promise.all([
        withAudit(h, actor, at(9), () => Promise.resolve({ result: undefined, events: many })),
        ...Array.from({ length: 5 }, (_, i) => recordAudit(h, actor, { action: 'login' }, at(10 + i))),
      ]);
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: 6 + 1_201 + 5 });
      const ids = await h.db
        .selectFrom('audit_log')
        .select('target_id')
        .where('action', '=', 'record.delete')
        .orderBy('seq')
        .execute();
      expect(ids.map((r) => Number(r.target_id))).toEqual(many.map((e) => e.targetId));
    });

    it('exports a date range as JSON lines and CSV', async () => {
      const lines: string[] = [];
      const head = await verifyAudit(h);
      const n = await exportAudit(h, actor, at(20), { from: at(2), to: at(5) }, 'jsonl', (s) =>
        lines.push(s),
      );
      expect(n).toBe(3);
      expect(lines).toHaveLength(4);
      expect(head.ok).toBe(true);
      expect(JSON.parse(lines[3]!)).toEqual({ chainHead: { seq: 6, hash: head.ok ? head.headHash : '' } });
      expect(JSON.parse(lines[0]!)).toMatchObject({
        seq: 2,
        actor: 'township.staff',
        ip: '10.0.0.8',
        before: { title: '旧2' },
        after: { title: '新2' },
      });
      let csv = '';
      await exportAudit(h, actor, at(21), {}, 'csv', (s) => (csv += s));
      expect(csv.split('\n')[0]).toBe(
        '\ufeffseq,at,actor,role,ip,action,targetType,targetId,before,after,hash',
      );
      const rows = csv.trim().split('\n');
      expect(rows).toHaveLength(9);
      // The first export is in the chain by the second: its own entry, after the head it printed.
      expect(rows[8]).toMatch(/^链头,,,,,审计日志链头,audit_log,7,,,[0-9a-f]{64}$/);
      expect(rows[7]).toContain(',audit.export,audit_log,');
      expect(await verifyAudit(h)).toMatchObject({ ok: true, count: 8 });
    });
  });
}

const pgUrl = process.env.FAZHI_TEST_PG;
describe.skipIf(!pgUrl)('audit chain appends on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let a: Db;
  let b: Db;
  beforeEach(async () => {
    const s = await scratchPostgres(pgUrl!);
    url = s.url;
    drop = () => s.drop();
    a = openDb(url);
    await migrateToLatest(a);
    b = openDb(url);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await drop();
  });

  it('takes the head’s lock in the statement that appends, once the process knows the head', async () => {
    await recordAudit(a, actor, { action: 'login' }, at(1));
    // Another connection holds the head: the next append waits for it, in the appending statement.
    const held = b.db.transaction().execute(async (trx) => {
      await sql`select seq from audit_head where id = 1 for update`.execute(trx);
      const waiting = recordAudit(a, actor, { action: 'login' }, at(2));
      let query = '';
      for (let i = 0; i < 200 && !query; i++) {
        const r = await sql<{ query: string }>`
          select query from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%audit_head%'`.execute(
          b.db,
        );
        query = r.rows[0]?.query ?? '';
        if (!query) await new Promise((r) => setTimeout(r, 10));
      }
      return { query, waiting };
    });
    const { query, waiting } = await held;
    await waiting;
    expect(query).toMatch(/^\s*with head as/);
    expect(await verifyAudit(a)).toMatchObject({ ok: true, count: 2 });
  });

  it('lets at most half the pool hold audited writes, so a read is answered while writes wait', async () => {
    const small = openDb(url, { pool: 4 });
    try {
      expect(small.writers).toBe(2);
      let inFlight = 0;
      let most = 0;
      const release: (() => void)[] = [];
      const writes = Array.from({ length: 6 }, (_, i) =>
        withAudit(small, { ...actor, id: i }, at(i), async (trx) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await sql`select 1`.execute(trx);
          await new Promise<void>((r) => release.push(r));
          inFlight--;
          return { result: i, events: [{ action: 'login' }] };
        }),
      );
      for (let i = 0; i < 100 && release.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
      // Two writes hold connections and wait; the other four wait in the process, holding none.
      expect(release.length).toBe(2);
      const read = await Promise.race([
        small.db.selectFrom('audit_head').select('seq').execute(),
        new Promise<'no connection'>((r) => setTimeout(() => r('no connection'), 2000)),
      ]);
      expect(read).toHaveLength(1);
      for (let released = 0; released < 6;) {
        const next = release.shift();
        if (next) {
          next();
          released++;
        } else await new Promise((r) => setTimeout(r, 5));
      }
      expect(await Promise.all(writes)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(most).toBe(2);
      expect(await verifyAudit(small)).toMatchObject({ ok: true, count: 6 });
    } finally {
      await small.close();
    }
  });

  it('keeps one chain when two servers append at once, each guessing from its own writes', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        recordAudit(i % 3 === 0 ? b : a, { ...actor, id: i }, { action: 'login' }, at(i)),
      ),
    );
    const r = await verifyAudit(a);
    expect(r).toMatchObject({ ok: true, count: 60 });
    const seqs = await a.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
    expect(seqs.map((x) => Number(x.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('writes a change entry once, and announces it, when another server moved the head the write guessed', async () => {
    const payloads: string[] = [];
    const stop = await b.listen!(
      FEED_CHANNEL,
      (p) => payloads.push(p),
      () => undefined,
    );
    try {
      const note: ChangeNote = { scope: '/1/3/', accounts: true, origin: 'server-a', announced: false };
      await recordAudit(a, { ...actor, change: note }, { action: 'login' }, at(1));
      await recordAudit(b, actor, { action: 'login' }, at(2));
      // The guess of a is now one entry behind: its statement finds the head and appends after it.
      await recordAudit(a, { ...actor, change: note }, { action: 'login' }, at(3));
      const entries = await changesAfter(a.db, 0, 10);
      expect(entries.map((e) => [e.scope, e.accounts, e.origin])).toEqual([
        ['/1/3/', true, 'server-a'],
        ['/1/3/', true, 'server-a'],
      ]);
      for (let i = 0; i < 100 && payloads.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(payloads).toEqual(['server-a', 'server-a']);
      expect(await verifyAudit(a)).toMatchObject({ ok: true, count: 3 });
    } finally {
      await stop();
    }
  });

  it('appends after a write whose commit failed once its entries were written', async () => {
    await recordAudit(a, actor, { action: 'login' }, at(1));
    // A check at commit that fails for one action: the entry was appended, then rolled back.
    await sql`create function refuse_at_commit() returns trigger language plpgsql as $$
                begin if new.action = 'refused' then raise exception 'refused at commit'; end if; return new; end $$`.execute(
      a.db,
    );
    await sql`create constraint trigger refuse_at_commit after insert on audit_log
                deferrable initially deferred for each row execute function refuse_at_commit()`.execute(a.db);
    await expect(recordAudit(a, actor, { action: 'refused' }, at(2))).rejects.toThrow(/refused at commit/);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => recordAudit(a, actor, { action: 'login' }, at(3 + i))),
    );
    expect(await verifyAudit(a)).toMatchObject({ ok: true, count: 11 });
    const refused = await a.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'refused')
      .execute();
    expect(refused).toEqual([]);
  });
});
