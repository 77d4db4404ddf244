import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../../core/dates.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { examInput, paperKey, plus, seedBank } from '../../testing/exams.ts';
import { addAccount } from '../../testing/fixtures.ts';
import { PASSWORD, principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import { computeIndicators } from '../indicators.ts';
import { closeExam } from './close.ts';
import { createExam, getExam } from './exams.ts';
import { saveAnswer, startSitting, submitSitting } from './sitting.ts';

const T0 = '2025-09-01T01:00:00.000Z';
const MIN = 60_000;

for (const tdb of testDatabases()) {
  describe(`a county's exam on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let officer: Principal;
    const people: Principal[] = [];

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      await seedBank(h);
      officer = principalOf(w, 'county_officer');
      // Two namesakes in 乙乡 with the same unit: their score records must both be kept.
      for (const [username, orgId] of [
        ['b.one', w.b.id],
        ['b.two', w.b.id],
      ] as const) {
        const u = await addAccount(h, {
          username,
          name: '王芳',
          role: 'township_staff',
          orgId,
          password: PASSWORD,
        });
        people.push({ id: u.id, username, name: u.name, role: u.role, orgId, orgPath: w.b.path });
      }
      await addAccount(h, {
        username: 'b.off',
        name: '停用账号',
        role: 'township_staff',
        orgId: w.b.id,
        password: PASSWORD,
      }).then((u) => h.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute());
    });
    afterAll(async () => {
      await h.close();
    });

    const act = (p: Principal) => actorOf(p, '10.0.0.1');

    it('draws the same questions for everyone in fixed mode, and writes records per township at the close', async () => {
      const input = examInput(w.county.id, T0, {
        mode: 'fixed',
        candidates: { orgIds: [w.county.id], roles: ['county_officer', 'township_staff'] },
      });
      const d = await createExam(h, officer, act(officer), input, T0);
      // county.officer (the county), township.staff (甲镇), b.one and b.two (乙乡); not the disabled one.
      expect(d.candidates.map((c) => [c.name, c.township]).sort()).toEqual(
        [
          ['county_officer', '测试县'],
          ['township_staff', '甲镇'],
          ['王芳', '乙乡'],
          ['王芳', '乙乡'],
        ].sort(),
      );
      const at = plus(T0, 5 * MIN);
      const papers = [];
      for (const p of [...people, officer]) {
        const s = await startSitting(h, p, act(p), d.id, at);
        const key = await paperKey(h, s.sittingId);
        papers.push(key.map((q) => q.id).sort((a, b) => a - b));
        // Everyone right on 单选 only: 20 of 90, 不合格.
        for (const q of key.filter((x) => x.type === 'single'))
          await saveAnswer(
            h,
            p,
            {
              examId: d.id,
              sittingId: s.sittingId,
              position: q.position,
              token: s.token,
              answer: [...q.answer],
            },
            at,
          );
        await submitSitting(h, p, act(p), { examId: d.id, sittingId: s.sittingId, token: s.token }, at);
      }
      expect(new Set(papers.map((p) => p.join())).size).toBe(1);

      const closed = await closeExam(h, officer, act(officer), d.id, plus(T0, 3 * 60 * MIN));
      expect(closed.state).toBe('closed');
      const rows = await h.db
        .selectFrom('exam_records')
        .innerJoin('records', 'records.id', 'exam_records.record_id')
        .innerJoin('orgs', 'orgs.id', 'records.township_id')
        .select(['orgs.name', 'records.kind', 'records.county_id'])
        .where('exam_records.exam_id', '=', d.id)
        .execute();
      expect(rows.map((r) => `${r.name}:${r.kind}`).sort()).toEqual(
        [
          '乙乡:exam',
          '乙乡:exam_score',
          '乙乡:exam_score',
          '测试县:exam',
          '测试县:exam_score',
          '甲镇:exam',
        ].sort(),
      );
      expect(rows.every((r) => r.county_id === w.county.id)).toBe(true);
      const b = await computeIndicators(h, w.b, yearPeriod(2025));
      const v = (key: string) => b.find((x) => x.key === key)?.value;
      expect([v('study.exam_participation_rate'), v('study.exam_pass_rate')]).toEqual([100, 0]);
      const county = await computeIndicators(h, w.county, yearPeriod(2025));
      expect(county.find((x) => x.key === 'study.exam_participation_rate')?.value).toBe(75);
      const entry = (await listAudit(h, { limit: 1, order: 'desc' }))[0]!;
      expect(entry).toMatchObject({ action: 'exam.close', targetType: 'exam' });
      expect(entry.after).toMatchObject({ required: 4, sat: 3, passed: 0, townships: 3, records: 6 });
    });

    it('keeps another township’s exam out of a township organiser’s sight', async () => {
      const input = examInput(w.b.id, T0, { candidates: { usernames: ['b.one'] } });
      const d = await createExam(h, officer, act(officer), input, T0);
      const staffA = principalOf(w, 'township_staff');
      await expect(getExam(h, staffA, d.id, T0)).rejects.toMatchObject({ status: 404 });
      await expect(
        createExam(
          h,
          staffA,
          act(staffA),
          examInput(w.a.id, T0, { candidates: { usernames: ['b.one'] } }),
          T0,
        ),
      ).rejects.toThrow('以下账号不属于本单位及下属单位：b.one');
      await expect(
        createExam(
          h,
          staffA,
          act(staffA),
          examInput(w.a.id, T0, { candidates: { usernames: ['b.off'] } }),
          T0,
        ),
      ).rejects.toThrow('以下账号不属于本单位及下属单位：b.off');
      await expect(
        createExam(
          h,
          officer,
          act(officer),
          examInput(w.b.id, T0, { candidates: { usernames: ['b.off'] } }),
          T0,
        ),
      ).rejects.toThrow('以下账号已停用：b.off');
    });
  });
}
