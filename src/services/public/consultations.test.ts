import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvePow } from '../../core/pow.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { addAccount } from '../../testing/fixtures.ts';
import { PASSWORD, principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import { registerCase, takeCaseStep } from '../case-writes.ts';
import { showCase } from '../cases.ts';
import { scopeOf } from '../access.ts';
import { issueChallenge } from './challenge.ts';
import { portalConsultation, portalConsultations, submitComment } from './consultations-public.ts';
import {
  consultationDetail,
  listConsultations,
  markComment,
  publishConsultation,
  publishSummary,
} from './consultations-staff.ts';

// 2025-03-03 is a Monday; 30日 from it end on Wednesday 2025-04-02 (no holiday, no shift).
const PUBLISHED = '2025-03-03T02:00:00.000Z';
const at = (day: string, hour = '02:00') => `${day}T${hour}:00.000Z`;
const draftText = '第一条 为改善集镇人居环境，制定本方案。\n第二条 本方案自公布之日起施行。';

for (const tdb of testDatabases()) {
  describe(`公众参与 on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let staff: Principal;
    let leader: Principal;
    let otherStaff: Principal;
    let n = 0;

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      staff = principalOf(w, 'township_staff');
      leader = principalOf(w, 'township_leader');
      const u = await addAccount(h, {
        username: 'b.staff',
        name: '乙乡工作人员',
        role: 'township_staff',
        orgId: w.b.id,
        password: PASSWORD,
      });
      otherStaff = {
        id: u.id,
        username: u.username,
        name: u.name,
        role: u.role,
        orgId: w.b.id,
        orgPath: w.b.path,
      };
    });
    afterAll(async () => {
      await h.close();
    });

    const act = (p: Principal) => actorOf(p, '10.0.0.1');
    const decision = async (date = '2025-03-01') =>
      (
        await registerCase(
          h,
          staff,
          act(staff),
          { type: 'major_decision', draft: { date, title: `集镇污水管网建设项目${++n}`, data: {} } },
          PUBLISHED,
        )
      ).id;
    const publish = async (extra: { closesOn: string; shortReason?: string }, caseId?: number) =>
      publishConsultation(
        h,
        staff,
        act(staff),
        {
          caseId: caseId ?? (await decision()),
          title: '关于集镇污水管网建设项目实施方案（征求意见稿）公开征求意见的公告',
          explanation: '一、起草背景\n二、主要内容',
          draft: draftText,
          ...extra,
        },
        PUBLISHED,
      );
    const comment = (consultationId: number, body: string, when: string, more: object = {}) => {
      const now = new Date(when);
      const ch = issueChallenge(h, now);
      const challenge = { token: ch.token, nonce: solvePow(ch.token, ch.bits) };
      return submitComment(h, { consultationId, body, challenge, ...more }, '10.0.0.7', now);
    };

    it('publishes with a window of at least 30 days, taking the case to 公众参与', async () => {
      const caseId = await decision();
      const c = await publish({ closesOn: '2025-04-10' }, caseId);
      expect(c).toMatchObject({ opensOn: '2025-03-03', closesOn: '2025-04-10', open: true, daysLeft: 38 });
      expect(c.shortReason).toBeNull();
      const kase = await showCase(h, scopeOf(staff), caseId, PUBLISHED);
      expect(kase.state).toBe('public_comment');
      expect(kase.data.commentCloses).toBe('2025-04-10');
      expect(kase.clocks.map((k) => [k.id, k.deadline.due])).toEqual([
        ['decision.public_comment', '2025-04-02'],
        ['decision.comment_window', '2025-04-10'],
      ]);
      const audit = await listAudit(h, { limit: 1000 });
      expect(audit.slice(-2).map((e) => e.action)).toEqual(['consultation.publish', 'case.comment']);
      await expect(publish({ closesOn: '2025-04-20' }, caseId)).rejects.toThrow(
        '只能为“拟订中”的重大行政决策',
      );
    });

    it('refuses a shorter window without a reason, and keeps the reason of one with it', async () => {
      const caseId = await decision();
      await expect(publish({ closesOn: '2025-04-01' }, caseId)).rejects.toThrow(
        /一般不少于30日.*截止日期不得早于2025-04-02.*须说明理由/,
      );
      await expect(publish({ closesOn: '2025-03-03' }, caseId)).rejects.toThrow('须晚于发布之日');
      await expect(publish({ closesOn: '2026-04-03' }, caseId)).rejects.toThrow('不能晚于发布之日起一年');
      // Nothing was stored by the refusals: the case is still being drafted.
      expect((await showCase(h, scopeOf(staff), caseId, PUBLISHED)).state).toBe('drafting');
      const c = await publish({ closesOn: '2025-03-13', shortReason: '汛期临近，情况紧急' }, caseId);
      expect(c.shortReason).toBe('汛期临近，情况紧急');
      const kase = await showCase(h, scopeOf(staff), caseId, PUBLISHED);
      expect(kase.clocks.map((k) => k.id)).toEqual(['decision.comment_window']);
      // A full window needs no reason, and none is kept.
      expect((await publish({ closesOn: '2025-04-02', shortReason: '无' })).shortReason).toBeNull();
    });

    it('takes comments while open, refuses duplicates within 12 hours and any after the window', async () => {
      const c = await publish({ closesOn: '2025-04-02' });
      const first = await comment(c.id, '建议管网优先覆盖东村。', at('2025-03-05'), {
        name: '张三',
        contact: '13800000000',
      });
      expect(first.message).toContain('您的意见已提交');
      await expect(
        comment(c.id, ' 建议管网优先覆盖东村。 ', at('2025-03-05', '10:00')),
      ).rejects.toMatchObject({
        status: 409,
        message: expect.stringContaining('12小时内已提交过内容相同的意见') as unknown,
      });
      await comment(c.id, '建议管网优先覆盖东村。', at('2025-03-06'));
      await expect(comment(c.id, ' ', at('2025-03-06'))).rejects.toThrow('请填写意见');
      await expect(comment(c.id, '长'.repeat(2001), at('2025-03-06'))).rejects.toThrow('意见不能超过2000字');
      await expect(comment(c.id, '意见', at('2025-03-06'), { name: '名'.repeat(51) })).rejects.toThrow(
        '姓名不能超过50字',
      );
      // The last day still takes comments (China time): 2025-04-02 23:30 is 15:30 UTC.
      await comment(c.id, '截止日当晚的意见', at('2025-04-02', '15:30'));
      await expect(comment(c.id, '迟到的意见', at('2025-04-02', '16:30'))).rejects.toMatchObject({
        status: 409,
        message: '征求意见已于2025年4月2日结束，不再接受意见',
      });
      await expect(comment(999_999, '意见', at('2025-03-06'))).rejects.toMatchObject({ status: 404 });
      const d = await consultationDetail(h, staff, c.id, at('2025-04-03'));
      expect(d.items.map((i) => [i.body, i.name, i.contact])).toEqual([
        ['建议管网优先覆盖东村。', '张三', '13800000000'],
        ['建议管网优先覆盖东村。', null, null],
        ['截止日当晚的意见', null, null],
      ]);
      // The audit log names the consultation and the comment, never the text or the person.
      const entries = (await listAudit(h, { limit: 1000 })).filter(
        (e) => e.action === 'consultation.comment',
      );
      expect(entries.length).toBe(3);
      const logged = JSON.stringify(entries);
      for (const secret of ['张三', '13800000000', '东村', '截止日当晚'])
        expect(logged).not.toContain(secret);
    });

    it('marks comments with reasons, refuses the summary before the window closes or with comments unhandled, and records the counts', async () => {
      const c = await publish({ closesOn: '2025-04-02' });
      const kaseId = c.caseId;
      for (const body of ['意见甲', '意见乙', '意见丙']) await comment(c.id, body, at('2025-03-10'));
      const [a, b, third] = (await consultationDetail(h, staff, c.id, at('2025-03-11'))).items;
      const mark = (
        commentId: number,
        decision: string,
        digest: string,
        reason?: string,
        when = '2025-03-20',
      ) =>
        markComment(
          h,
          staff,
          act(staff),
          { consultationId: c.id, commentId, decision, digest, reason },
          at(when),
        );
      await expect(mark(a!.id, 'partly', '摘要')).rejects.toThrow('部分采纳的，须说明理由');
      await expect(mark(a!.id, 'rejected', '摘要')).rejects.toThrow('不采纳的，须说明理由');
      await expect(mark(a!.id, 'maybe', '摘要')).rejects.toThrow('处理结果应为');
      await expect(mark(a!.id, 'adopted', ' ')).rejects.toThrow('请填写意见摘要');
      expect(await mark(a!.id, 'adopted', '优先覆盖东村')).toMatchObject({
        decision: 'adopted',
        decisionLabel: '采纳',
      });
      await mark(b!.id, 'partly', '增设检查井', '部分路段已有设计');
      // Still open: the summary waits for the window, and so does the case.
      const text = '共收到意见3条，采纳1条，部分采纳1条，不采纳1条。';
      await expect(
        publishSummary(h, staff, act(staff), { consultationId: c.id, text }, at('2025-04-02')),
      ).rejects.toMatchObject({
        status: 409,
        message: expect.stringContaining('征求意见至2025-04-02截止') as unknown,
      });
      await expect(
        takeCaseStep(
          h,
          staff,
          act(staff),
          kaseId,
          { action: 'expert', date: '2025-04-02' },
          at('2025-04-02'),
        ),
      ).rejects.toThrow('须待征求意见期满');
      await expect(
        publishSummary(h, staff, act(staff), { consultationId: c.id, text }, at('2025-04-03')),
      ).rejects.toThrow('尚有1条意见未处理');
      await mark(third!.id, 'rejected', '取消收费', '收费标准另行依法制定', '2025-04-03');
      const done = await publishSummary(
        h,
        leader,
        act(leader),
        { consultationId: c.id, text },
        at('2025-04-03'),
      );
      expect(done.summary).toMatchObject({ text, received: 3, adopted: 1, partly: 1, rejected: 1 });
      const kase = await showCase(h, scopeOf(staff), kaseId, at('2025-04-03'));
      expect(kase.data).toMatchObject({
        commentsReceived: 3,
        commentsAdopted: 1,
        commentsPartly: 1,
        commentsRejected: 1,
      });
      expect(kase.events.at(-1)).toMatchObject({
        action: 'comment_done',
        outcome: 'done',
        date: '2025-04-03',
      });
      await expect(
        publishSummary(h, staff, act(staff), { consultationId: c.id, text }, at('2025-04-04')),
      ).rejects.toThrow('意见采纳情况已于2025-04-03公布');
      await expect(mark(a!.id, 'rejected', '改', '改', '2025-04-04')).rejects.toThrow('不能再修改');
      // 公众参与 is complete: the decision moves on.
      const next = await takeCaseStep(
        h,
        staff,
        act(staff),
        kaseId,
        { action: 'expert', date: '2025-04-04' },
        at('2025-04-04'),
      );
      expect(next.state).toBe('expert');

      // The public sees the counts and each digest, handling and reason — not the comments or names.
      const page = await portalConsultation(h, w.county, c.id, new Date(at('2025-04-05')));
      expect(page.opinions).toEqual([
        { no: 1, digest: '优先覆盖东村', decision: 'adopted', decisionLabel: '采纳', reason: null },
        {
          no: 2,
          digest: '增设检查井',
          decision: 'partly',
          decisionLabel: '部分采纳',
          reason: '部分路段已有设计',
        },
        {
          no: 3,
          digest: '取消收费',
          decision: 'rejected',
          decisionLabel: '不采纳',
          reason: '收费标准另行依法制定',
        },
      ]);
      expect(JSON.stringify(page)).not.toContain('意见甲');
    });

    it('keeps another township’s staff and other roles out', async () => {
      const c = await publish({ closesOn: '2025-04-02' });
      await comment(c.id, '我的意见', at('2025-03-10'), { name: '李四' });
      const [item] = (await consultationDetail(h, staff, c.id, at('2025-03-10'))).items;
      await expect(consultationDetail(h, otherStaff, c.id, at('2025-03-10'))).rejects.toMatchObject({
        status: 404,
      });
      expect((await listConsultations(h, otherStaff, {}, at('2025-03-10'))).map((x) => x.id)).not.toContain(
        c.id,
      );
      await expect(
        listConsultations(h, otherStaff, { townshipId: w.a.id }, at('2025-03-10')),
      ).rejects.toMatchObject({
        status: 403,
      });
      const input = { consultationId: c.id, commentId: item!.id, decision: 'adopted', digest: '摘要' };
      await expect(
        markComment(h, otherStaff, act(otherStaff), input, at('2025-03-11')),
      ).rejects.toMatchObject({
        status: 404,
      });
      const adviser = principalOf(w, 'legal_adviser');
      await expect(consultationDetail(h, adviser, c.id, at('2025-03-10'))).rejects.toMatchObject({
        status: 403,
      });
      const grid = principalOf(w, 'grid_member');
      await expect(markComment(h, grid, act(grid), input, at('2025-03-11'))).rejects.toMatchObject({
        status: 403,
      });
      // Another township's staff cannot publish on this township's decision either.
      await expect(
        publishConsultation(
          h,
          otherStaff,
          act(otherStaff),
          {
            caseId: await decision(),
            title: '标题',
            explanation: '说明',
            draft: '草案',
            closesOn: '2025-04-10',
          },
          PUBLISHED,
        ),
      ).rejects.toMatchObject({ status: 404 });
    });

    it('lists the county’s consultations for the public, open ones first, and refuses comments on an ended decision', async () => {
      const c = await publish({ closesOn: '2025-05-01' });
      const when = new Date(at('2025-04-20'));
      const list = await portalConsultations(h, w.county, when);
      const firstClosed = list.findIndex((x) => !x.open);
      expect(firstClosed).toBeGreaterThan(0);
      expect(list.slice(firstClosed).every((x) => !x.open)).toBe(true);
      expect(list[0]).toMatchObject({ id: c.id, open: true, daysLeft: 11 });
      expect(await portalConsultations(h, w.otherCounty, when)).toEqual([]);
      await expect(portalConsultation(h, w.otherCounty, c.id, when)).rejects.toMatchObject({ status: 404 });
      await takeCaseStep(
        h,
        leader,
        act(leader),
        c.caseId,
        { action: 'abandon', date: '2025-04-20', reason: '项目调整' },
        at('2025-04-20'),
      );
      await expect(comment(c.id, '还有意见', at('2025-04-21'))).rejects.toThrow('该决策事项已终止');
      expect(await portalConsultation(h, w.county, c.id, new Date(at('2025-04-21')))).toMatchObject({
        open: false,
        abandoned: true,
      });
    });
  });
}
