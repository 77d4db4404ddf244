import { describe, expect, it } from 'vitest';
import { caseTypes, clocksOf, findCaseType, isTerminal, transitionsOf } from '../catalogue/cases.ts';
import { findClock } from '../catalogue/clocks.ts';
import { indicators } from '../catalogue/indicators.ts';
import { getKind, kinds } from '../catalogue/kinds.ts';
import { todayOf } from './cases.ts';
import { attempt, clock, leader, refused, run, staff } from '../testing/case-engine.ts';

describe('case declarations', () => {
  it('cover every case-type kind, use known clocks, fields and indicators, and reach every state', () => {
    expect(caseTypes.map((t) => t.kind).sort()).toEqual(
      kinds
        .filter((k) => k.caseType)
        .map((k) => k.id)
        .sort(),
    );
    for (const t of caseTypes) {
      const kind = getKind(t.kind);
      for (const id of clocksOf(t)) expect(findClock(id), `${t.kind}: ${id}`).toBeDefined();
      for (const key of t.indicators)
        expect(
          indicators.some((i) => i.key === key),
          key,
        ).toBe(true);
      const ids = t.states.map((s) => s.id);
      expect(ids).toContain(t.initial);
      const reached = new Set([t.initial]);
      for (const tr of t.transitions) {
        for (const f of tr.from) expect(ids, `${t.kind}.${tr.id}`).toContain(f);
        if (tr.to) {
          expect(ids).toContain(tr.to);
          reached.add(tr.to);
        }
        for (const n of tr.needs ?? [])
          expect(
            kind.fields.some((f) => f.key === n.key),
            `${t.kind}.${tr.id}.${n.key}`,
          ).toBe(true);
        for (const k of Object.keys(tr.set ?? {}))
          expect(
            kind.fields.some((f) => f.key === k),
            `${t.kind}.${tr.id} sets ${k}`,
          ).toBe(true);
      }
      expect([...reached].sort()).toEqual([...ids].sort());
      for (const s of t.states)
        for (const k of Object.keys(s.data ?? {})) expect(kind.fields.some((f) => f.key === k)).toBe(true);
      expect(transitionsOf(t).some((x) => x.id === 'assign')).toBe(true);
    }
  });

  it('reads today in China time', () => {
    expect(todayOf('2024-09-30T17:00:00.000Z')).toBe('2024-10-01');
    expect(todayOf('2024-09-30')).toBe('2024-09-30');
  });
});

describe('dispute', () => {
  it('registers with a one-month mediation clock and records the outcome the indicators read', () => {
    const c = run('dispute', '2025-03-03', { disputeType: 'land' }, [
      staff('mediate', '2025-03-05'),
      staff('resolve', '2025-03-20', { satisfaction: '满意' }),
    ]);
    expect(c.state).toBe('resolved');
    expect(c.data).toMatchObject({
      status: 'resolved',
      dueDate: '2025-04-03',
      closedDate: '2025-03-20',
      satisfaction: 'satisfied',
    });
    const v = clock(c, 'mediation.close');
    expect(v.status).toBe('stopped');
    expect(v.late).toBe(false);
    expect(v.deadline.basis).toContain('第33条');
  });

  it('needs a reason to record a failed mediation', () => {
    const c = run('dispute', '2025-03-03', { disputeType: 'land' }, []);
    refused(c, staff('fail', '2025-03-10'), '须说明理由');
    const done = run('dispute', '2025-03-03', { disputeType: 'land' }, [
      staff('fail', '2025-03-10', {}, '双方分歧过大'),
    ]);
    expect(done.data.status).toBe('failed');
  });

  it('shows an unresolved dispute past its month as overdue', () => {
    const c = run('dispute', '2025-03-03', { disputeType: 'land' }, []);
    expect(clock(c, 'mediation.close', '2025-04-07').overdue).toBe(true);
    expect(clock(c, 'mediation.close', '2025-04-02').overdue).toBe(false);
    expect(clock(c, 'mediation.close', '2025-04-02').daysLeft).toBe(1);
  });
});

