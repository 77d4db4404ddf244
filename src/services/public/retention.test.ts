import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { insertPublicRequest } from '../../db/public.repo.ts';
import { testDatabases } from '../../testing/databases.ts';
import { setup, smallCounty } from '../../testing/fixtures.ts';
import { listAudit, verifyAudit } from '../audit.ts';
import { registerCase } from '../case-writes.ts';
import { ReminderScheduler } from '../jobs/scheduler.ts';
import { caseRecord } from '../cases.ts';
import { ALL } from '../../core/scope.ts';
import { ANONYMISED, anonymiseExpired } from './retention.ts';

const NOW = new Date('2026-12-03T02:00:00.000Z');
const FOUR_YEARS_AGO = '2022-11-20T02:00:00.000Z';
const LAST_MONTH = '2026-11-03T02:00:00.000Z';

for (const tdb of testDatabases()) {
  describe(`anonymising the public's personal information on ${tdb.name}`, () => {
    let h: Db;
    const made: { request: number; record: number }[] = [];
    beforeAll(async () => {
      h = await tdb.open();
      const { county, a } = await smallCounty(h);
      for (const [i, at] of [FOUR_YEARS_AGO, LAST_MONTH].entries()) {
        const c = await registerCase(
          h,
          setup.p,
          setup.actor,
          {
            type: 'disclosure_request',
            townshipId: a.id,
            draft: {
              date: at.slice(0, 10),
              title: `申请公开村道硬化工程预算${i}`,
              data: { applicant: '张三' },
            },
          },
          at,
        );
        const request = await insertPublicRequest(h.db, {
          kind: 'disclosure',
          codeHash: `hash${i}`,
          countyId: county.id,
          townshipId: a.id,
          recordId: c.id,
          person: JSON.stringify({ name: '张三', phone: '13800000000', idNumber: '430000199001011234' }),
          content: JSON.stringify({
            description: '本人家门口村道的预算，电话13800000000',
            delivery: 'email',
          }),
          contentHash: `content${i}`,
          createdAt: at,
        });
        made.push({ request, record: c.id });
      }
    });
    afterAll(async () => h?.close());

    const requestRow = (id: number) =>
      h.db.selectFrom('public_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('refuses a retention period under 30 days', async () => {
      await expect(anonymiseExpired(h, NOW, 7)).rejects.toThrow('不少于30');
    });

    it('anonymises requests past the period, in the request and its case record, and audits the ids', async () => {
      const r = await anonymiseExpired(h, NOW, 1095);
      expect([r.requests, r.records]).toEqual([1, 1]);
      const old = await requestRow(made[0]!.request);
      expect(old.person).toBe('{}');
      expect(JSON.parse(old.content)).toEqual({ delivery: 'email', anonymised: true });
      expect(old.anonymised_at).toBe(NOW.toISOString());
      const rec = await caseRecord(h, ALL, made[0]!.record);
      expect(rec.data.applicant).toBe(ANONYMISED);
      expect(rec.title).toBe('申请公开村道硬化工程预算0');
      const recent = await requestRow(made[1]!.request);
      expect(recent.person).toContain('张三');
      expect(recent.anonymised_at).toBeNull();
      expect((await caseRecord(h, ALL, made[1]!.record)).data.applicant).toBe('张三');
      const [entry] = await listAudit(h, { actions: ['public.anonymise'], limit: 50 });
      expect(entry?.after).toMatchObject({ requests: [made[0]!.request], records: 1 });
      expect(JSON.stringify(entry)).not.toContain('张三');
      expect(await verifyAudit(h)).toMatchObject({ ok: true });
    });

    it('runs once a China day from the scheduler, and a run with nothing due writes nothing', async () => {
      const s = new ReminderScheduler(h, { clock: () => NOW, retentionDays: 1095 });
      const first = await s.tick();
      expect(first?.anonymised).toMatchObject({ requests: 0, records: 0, comments: 0 });
      expect((await s.tick())?.anonymised).toBeNull();
      const entries = await listAudit(h, { actions: ['public.anonymise'], limit: 50 });
      expect(entries).toHaveLength(1);
      const off = new ReminderScheduler(h, { clock: () => NOW });
      expect((await off.tick())?.anonymised).toBeNull();
    });
  });
}
