import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { openSync, readSync, closeSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { UserError } from '../core/errors.ts';
import { openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { readAuditKey, useAuditKey } from './audit-key.ts';
import { verifyAudit, withAudit, type AuditActor, type AuditCheck } from './audit.ts';

/**
 * SQLite backup and restore. Backup uses SQLite's online backup API, so it is consistent while the
 * server keeps writing. PostgreSQL is backed up with pg_dump (docs/operations.md).
 */

const REQUIRED_TABLES = ['kysely_migration', 'orgs', 'records', 'users'];

export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  readonly migrations: readonly string[];
  readonly orgs: number;
  readonly records: number;
  readonly users: number;
}

function sqlitePathOf(h: Db): string {
  if (!h.sqlite)
    throw new UserError(
      'PostgreSQL 数据库请用 pg_dump / pg_restore 备份和恢复，步骤见 docs/operations.md',
      'not_sqlite',
    );
  return h.sqlite.name;
}

/** Copies the open SQLite database to `file` with the online backup API, then checks the copy. */
export async function backupDatabase(h: Db, file: string): Promise<BackupInfo> {
  const source = sqlitePathOf(h);
  if (source === ':memory:') throw new UserError('内存数据库无法备份', 'not_sqlite');
  if (existsSync(file)) throw new UserError(`备份文件“${file}”已存在，请换一个文件名`, 'exists', 409);
  await h.sqlite!.backup(file);
  // One self-contained file: a WAL-mode copy would need its -wal/-shm companions.
  const copy = new SQLite(file);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return inspectBackup(file);
}

/** Checks that `file` is an intact fazhi SQLite database and says what it holds. */
export function inspectBackup(file: string): BackupInfo {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new UserError(`找不到备份文件“${file}”`, 'not_found', 404);
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== 'SQLite format 3\0')
    throw new UserError(`“${file}”不是 SQLite 数据库文件`, 'not_fazhi_backup');
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new UserError(`备份文件“${file}”已损坏：${String(ok)}`, 'corrupt_backup');
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      throw new UserError(
        `“${file}”不是 fazhi 数据库（缺少数据表：${missing.join('、')}）`,
        'not_fazhi_backup',
      );
    const count = (t: string) => (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    const migrations = (
      db.prepare('select name from kysely_migration order by name').all() as { name: string }[]
    ).map((r) => r.name);
    return {
      file,
      bytes: statSync(file).size,
      migrations,
      orgs: count('orgs'),
      records: count('records'),
      users: count('users'),
    };
  } finally {
    db.close();
  }
}

/** A `fazhi serve` process holding this database, from its lock file; null when none is running. */
export function runningServer(dbPath: string): number | null {
  const lock = serveLockPath(dbPath);
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export const serveLockPath = (dbPath: string): string => `${dbPath}.serve.lock`;

export interface RestoreResult {
  readonly info: BackupInfo;
  /** Where the replaced database was kept, if there was one. */
  readonly previous: string | null;
  readonly audit: AuditCheck;
}

export interface RestoreOptions {
  /** The data folder whose audit key (audit.key) the restored chain is checked with. */
  readonly dataDir: string;
  /** Who restores: the restore is the first entry the restored database's chain gets. */
  readonly actor: AuditActor;
  /** Restore even though the backup's audit chain does not verify (the entry says so). */
  readonly force?: boolean;
}

/**
 * Replaces the SQLite database at `dbPath` with a backup. Refuses while a server is running on it,
 * a file that is not an intact fazhi database or was made by a newer fazhi (unknown migrations),
 * and a backup whose audit chain does not verify unless `force` is given. The restore is audited
 * in the restored database. The replaced database is kept beside it as `<db>.before-restore-<time>`.
 */
export async function restoreDatabase(
  dbPath: string,
  file: string,
  now: Date,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const pid = runningServer(dbPath);
  if (pid !== null)
    throw new UserError(
      `fazhi serve（进程 ${pid}）正在使用该数据库：请先停止服务再恢复（若服务确已停止，删除 ${serveLockPath(dbPath)} 后重试）`,
      'in_use',
      409,
    );
  const info = inspectBackup(file);
  const staging = `${dbPath}.restoring`;
  rmSync(staging, { force: true });
  copyFileSync(file, staging);
  // Bring an older backup up to this version's schema on the copy; a newer one fails here, untouched.
  const dropStaging = () => {
    rmSync(staging, { force: true });
    for (const ext of ['-wal', '-shm']) rmSync(staging + ext, { force: true });
  };
  const h = openDb(`sqlite:${staging}`);
  const key = readAuditKey(opts.dataDir);
  if (key) useAuditKey(h, key);
  let audit: AuditCheck;
  try {
    await migrateToLatest(h);
    audit = await verifyAudit(h);
  } catch (e) {
    await h.close();
    dropStaging();
    throw new UserError(
      `备份与当前版本不兼容，未做任何改动：${e instanceof Error ? e.message : String(e)}`,
      'incompatible_backup',
    );
  }
  if (!audit.ok && !opts.force) {
    await h.close();
    dropStaging();
    throw new UserError(
      `备份中的审计日志校验不通过，未做任何改动：${audit.message}。如确需恢复（例如已知原因并已记录），请加 --force，恢复本身会记入审计日志`,
      'audit_chain_broken',
      409,
    );
  }
  await withAudit(h, opts.actor, now.toISOString(), () =>
    Promise.resolve({
      result: undefined,
      events: [
        {
          action: audit.ok ? 'backup.restore' : 'backup.restore_forced',
          targetType: 'database',
          after: { file, chain: audit.ok ? { ok: true, count: audit.count } : audit },
        },
      ],
    }),
  );
  h.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  await h.close();
  let previous: string | null = null;
  if (existsSync(dbPath)) {
    previous = `${dbPath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dbPath, previous);
    for (const ext of ['-wal', '-shm'])
      if (existsSync(dbPath + ext)) renameSync(dbPath + ext, previous + ext);
  }
  for (const ext of ['-wal', '-shm']) rmSync(staging + ext, { force: true });
  renameSync(staging, dbPath);
  return { info, previous, audit };
}