describe('petition', () => {
  it('runs accept → extend once → close, keeping dueDate and closedDate for the on-time rate', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, [
      staff('accept', '2025-03-10'),
      leader('extend', '2025-04-20', { extension: 30 }, '涉及多部门，情况复杂'),
      staff('close', '2025-06-01', { resolved: '是' }),
    ]);
    expect(c.state).toBe('closed');
    // 60日 from 2025-03-10 is 2025-05-09; +30日 is 2025-06-08, a Sunday, so Monday 2025-06-09.
    expect(c.data).toMatchObject({
      status: 'closed',
      dueDate: '2025-06-09',
      closedDate: '2025-06-01',
      resolved: true,
    });
    const v = clock(c, 'petition.handle');
    expect(v.deadline.extensions).toHaveLength(1);
    expect(v.deadline.steps.join('')).toContain('涉及多部门');
    expect(clock(c, 'petition.accept').late).toBe(false);
  });

  it('refuses a second extension, one beyond 30 days, and one by staff', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, [staff('accept', '2025-03-10')]);
    refused(c, leader('extend', '2025-04-20', { extension: 31 }, '复杂'), '最多延长30日');
    refused(
      c,
      staff('extend', '2025-04-20', { extension: 10 }, '复杂'),
      '须由乡镇领导办理，当前角色为乡镇工作人员',
    );
    refused(c, leader('extend', '2025-04-20', { extension: 10 }), '须说明理由');
    const once = run('petition', '2025-03-03', { petitionType: 'claim' }, [
      staff('accept', '2025-03-10'),
      leader('extend', '2025-04-20', { extension: 10 }, '复杂'),
    ]);
    refused(once, leader('extend', '2025-04-25', { extension: 10 }, '仍复杂'), '只能延长1次');
  });

  it('refuses steps the state does not allow, dates out of order, and unknown fields', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, []);
    refused(c, staff('close', '2025-03-20'), '当前状态“已登记”不能「办结」');
    refused(c, staff('accept', '2025-03-01'), '不能早于上一步「登记立案」的日期（2025-03-03）');
    refused(c, staff('accept', '2026-05-01'), '不能晚于今天');
    refused(c, staff('accept', '2025-03-05', { fine: 3 }), '「受理」不填写“fine”');
    refused(c, staff('frobnicate', '2025-03-05'), '没有“frobnicate”这一步骤');
    refused(c, { action: 'accept', role: 'mayor', date: '2025-03-05' }, '未知的角色');
  });

  it('runs 复查 and 复核 with their 30-day clocks, and ends there', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, [
      staff('accept', '2025-03-04'),
      staff('close', '2025-04-01'),
      staff('request_review', '2025-04-15'),
      { action: 'review_done', role: 'county_officer', date: '2025-05-10' },
      staff('request_recheck', '2025-05-20'),
      { action: 'recheck_done', role: 'county_officer', date: '2025-06-10' },
    ]);
    expect(c.state).toBe('rechecked');
    expect(clock(c, 'petition.review').deadline.due).toBe('2025-05-15');
    expect(clock(c, 'petition.recheck').late).toBe(false);
    refused(c, staff('accept', '2025-06-11'), '案件已终结');
  });

  it('not accepted within 15 days is late', () => {
    const c = run('petition', '2025-03-03', { petitionType: 'claim' }, [
      staff('reject', '2025-03-25', {}, '已经诉讼程序处理'),
    ]);
    expect(c.data.status).toBe('not_accepted');
    expect(clock(c, 'petition.accept').late).toBe(true);
  });
});

