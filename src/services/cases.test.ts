import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../core/dates.ts';
import { ALL, subtree } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { addRecord, setup, smallCounty } from '../testing/fixtures.ts';
import { registerCase, takeCaseStep, type CaseStep } from './case-writes.ts';
import { listCases, showCase } from './cases.ts';
import { digest, dueCases } from './cases/due.ts';
import { computeIndicators } from './indicators.ts';
import { orgFilter, type Org } from './orgs.ts';
import { listLedger, type OrgDraft } from './records.ts';

const NOW = '2025-06-30T02:00:00.000Z';
const value = (vals: { key: string; value: number | null }[], key: string) =>
  vals.find((v) => v.key === key)?.value;

for (const tdb of testDatabases()) {
  describe(`cases on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; b: Org; village: Org; dept: Org };
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(async () => h.close());
    /** Opens a case from the console, entered for the township's staff unless another role is given. */
    const open = (t: Org, type: string, draft: OrgDraft, o: { role?: string; owner?: string } = {}) =>
      registerCase(
        h,
        setup.p,
        setup.actor,
        { type, townshipId: t.id, draft, role: o.role ?? 'township_staff', owner: o.owner },
        NOW,
      );
    const move = (id: number, step: CaseStep) => takeCaseStep(h, setup.p, setup.actor, id, step, NOW);

    it('opens a case as a ledger record and keeps record data in step with every transition', async () => {
      const c = await open(
        org.a,
        'petition',
        { date: '2025-03-03', title: '土地补偿', data: { petitionType: '申诉求决' }, org: '东村' },
        { owner: '张三' },
      );
      expect(c).toMatchObject({
        type: 'petition',
        state: 'registered',
        owner: '张三',
        orgId: org.village.id,
        nextDue: '2025-03-18',
      });
      // A petition brought directly has no 异议 window (信访工作条例 第23条第3款 is for forwarded ones).
      expect(c.clocks.map((k) => k.id)).toEqual(['petition.accept']);
      await move(c.id, { action: 'accept', role: 'township_staff', date: '2025-03-05' });
      await move(c.id, {
        action: 'extend',
        role: 'township_leader',
        date: '2025-04-20',
        values: { extension: '30' },
        reason: '情况复杂',
      });
      const closed = await move(c.id, {
        action: 'close',
        role: 'township_staff',
        date: '2025-05-20',
        values: { resolved: '是' },
      });
      expect(closed.state).toBe('closed');
      expect(closed.closed).toBe(false); // 复查 may follow
      expect(closed.nextDue).toBeNull();
      const { items } = await listLedger(h, ALL, { kinds: ['petition'] });
      expect(items[0]!.data).toMatchObject({
        status: 'closed',
        dueDate: '2025-06-03',
        closedDate: '2025-05-20',
        resolved: true,
      });
      const vals = await computeIndicators(h, org.a, yearPeriod(2025));
      expect(value(vals, 'petitions.on_time_rate')).toBe(100);
      expect(value(vals, 'petitions.resolved')).toBe(1);
    });

    it('keeps a refused attempt in the history with its reason and changes nothing else', async () => {
      const c = await open(org.a, 'dispute', {
        date: '2025-05-01',
        title: '宅基地纠纷',
        data: { disputeType: 'land' },
      });
      await expect(
        move(c.id, {
          action: 'revisit',
          role: 'township_staff',
          date: '2025-05-02',
          values: { satisfaction: '满意' },
        }),
      ).rejects.toThrow('当前状态“已登记”不能「回访」');
      await expect(
        move(c.id, { action: 'resolve', role: 'grid_member', date: '2025-05-02' }),
      ).rejects.toThrow('须由');
      await expect(
        move(c.id, { action: 'resolve', role: 'township_staff', date: '2025-04-02' }),
      ).rejects.toThrow('不能早于');
      const after = await showCase(h, ALL, c.id, NOW);
      expect(after.state).toBe('registered');
      expect(after.data.status).toBe('pending');
      expect(after.events.map((e) => [e.action, e.outcome])).toEqual([
        ['open', 'done'],
        ['revisit', 'refused'],
        ['resolve', 'refused'],
        ['resolve', 'refused'],
      ]);
      expect(after.events[2]!.error).toContain('网格员');
      const ok = await move(c.id, { action: 'resolve', role: 'township_staff', date: '2025-05-20' });
      expect(ok.events.at(-1)).toMatchObject({ seq: 5, outcome: 'done', toState: 'resolved' });
    });

    it('escalates an unrectified inspection into a penalty case in the same transaction', async () => {
      const power = (title: string, category: string) =>
        addRecord(h, org.a, 'power', {
          date: '2025-01-01',
          endDate: '2026-01-01',
          title,
          data: { category, basis: '《中华人民共和国消防法》', source: 'statutory' },
        });
      await power('消防安全检查', 'inspection');
      await power('对消防安全违法行为的处罚', 'penalty');
      const c = await open(org.a, 'inspection', {
        date: '2025-04-01',
        title: '加油站消防检查',
        data: { area: 'fire', power: '消防安全检查' },
      });
      await move(c.id, {
        action: 'order',
        role: 'township_staff',
        date: '2025-04-01',
        values: { problemsFound: 4, rectifyDeadline: '2025-04-30' },
      });
      await move(c.id, {
        action: 'unrectified',
        role: 'township_staff',
        date: '2025-05-06',
        values: { problemsRectified: 1 },
      });
      const e = await move(c.id, {
        action: 'escalate',
        role: 'township_leader',
        date: '2025-05-08',
        values: { penaltyPower: '对消防安全违法行为的处罚' },
      });
      const penaltyId = Number(e.events.at(-1)!.values.openedCase);
      const p = await showCase(h, ALL, penaltyId, NOW);
      expect(p).toMatchObject({
        type: 'penalty',
        state: 'filed',
        title: '逾期未整改：加油站消防检查',
        date: '2025-05-08',
      });
      expect(p.data.power).toBe('对消防安全违法行为的处罚');
      expect(p.events[0]!.values.fromCase).toBe(c.id);
      expect(p.clocks[0]!.deadline.due).toBe('2025-08-06');
    });

    it('records hearings as lawsuit_hearing ledger rows feeding the appearance rate', async () => {
      const c = await open(org.b, 'lawsuit', {
        date: '2025-02-10',
        title: '行政强制纠纷',
        data: { caseNo: '（2025）湘行初9号' },
      });
      await move(c.id, { action: 'answer', role: 'township_staff', date: '2025-02-20' });
      await move(c.id, {
        action: 'hearing',
        role: 'township_staff',
        date: '2025-04-10',
        values: { leaderRank: 'principal', leaderName: '王镇长' },
      });
      await move(c.id, {
        action: 'hearing',
        role: 'township_staff',
        date: '2025-05-10',
        values: { leaderRank: 'none' },
      });
      await move(c.id, { action: 'won', role: 'township_staff', date: '2025-06-10' });
      const vals = await computeIndicators(h, org.b, yearPeriod(2025));
      expect(value(vals, 'litigation.leader_appearance_rate')).toBe(50);
      expect(value(vals, 'litigation.cases')).toBe(1);
    });

    it('lists cases by organisation, type and state within the caller scope', async () => {
      const all = await listCases(h, ALL, { org: orgFilter(org.a) });
      expect(all.total).toBe(4);
      const pet = await listCases(h, ALL, {
        org: orgFilter(org.a),
        types: ['petition'],
        states: ['closed'],
      });
      expect(pet.items.map((i) => i.title)).toEqual(['土地补偿']);
      const onlyB = await listCases(h, subtree(org.b.path), {});
      expect(onlyB.items.every((i) => i.townshipId === org.b.id)).toBe(true);
      await expect(showCase(h, subtree(org.b.path), all.items[0]!.id, NOW)).rejects.toThrow(
        '不存在或无权查看',
      );
    });

    it('lists due and overdue clocks most urgent first, and writes a digest per township', async () => {
      const d1 = await open(org.a, 'disclosure_request', {
        date: '2025-06-20',
        title: '申请公开征收补偿方案',
        data: {},
      });
      const d2 = await open(
        org.a,
        'dispute',
        { date: '2025-05-10', title: '债务纠纷', data: { disputeType: 'debt' } },
        { owner: '李四' },
      );
      const due = await dueCases(h, org.a, 7, NOW);
      const dispute = due.find((i) => i.caseId === d2.id)!;
      expect(dispute).toMatchObject({ overdue: true, due: '2025-06-10', daysLeft: -20, owner: '李四' });
      expect(due[0]!.caseId).toBe(d2.id);
      // No 补正 clock runs on a request that was never sent back for 补正 (政府信息公开条例 第30条).
      expect(due.some((i) => i.caseId === d1.id && i.clock.startsWith('disclosure.correction'))).toBe(false);
      expect(due.some((i) => i.clock === 'disclosure.reply')).toBe(false); // due 2025-07-18, beyond 7 days
      expect((await dueCases(h, org.a, 30, NOW)).some((i) => i.clock === 'disclosure.reply')).toBe(true);
      for (let i = 1; i < due.length; i++) expect(due[i - 1]!.due <= due[i]!.due).toBe(true);
      const text = await digest(h, org.county, NOW);
      expect(text).toContain('【甲镇】逾期');
      expect(text).toContain('债务纠纷');
      expect(text).toContain('已逾期20日');
      // 乙乡's lawsuit was won on 2025-06-10: nothing overdue, and the 15-day appeal window (行政诉讼法
      // 第85条) has run, so the judgment may be recorded as final.
      expect(text).toContain('【乙乡】逾期0项');
      expect(text).toContain('不服判决上诉期限不早于2025-06-25结束');
    });

    it('refuses to open a case with invalid input, and an unknown type', async () => {
      await expect(open(org.a, 'dispute', { date: '2025-05-01', title: '', data: {} })).rejects.toThrow(
        /纠纷事由：不能为空.*纠纷类型：不能为空/,
      );
      await expect(open(org.a, 'meeting', { date: '2025-05-01', title: 'x', data: {} })).rejects.toThrow(
        '未知的案件类型“meeting”',
      );
      await expect(
        open(org.a, 'penalty', { date: '2025-05-01', title: 'x', data: {} }, { role: 'grid_member' }),
      ).rejects.toThrow('须由乡镇工作人员或乡镇领导登记');
      await expect(open(org.a, 'penalty', { date: '2025-07-05', title: 'x', data: {} })).rejects.toThrow(
        '不能晚于今天',
      );
      await expect(open(org.county, 'penalty', { date: '2025-05-01', title: 'x', data: {} })).rejects.toThrow(
        '不是乡镇',
      );
    });
  });
}
