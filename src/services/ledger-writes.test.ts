import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import type { Principal } from './access.ts';
import type { AuditActor } from './audit.ts';
import { registerCase } from './case-writes.ts';
import { showCase } from './cases.ts';
import { openFileStore } from './file-store.ts';
import { createRecord, deleteRecord, editRecord, readRecord } from './ledger-writes.ts';
import type { Org } from './orgs.ts';
import { ALL } from '../core/scope.ts';

const AT = '2025-06-30T02:00:00.000Z';
const actor: AuditActor = { id: null, username: 'clerk', role: 'township_staff', ip: '127.0.0.1' };

for (const tdb of testDatabases()) {
  describe(`ledger writes on a case's record, ${tdb.name}`, () => {
    let h: Db;
    let org: { a: Org };
    let clerk: Principal;
    let dir: string;
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      clerk = { id: 0, username: 'clerk', role: 'township_staff', orgId: org.a.id, orgPath: org.a.path };
      dir = mkdtempSync(join(tmpdir(), 'fazhi-lw-'));
    });
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps workflow fields to the case engine but lets the clerk correct the rest', async () => {
      const c = await registerCase(
        h,
        clerk,
        actor,
        {
          type: 'dispute',
          draft: { date: '2025-06-01', title: '宅基地边界纠纷', data: { disputeType: 'land' } },
        },
        AT,
      );
      const rec = await readRecord(h, clerk, c.id);
      const edit = (data: Record<string, unknown>, title = rec.title) =>
        editRecord(h, clerk, actor, c.id, { date: rec.date, title, data: { ...rec.data, ...data } }, AT);
      await expect(edit({ status: 'resolved' })).rejects.toThrow(/“调处状态”由案件办理流程维护/);
      const fixed = await edit({ parties: '张某与李某' }, '东村宅基地边界纠纷');
      expect(fixed.title).toBe('东村宅基地边界纠纷');
      expect((await showCase(h, ALL, c.id, AT)).state).toBe(c.state);
      await expect(deleteRecord(h, openFileStore(h, dir), clerk, actor, c.id, AT)).rejects.toThrow(
        '不能在台账中删除',
      );
      expect((await readRecord(h, clerk, c.id)).id).toBe(c.id);
    });

    it('leaves plain case-kind rows without a case editable and deletable', async () => {
      const r = await createRecord(
        h,
        clerk,
        actor,
        {
          townshipId: org.a.id,
          kind: 'dispute',
          draft: { date: '2024-03-01', title: '上年纠纷', data: { disputeType: 'debt', status: 'pending' } },
        },
        AT,
      );
      const e = await editRecord(
        h,
        clerk,
        actor,
        r.id,
        { date: r.date, title: r.title, data: { ...r.data, status: 'resolved' } },
        AT,
      );
      expect(e.data.status).toBe('resolved');
      await deleteRecord(h, openFileStore(h, dir), clerk, actor, r.id, AT);
      await expect(readRecord(h, clerk, r.id)).rejects.toThrow('不存在');
    });
  });
}