describe('disclosure request', () => {
  it('restarts on the corrected request, suspends for a third party, extends once with approval', () => {
    const c = run('disclosure_request', '2025-03-03', { applicant: '张三' }, [
      staff('ask_correction', '2025-03-05', {}, '申请内容不明确'),
      staff('corrected', '2025-03-10'),
      staff('consult', '2025-03-12'),
      staff('consulted', '2025-03-20'),
      leader('extend', '2025-04-01', { extension: 20 }, '需要调取档案'),
      staff('reply', '2025-04-20', { replyType: '予以公开' }),
    ]);
    expect(c.state).toBe('replied');
    expect(c.data).toMatchObject({ status: 'replied', replyDate: '2025-04-20', replyType: 'disclosed' });
    const v = clock(c, 'disclosure.reply');
    expect(v.deadline.start).toBe('2025-03-10');
    expect(v.deadline.suspensions).toHaveLength(1);
    expect(v.deadline.total).toBe(40);
    expect(v.deadline.steps.join('')).toContain('重新起算');
    expect(v.late).toBe(false);
  });

  it('allows 补正 only once and extension only by the leader', () => {
    const c = run('disclosure_request', '2025-03-03', {}, [
      staff('ask_correction', '2025-03-05', {}, '不明确'),
      staff('corrected', '2025-03-10'),
    ]);
    refused(c, staff('ask_correction', '2025-03-11', {}, '仍不明确'), '只能办理一次');
    refused(c, staff('extend', '2025-03-11', { extension: 5 }, 'x'), '须由乡镇领导办理');
    refused(c, leader('extend', '2025-03-11', { extension: 21 }, 'x'), '最多延长20个工作日');
  });

  it('keeps the reply clock paused while the third party answers', () => {
    const c = run('disclosure_request', '2025-03-03', {}, [staff('consult', '2025-03-05')], '2025-06-30');
    const v = clock(c, 'disclosure.reply', '2025-06-30');
    expect(v.status).toBe('paused');
    expect(v.overdue).toBe(false);
    expect(clock(c, 'disclosure.third_party', '2025-06-30').kind).toBe('minimum');
  });
});

describe('inspection', () => {
  it('orders rectification by a set date and records rectification', () => {
    const c = run('inspection', '2025-04-01', { area: 'fire' }, [
      staff('order', '2025-04-01', { problemsFound: 5, rectifyDeadline: '2025-04-30' }),
      staff('rectified', '2025-04-28', { problemsRectified: 5 }),
    ]);
    expect(c.state).toBe('rectified');
    expect(c.data).toMatchObject({ problemsFound: 5, problemsRectified: 5, rectifyDeadline: '2025-04-30' });
    expect(clock(c, 'rectification.due').deadline.due).toBe('2025-04-30');
  });

  it('finds unrectified only once the deadline is reached, then escalates to a penalty case', () => {
    const c = run('inspection', '2025-04-01', { area: 'fire', target: '某加油站' }, [
      staff('order', '2025-04-01', { problemsFound: 3, rectifyDeadline: '2025-04-30' }),
    ]);
    refused(c, staff('unrectified', '2025-04-20', { problemsRectified: 1 }), '2025-04-20尚未届满');
    const u = run('inspection', '2025-04-01', { area: 'fire' }, [
      staff('order', '2025-04-01', { problemsFound: 3, rectifyDeadline: '2025-04-30' }),
      staff('unrectified', '2025-04-30', { problemsRectified: 1 }),
    ]);
    refused(u, staff('escalate', '2025-05-06'), '须由乡镇领导办理');
    const d = attempt(u, leader('escalate', '2025-05-06'));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.state).toBe('escalated');
    expect(d.opens).toMatchObject({
      kind: 'penalty',
      date: '2025-05-06',
      title: '逾期未整改：测试事项',
      data: { status: 'filed' },
    });
  });

  it('refuses a deadline before the order and more rectified than found', () => {
    const c = run('inspection', '2025-04-01', { area: 'fire' }, []);
    refused(c, staff('order', '2025-04-02', { problemsFound: 3, rectifyDeadline: '2025-03-30' }), '不能早于');
    refused(c, staff('order', '2025-04-02', { problemsFound: 3 }), '整改期限：不能为空');
    const o = run('inspection', '2025-04-01', { area: 'fire' }, [
      staff('order', '2025-04-02', { problemsFound: 3, rectifyDeadline: '2025-04-30' }),
    ]);
    refused(
      o,
      staff('rectified', '2025-04-20', { problemsRectified: 4 }),
      '整改到位（4）不能大于发现问题（3）',
    );
  });
});

