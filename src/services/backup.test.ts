import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { seedWorld, signIn, testRateLimits } from '../testing/http.ts';
import { systemPrincipal } from './access.ts';
import { readAuditKey, useAuditKey } from './audit-key.ts';
import { actorOf, listAudit, verifyAudit } from './audit.ts';
import { backupDatabase, inspectBackup, restoreDatabase, serveLockPath } from './backup.ts';

const count = (file: string, table: string) => {
  const db = new SQLite(file, { readonly: true });
  const n = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  db.close();
  return n;
};

const restoring = (dataDir: string) => {
  const p = systemPrincipal('tester');
  return { dataDir, actor: actorOf(p, null) };
};

describe('SQLite backup and restore', () => {
  it('backs up while the API is writing, and restores the copy round trip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-backup-'));
    const path = join(dir, 'fazhi.db');
    const h = openDb(`sqlite:${path}`);
    await migrateToLatest(h);
    await seedWorld(h);
    const app = await buildApp(h, { dataDir: dir, rateLimits: testRateLimits(), webDir: null });
    const staff = await signIn(app, 'township.staff');
    const add = (i: number) =>
      staff.request({
        method: 'POST',
        url: '/api/records',
        payload: {
          kind: 'dispute',
          date: '2024-03-01',
          title: `纠纷${i}`,
          data: { disputeType: 'other', status: 'pending' },
        },
      });
    for (let i = 0; i < 20; i++) await add(i);
    // Writes keep coming while the backup runs.
    const [info] = await Promise.all([
      backupDatabase(h, join(dir, 'copy.db')),
      ...Array.from({ length: 20 }, (_, i) => add(100 + i)),
    ]);
    expect(info.records).toBeGreaterThanOrEqual(20);
    expect(info.migrations).toContain('0006_create_sessions_audit');
    expect(existsSync(join(dir, 'copy.db-wal'))).toBe(false);
    await expect(backupDatabase(h, join(dir, 'copy.db'))).rejects.toThrow('已存在');
    await app.close();
    await h.close();

    // Refused while a server holds the database.
    writeFileSync(serveLockPath(path), String(process.pid));
    await expect(restoreDatabase(path, join(dir, 'copy.db'), new Date(), restoring(dir))).rejects.toThrow(
      '正在使用该数据库',
    );
    writeFileSync(serveLockPath(path), '999999999');

    const r = await restoreDatabase(
      path,
      join(dir, 'copy.db'),
      new Date('2024-06-01T00:00:00Z'),
      restoring(dir),
    );
    expect(r.previous).toMatch(/before-restore-2024-06-01/);
    expect(count(path, 'records')).toBe(info.records);
    expect(count(r.previous!, 'records')).toBe(40);
    expect(r.audit).toMatchObject({ ok: true });
    const g = openDb(`sqlite:${path}`);
    useAuditKey(g, readAuditKey(dir)!);
    expect(await verifyAudit(g)).toMatchObject({ ok: true });
    const last = await listAudit(g, { limit: 1000 });
    expect(last.at(-1)).toMatchObject({ action: 'backup.restore', actor: '命令行（系统）：tester' });
    await g.close();

    // A backup whose chain was tampered with is refused unless forced, and a forced restore says so.
    const bad = new SQLite(join(dir, 'copy.db'));
    bad.prepare("update audit_log set ip = '10.9.9.9' where seq = 2").run();
    bad.close();
    const before = count(path, 'records');
    await expect(restoreDatabase(path, join(dir, 'copy.db'), new Date(), restoring(dir))).rejects.toThrow(
      '审计日志校验不通过，未做任何改动',
    );
    expect(count(path, 'records')).toBe(before);
    const forced = await restoreDatabase(path, join(dir, 'copy.db'), new Date('2024-06-02T00:00:00Z'), {
      ...restoring(dir),
      force: true,
    });
    expect(forced.audit).toMatchObject({ ok: false, seq: 2 });
    const f = openDb(`sqlite:${path}`);
    expect((await listAudit(f, { limit: 1000 })).at(-1)).toMatchObject({ action: 'backup.restore_forced' });
    await f.close();
  });

  it('refuses files that are not an intact fazhi database, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-restore-'));
    const target = join(dir, 'fazhi.db');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(() => inspectBackup(join(dir, 'notes.txt'))).toThrow('不是 SQLite 数据库文件');
    const other = new SQLite(join(dir, 'other.db'));
    other.exec('create table things (id integer)');
    other.close();
    await expect(restoreDatabase(target, join(dir, 'other.db'), new Date(), restoring(dir))).rejects.toThrow(
      '不是 fazhi 数据库',
    );
    const newer = openDb(`sqlite:${join(dir, 'newer.db')}`);
    await migrateToLatest(newer);
    await newer.close();
    const raw = new SQLite(join(dir, 'newer.db'));
    raw
      .prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2099-01-01')")
      .run();
    raw.close();
    await expect(restoreDatabase(target, join(dir, 'newer.db'), new Date(), restoring(dir))).rejects.toThrow(
      '不兼容',
    );
    expect(existsSync(target)).toBe(false);
  });
});
