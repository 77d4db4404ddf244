import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import {
  DatabaseFileStore,
  FileStore,
  FolderFileStore,
  copyFolderFiles,
  openFileStore,
} from './file-store.ts';

for (const tdb of testDatabases()) {
  describe(`file store on ${tdb.name}`, () => {
    let h: Db;
    let dir: string;
    let store: FileStore;
    beforeAll(async () => {
      h = await tdb.open();
      dir = mkdtempSync(join(tmpdir(), 'fazhi-fs-'));
      store = openFileStore(h, dir);
    });
    afterAll(async () => {
      await h.close();
    });

    it('keeps files in the database on PostgreSQL and in the data folder on SQLite', () => {
      expect(store).toBeInstanceOf(tdb.name === 'postgres' ? DatabaseFileStore : FolderFileStore);
    });

    it('stores bytes once under their SHA-256, gives them back, and removes them', async () => {
      const bytes = Buffer.from('现场照片 1');
      const sha = await store.put(bytes);
      expect(sha).toBe(FileStore.sha256(bytes));
      expect(await store.put(bytes)).toBe(sha);
      expect(await store.has(sha)).toBe(true);
      expect((await store.get(sha)).equals(bytes)).toBe(true);
      await store.remove(sha);
      expect(await store.has(sha)).toBe(false);
      await expect(store.get(sha)).rejects.toThrow();
      await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid sha256');
    });

    it('copies the data folder into the database at start, once, leaving out damaged files', async () => {
      const folder = new FolderFileStore(mkdtempSync(join(tmpdir(), 'fazhi-fs-old-')));
      const shas = [await folder.put(Buffer.from('旧证据一')), await folder.put(Buffer.from('旧证据二'))];
      const bad = FileStore.sha256(Buffer.from('原文'));
      mkdirSync(join(folder.root, bad.slice(0, 2)), { recursive: true });
      writeFileSync(folder.pathOf(bad), '改过的内容');
      const dataDir = join(folder.root, '..');
      const first = await copyFolderFiles(h, dataDir);
      const again = await copyFolderFiles(h, dataDir);
      if (tdb.name === 'sqlite') {
        // The folder is the store: nothing to copy.
        expect(first).toEqual({ found: 0, copied: 0, damaged: [] });
        return;
      }
      expect(first).toEqual({ found: 3, copied: 2, damaged: [bad] });
      expect(again).toEqual({ found: 3, copied: 0, damaged: [bad] });
      for (const sha of shas) expect(await store.has(sha)).toBe(true);
      expect(await store.has(bad)).toBe(false);
    });
  });
}