describe('penalty', () => {
  it('waits out the 5 working days for a hearing request before deciding, then delivers', () => {
    const c = run('penalty', '2025-01-06', { party: '某商户' }, [staff('inform', '2025-01-24')]);
    // 5个工作日 from Fri 2025-01-24 across 春节: 1-26 (调休), 1-27, 2-5, 2-6, 2-7.
    expect(clock(c, 'penalty.hearing_request').deadline.due).toBe('2025-02-07');
    refused(
      c,
      leader('decide', '2025-02-06', { fine: 2000 }),
      /当事人要求听证期限不少于5个工作日，至2025-02-07届满/,
    );
    // The party may still ask on the window's last day, so no decision that day either (第64条).
    refused(c, leader('decide', '2025-02-07', { fine: 2000 }), '2025-02-07仍在期间内');
    // Informed on Thu 2025-01-23, the window ends on 2025-02-06: 01-24, 01-26 (调休), 01-27, 02-05, 02-06.
    const d = run('penalty', '2025-01-06', { party: '某商户' }, [
      staff('inform', '2025-01-23'),
      leader('decide', '2025-02-07', { fine: 2000 }),
      staff('deliver', '2025-02-12'),
      staff('close', '2025-03-01'),
    ]);
    expect(d.data).toMatchObject({ status: 'closed', decidedDate: '2025-02-07', fine: 2000 });
    expect(clock(d, 'penalty.decide').late).toBe(false);
    // 7个工作日 from Fri 2025-02-07 counts the make-up Saturday 2025-02-08.
    expect(clock(d, 'penalty.deliver').deadline.due).toBe('2025-02-17');
  });

  it('decides at once when the party waives the hearing, and extends by 30 days with approval', () => {
    const c = run('penalty', '2025-01-06', {}, [
      leader('extend', '2025-03-01', { extension: 30 }, '案情复杂'),
      staff('inform', '2025-03-03'),
      staff('waive', '2025-03-04'),
      leader('decide', '2025-03-05'),
    ]);
    expect(c.state).toBe('decided');
    expect(clock(c, 'penalty.decide').deadline.total).toBe(120);
  });
});

describe('legal review', () => {
  it('gives the reviewer at least 7 working days and records the opinion', () => {
    const c = run('legal_review', '2025-09-26', { reviewType: 'contract' }, [
      {
        action: 'opinion',
        role: 'legal_adviser',
        date: '2025-10-15',
        values: { conclusion: '修改后合法', reviewer: '王律师' },
      },
    ]);
    expect(c.data).toMatchObject({ conclusion: 'amend', completedDate: '2025-10-15', reviewer: '王律师' });
    expect(clock(c, 'decision.legality_review').deadline.due).toBe('2025-10-13');
    refused(
      run('legal_review', '2025-09-26', { reviewType: 'contract' }, []),
      { action: 'opinion', role: 'grid_member', date: '2025-10-15', values: { conclusion: 'lawful' } },
      '须由法律顾问或乡镇工作人员办理',
    );
  });
});

