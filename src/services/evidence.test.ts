import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL, subtree } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addRecord, setup, smallCounty } from '../testing/fixtures.ts';
import { systemPrincipal, type Principal } from './access.ts';
import { actorOf, listAudit } from './audit.ts';
import { listEvidence, readEvidence, safeFileName } from './evidence.ts';
import { FileStore, FolderFileStore, openFileStore } from './file-store.ts';
import type { Org } from './orgs.ts';
import { addEvidence, dropEvidence, fetchEvidence } from './ledger-writes.ts';

// A real 1×1 PNG and a minimal PDF: the type is sniffed from these bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const tdb of testDatabases()) {
  describe(`evidence on ${tdb.name}`, () => {
    let h: Db;
    let dir: string;
    let store: FileStore;
    let org: { a: Org; b: Org };
    let recordId: number;
    /** Attaches a file to the record, as the console unless another principal is given. */
    const attach = (file: { name: string; bytes: Buffer }, p: Principal = setup.p) =>
      addEvidence(h, store, p, actorOf(p, null), recordId, file, NOW);
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      dir = mkdtempSync(join(tmpdir(), 'fazhi-ev-'));
      store = openFileStore(h, dir);
      const r = await addRecord(
        h,
        org.a,
        'publicity_event',
        { date: '2023-12-04', title: '宪法日宣传', data: { form: 'street' } },
        NOW,
      );
      recordId = r.id;
    });
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('stores photos and PDFs by content and reads them back', async () => {
      const a = await attach({ name: '现场照片.png', bytes: PNG });
      const b = await attach({ name: '签到表.pdf', bytes: PDF });
      const c = await attach({ name: '同一张照片.png', bytes: PNG });
      expect([a.mime, b.mime]).toEqual(['image/png', 'application/pdf']);
      expect(c.sha256).toBe(a.sha256);
      expect((await listEvidence(h, ALL, recordId)).map((e) => e.fileName)).toEqual([
        '现场照片.png',
        '签到表.pdf',
        '同一张照片.png',
      ]);
      const back = await readEvidence(h, store, ALL, b.id);
      expect(back.bytes.equals(PDF)).toBe(true);
      // The shared file stays until its last evidence row goes.
      const op = systemPrincipal('operator');
      await dropEvidence(h, store, op, actorOf(op, null), a.id, NOW);
      expect((await readEvidence(h, store, ALL, c.id)).bytes.equals(PNG)).toBe(true);
    });

    it('audits each download, with the file it gave', async () => {
      const e = (await listEvidence(h, ALL, recordId))[0]!;
      const got = await fetchEvidence(h, store, setup.p, setup.actor, e.id, NOW);
      expect(got.bytes.length).toBe(e.size);
      const last = (await listAudit(h, { limit: 10_000 })).at(-1);
      expect(last).toMatchObject({
        action: 'evidence.download',
        targetId: String(e.id),
        after: { recordId, fileName: e.fileName, sha256: e.sha256 },
      });
    });

    it('refuses by content, size and scope', async () => {
      await expect(attach({ name: 'photo.jpg', bytes: Buffer.from('not really a jpeg') })).rejects.toThrow(
        '不支持的证据文件类型',
      );
      await expect(attach({ name: 'x.png', bytes: Buffer.alloc(0) })).rejects.toThrow('为空');
      const big = Buffer.concat([PNG, Buffer.alloc(21 * 1024 * 1024)]);
      await expect(attach({ name: 'big.png', bytes: big })).rejects.toThrow('超过上限 20 MB');
      const other = subtree(org.b.path);
      const bStaff = {
        id: 9999,
        username: 'b.staff',
        role: 'township_staff',
        orgId: org.b.id,
        orgPath: org.b.path,
      };
      await expect(attach({ name: 'x.png', bytes: PNG }, bStaff)).rejects.toThrow(
        `记录 ${recordId} 不存在或无权查看`,
      );
      await expect(listEvidence(h, other, recordId)).rejects.toThrow('不存在或无权访问');
      expect(await listEvidence(h, subtree(org.a.path), recordId)).toHaveLength(2);
    });

    it('detects a stored file that was altered', async () => {
      const e = await attach({ name: '会议纪要.pdf', bytes: Buffer.concat([PDF, Buffer.from('% 纪要')]) });
      const altered = Buffer.concat([PDF, Buffer.from('% 改动')]);
      // Altered where it is kept: the data folder on SQLite, the blobs table on PostgreSQL.
      if (store instanceof FolderFileStore) writeFileSync(store.pathOf(e.sha256), altered);
      else await h.db.updateTable('blobs').set({ bytes: altered }).where('sha256', '=', e.sha256).execute();
      expect(await store.has(e.sha256)).toBe(true);
      await expect(store.get(e.sha256)).rejects.toThrow('可能已被改动');
      await expect(readEvidence(h, store, ALL, e.id)).rejects.toThrow('可能已被改动');
    });
  });
}

describe('safeFileName', () => {
  it('drops folders and control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\证据.png')).toBe('证据.png');
    expect(safeFileName('a\u0000b<c>.pdf')).toBe('abc.pdf');
    expect(safeFileName('...')).toBe('证据文件');
  });
});
