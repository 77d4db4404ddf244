import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.ts';
import { blobBytes, blobsAmong, deleteBlob, hasBlob, putBlob } from '../db/blobs.repo.ts';
import type { Db } from '../db/connect.ts';

const SHA = /^[0-9a-f]{64}$/;

/** Stored bytes that no longer hash to their name: altered or damaged where they are kept. */
export class CorruptFileError extends UserError {
  constructor(sha: string) {
    super(`存储的文件 ${sha.slice(0, 12)}… 内容与其摘要不符，可能已被改动`, 'corrupt', 500);
  }
}

/**
 * Content-addressed file storage: a file's name is its SHA-256, so the same photo attached twice
 * is stored once, and a get checks the bytes against the name. Evidence, disclosure replies and
 * feedback photos all go through it. On PostgreSQL the files live in the database (every server
 * reads them, pg_dump backs them up); on SQLite in the data folder.
 */
export abstract class FileStore {
  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  protected static check(sha: string): string {
    if (!SHA.test(sha)) throw new Error(`invalid sha256: ${sha}`);
    return sha;
  }

  /** Stores bytes and returns their SHA-256. */
  abstract put(bytes: Uint8Array): Promise<string>;
  /** The bytes named `sha`; fails when there are none, or when they do not hash to `sha`. */
  abstract get(sha: string): Promise<Buffer>;
  abstract remove(sha: string): Promise<void>;
  abstract has(sha: string): Promise<boolean>;

  protected verified(sha: string, bytes: Buffer): Buffer {
    if (FileStore.sha256(bytes) !== sha) throw new CorruptFileError(sha);
    return bytes;
  }
}

/** Files under `<data folder>/evidence/<first two hex digits>/<sha256>`. */
export class FolderFileStore extends FileStore {
  readonly root: string;
  constructor(dataDir: string) {
    super();
    this.root = resolve(dataDir, 'evidence');
  }

  pathOf(sha: string): string {
    FileStore.check(sha);
    return join(this.root, sha.slice(0, 2), sha);
  }

  /** Stores bytes atomically: a temporary file, then a rename. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha = FileStore.sha256(bytes);
    const target = this.pathOf(sha);
    if (await exists(target)) return sha;
    await mkdir(join(this.root, sha.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    return sha;
  }

  async get(sha: string): Promise<Buffer> {
    return this.verified(sha, await readFile(this.pathOf(sha)));
  }

  async remove(sha: string): Promise<void> {
    await rm(this.pathOf(sha), { force: true });
  }

  has(sha: string): Promise<boolean> {
    return exists(this.pathOf(sha));
  }

  /** The names of every stored file. */
  async list(): Promise<string[]> {
    const out: string[] = [];
    const dirs = await readdir(this.root).catch(() => [] as string[]);
    for (const d of dirs) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of await readdir(join(this.root, d)).catch(() => [] as string[]))
        if (SHA.test(f) && f.startsWith(d)) out.push(f);
    }
    return out.sort();
  }
}

/** Files in the `blobs` table (PostgreSQL). */
export class DatabaseFileStore extends FileStore {
  constructor(private readonly h: Db) {
    super();
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha = FileStore.sha256(bytes);
    await putBlob(this.h.db, { sha256: sha, bytes, at: new Date().toISOString() });
    return sha;
  }

  async get(sha: string): Promise<Buffer> {
    const bytes = await blobBytes(this.h.db, FileStore.check(sha));
    if (!bytes) throw Object.assign(new Error(`no stored file ${sha}`), { code: 'ENOENT' });
    return this.verified(sha, bytes);
  }

  async remove(sha: string): Promise<void> {
    await deleteBlob(this.h.db, FileStore.check(sha));
  }

  has(sha: string): Promise<boolean> {
    return hasBlob(this.h.db, FileStore.check(sha));
  }
}

/** The store for a database: in the database on PostgreSQL, in the data folder on SQLite. */
export function openFileStore(h: Db, dataDir: string): FileStore {
  return h.dialect.name === 'postgres' ? new DatabaseFileStore(h) : new FolderFileStore(dataDir);
}

/**
 * PostgreSQL: copies the data folder's stored files into the database (a deployment that kept them
 * in the folder before), checking each against its name. Files already there are skipped, so it
 * can run at every start. Says how many the folder holds, how many were copied, and which were
 * damaged (left out).
 */
export async function copyFolderFiles(
  h: Db,
  dataDir: string,
): Promise<{ found: number; copied: number; damaged: string[] }> {
  if (h.dialect.name !== 'postgres') return { found: 0, copied: 0, damaged: [] };
  const folder = new FolderFileStore(dataDir);
  const names = await folder.list();
  let copied = 0;
  const damaged: string[] = [];
  for (let i = 0; i < names.length; i += 200) {
    const batch = names.slice(i, i + 200);
    const have = await blobsAmong(h.db, batch);
    for (const sha of batch) {
      if (have.has(sha)) continue;
      const bytes = await folder.get(sha).catch(() => null);
      if (!bytes) {
        damaged.push(sha);
        continue;
      }
      if (await putBlob(h.db, { sha256: sha, bytes, at: new Date().toISOString() })) copied++;
    }
  }
  return { found: names.length, copied, damaged };
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The data folder: FAZHI_DATA, else ./data beside the default database. */
export function dataDir(): string {
  return process.env.FAZHI_DATA ?? './data';
}