describe('major decision', () => {
  const toLegality = [
    staff('comment', '2025-03-03'),
    staff('expert', '2025-04-03'),
    staff('risk', '2025-04-10'),
    staff('legality', '2025-04-15'),
  ];

  it('keeps public comment open at least 30 days', () => {
    const c = run('major_decision', '2025-03-01', {}, [staff('comment', '2025-03-03')]);
    refused(c, staff('expert', '2025-03-20'), /公开征求意见期限不少于30日，至2025-04-02届满/);
  });

  it('refuses 集体讨论决定 without a completed legality review, with a clear message', () => {
    const c = run('major_decision', '2025-03-01', {}, toLegality.slice(0, 3));
    refused(
      c,
      leader('decide', '2025-04-20', { meeting: '镇政府常务会议' }),
      '未经合法性审查或者经审查不合法的，不得提交集体讨论决定',
    );
    const inReview = run('major_decision', '2025-03-01', {}, toLegality);
    refused(inReview, leader('decide', '2025-04-20', { meeting: '镇政府常务会议' }), '请先完成合法性审查');
    const unlawful = run('major_decision', '2025-03-01', {}, [
      ...toLegality,
      { action: 'legality_done', role: 'legal_adviser', date: '2025-04-25', values: { opinion: '不合法' } },
    ]);
    refused(unlawful, leader('decide', '2025-04-28', { meeting: '镇政府常务会议' }), '经审查不合法的');
  });

  it('reaches a decision after the five procedures in order and is published', () => {
    const c = run('major_decision', '2025-03-01', {}, [
      ...toLegality,
      { action: 'legality_done', role: 'legal_adviser', date: '2025-04-25', values: { opinion: 'lawful' } },
      leader('decide', '2025-04-28', { meeting: '镇政府常务会议' }),
      staff('publish', '2025-05-06'),
    ]);
    expect(c.data).toMatchObject({
      status: 'published',
      decidedDate: '2025-04-28',
      meeting: '镇政府常务会议',
    });
    expect(clock(c, 'decision.legality_review').deadline.due).toBe('2025-04-24');
    refused(
      run('major_decision', '2025-03-01', {}, toLegality),
      staff('risk', '2025-04-20'),
      '当前状态“合法性审查”不能「风险评估」',
    );
  });
});

describe('lawsuit', () => {
  it('answers within 15 days, records hearings with whether a leader appeared, and ends in a judgment', () => {
    const c = run('lawsuit', '2025-01-20', { caseNo: '（2025）湘1228行初5号' }, [
      staff('answer', '2025-02-05'),
    ]);
    expect(clock(c, 'lawsuit.answer').deadline.due).toBe('2025-02-05');
    expect(clock(c, 'lawsuit.answer').late).toBe(false);
    const d = attempt(
      c,
      staff('hearing', '2025-03-10', { leaderRank: '副职负责人出庭', leaderName: '李副镇长' }),
    );
    expect(d.ok && d.creates).toMatchObject({
      kind: 'lawsuit_hearing',
      date: '2025-03-10',
      title: '（2025）湘1228行初5号',
      data: { leaderRank: 'deputy', leaderName: '李副镇长' },
    });
    refused(c, staff('hearing', '2025-03-10'), '负责人出庭：不能为空');
    const w = run('lawsuit', '2025-01-20', {}, [staff('answer', '2025-02-05'), staff('won', '2025-05-01')]);
    expect(w.data.status).toBe('won');
  });
});

describe('assign', () => {
  it('names the person responsible in any open state', () => {
    const c = run('dispute', '2025-03-03', { disputeType: 'land' }, [
      leader('assign', '2025-03-04', { owner: '张调解员' }),
    ]);
    expect(c.owner).toBe('张调解员');
    const closed = run('dispute', '2025-03-03', { disputeType: 'land' }, [staff('resolve', '2025-03-04')]);
    expect(isTerminal(findCaseType('dispute')!, 'resolved')).toBe(false); // 回访 remains
    refused(
      closed,
      { action: 'assign', role: 'grid_member', date: '2025-03-05', values: { owner: 'x' } },
      '须由',
    );
  });
});
