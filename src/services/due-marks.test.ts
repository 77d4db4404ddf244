import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUTORY_MARK } from '../core/calendar.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { setup, smallCounty } from '../testing/fixtures.ts';
import { loadWorkbook } from '../testing/workbooks.ts';
import { registerCase } from './case-writes.ts';
import { importRecords } from './ledger-batches.ts';
import { exportLedger } from './ledger-io/index.ts';
import { listVisibleRecords } from './ledger-writes.ts';
import type { Org } from './orgs.ts';

const AT = '2026-12-21T02:00:00.000Z';

for (const tdb of testDatabases()) {
  describe(`a stored due date counted on statutory holidays only, ${tdb.name}`, () => {
    let h: Db;
    let a: Org;
    beforeAll(async () => {
      h = await tdb.open();
      ({ a } = await smallCounty(h));
      // Received 2026-12-20: its 15日 answer date falls in 2027, a year with no arrangement stored.
      await registerCase(
        h,
        setup.p,
        setup.actor,
        {
          type: 'petition',
          townshipId: a.id,
          draft: { date: '2026-12-20', title: '土地补偿款', data: { petitionType: '申诉求决' } },
        },
        AT,
      );
    });
    afterAll(async () => h.close());

    it('carries the mark in the ledger list and in the export, which imports back as the date', async () => {
      const { items } = await listVisibleRecords(h, setup.p, { kinds: ['petition'] });
      expect(items).toHaveLength(1);
      const due = items[0]!.data.dueDate;
      expect(typeof due).toBe('string');
      expect(String(due) > '2026-12-31').toBe(true);
      expect(items[0]!.marks).toEqual({ dueDate: STATUTORY_MARK });

      const bytes = await exportLedger(h, a, 2026);
      const wb = await loadWorkbook(bytes);
      const texts: string[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.text))));
      expect(texts).toContain(`${String(due)}（${STATUTORY_MARK}）`);

      const back = await importRecords(
        h,
        setup.p,
        setup.actor,
        { townshipId: a.id, fileName: '台账.xlsx', bytes },
        AT,
      );
      expect(back.errors).toEqual([]);
      // Whether stored anew or found again, the row's due date reads back as the date itself.
      const after = await listVisibleRecords(h, setup.p, { kinds: ['petition'] });
      expect(after.items.map((r) => r.data.dueDate)).toEqual(after.items.map(() => due));
    });
  });
}
