import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/audit.repo.ts';
import type { Db } from '../db/connect.ts';
import { entryHash } from './audit.ts';

/**
 * The audit chain's secret: entries from `since` on are hashed with HMAC-SHA256 under `key`, so
 * someone who can write to the database but cannot read the server's key file cannot rewrite the
 * chain consistently. The file lives in the data folder, outside the database, readable by the
 * server's user only; `since` is kept with it so the database alone cannot say where keying began.
 */
export interface AuditKey {
  readonly key: Buffer;
  /** The first entry hashed with the key: the chain's length when the key was made, plus one. */
  readonly since: number;
}

export const AUDIT_KEY_FILE = 'audit.key';

const keys = new WeakMap<object, AuditKey>();

/** The key the database's chain is written and checked with, if one was given. */
export function auditKeyOf(h: Db): AuditKey | null {
  return keys.get(h.db) ?? null;
}

/** Writes and checks the chain of `h` with `k` from now on. */
export function useAuditKey(h: Db, k: AuditKey): void {
  keys.set(h.db, k);
}

function parseKeyFile(text: string, path: string): AuditKey {
  const m = /^fazhi-audit-key v1\s+key=([0-9a-f]{64})\s+since=(\d+)\s*$/.exec(text);
  if (!m)
    throw new UserError(`审计密钥文件 ${path} 格式不正确：请从备份恢复该文件，不要手工修改`, 'bad_audit_key');
  return { key: Buffer.from(m[1]!, 'hex'), since: Number(m[2]) };
}

/** The key in `<dataDir>/audit.key`, or null when the folder has none. */
export function readAuditKey(dataDir: string): AuditKey | null {
  const path = join(dataDir, AUDIT_KEY_FILE);
  try {
    return parseKeyFile(readFileSync(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Loads `<dataDir>/audit.key`, or makes one keyed from the chain's next entry on, and uses it for
 * `h`. Made with O_EXCL, so a server and a command starting together agree on one key.
 */
export async function ensureAuditKey(h: Db, dataDir: string): Promise<AuditKey> {
  const path = join(dataDir, AUDIT_KEY_FILE);
  let k = readAuditKey(dataDir);
  if (!k) {
    const head = await repo.getHead(h.db);
    const key = randomBytes(32);
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, `fazhi-audit-key v1 key=${key.toString('hex')} since=${head.seq + 1}\n`, {
        flag: 'wx',
        mode: 0o600,
      });
      chmodSync(path, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    k = readAuditKey(dataDir)!;
  }
  useAuditKey(h, k);
  return k;
}

/**
 * Refuses to serve with a key the chain was not written with. Servers sharing one database must
 * share one key file: a second server that made its own would write entries the first server's key
 * does not verify, and `fazhi audit verify` would report the chain broken from there on. The chain's
 * last entry shows which key (or none) it was written with.
 */
export async function assertAuditKeyFits(h: Db, dataDir: string): Promise<void> {
  const head = await repo.getHead(h.db);
  if (head.seq === 0) return;
  const [last] = await repo.entriesAfter(h.db, head.seq - 1, 1);
  if (!last) return;
  const k = readAuditKey(dataDir);
  if (entryHash(last, k) === last.hash) return;
  const path = join(dataDir, AUDIT_KEY_FILE);
  throw new UserError(
    k
      ? `本服务器的审计密钥 ${path} 不能验证数据库中最新的审计记录（第 ${head.seq} 条）：多台服务器共用一个数据库时，请把最早启动的那台服务器数据目录中的 ${AUDIT_KEY_FILE} 复制到本服务器的数据目录；只有一台服务器时，请运行 fazhi audit verify 检查审计日志是否被改动`
      : `数据库中的审计记录已用另一台服务器的审计密钥签写，本服务器的数据目录 ${dataDir} 中没有该密钥：请把那台服务器数据目录中的 ${AUDIT_KEY_FILE} 复制到本服务器的数据目录后再启动`,
    'audit_key_mismatch',
  );
}
