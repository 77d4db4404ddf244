import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Content-addressed file storage under the data folder: a file's name is its SHA-256, so the same
 * photo attached twice is stored once and a stored file can be checked against its name.
 */
export class FileStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'evidence');
  }

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`invalid sha256: ${sha}`);
    return join(this.root, sha.slice(0, 2), sha);
  }

  /** Stores bytes (atomically: temp file then rename) and returns their SHA-256. */
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
    return readFile(this.pathOf(sha));
  }

  async remove(sha: string): Promise<void> {
    await rm(this.pathOf(sha), { force: true });
  }
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
