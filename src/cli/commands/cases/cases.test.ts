import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFazhi, smallCountyFile } from '../../../testing/cli.ts';

const fazhi = runFazhi;

describe('fazhi deadline', () => {
  it('computes a deadline with its explanation as JSON', async () => {
    const r = await fazhi(['deadline', 'petition.accept', '--from', '2024-09-16', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { due: string; basis: string; steps: string[]; warnings: string[] };
    expect(j.due).toBe('2024-10-08');
    expect(j.basis).toBe('信访工作条例 第23条');
    expect(j.steps.join('')).toContain('民法典第203条');
    expect(j.warnings).toEqual([]);
  });

  it('leaves out suspended time and restarts a period as the engine does', { timeout: 120_000 }, async () => {
    // 20 working days from Mon 2025-03-03; 03-06 to 03-12 (5 working days) not counted; 清明 04-04.
    const paused = await fazhi([
      'deadline',
      'disclosure.reply',
      '--from',
      '2025-03-03',
      '--suspend',
      '2025-03-05:2025-03-12',
      '--json',
    ]);
    expect(paused.code).toBe(0);
    const p = JSON.parse(paused.stdout) as { due: string; steps: string[] };
    expect(p.due).toBe('2025-04-08');
    expect(p.steps.join('')).toContain('第33条第2款');
    // Restarted on the corrected request of Mon 2025-03-10: 20 working days end on 2025-04-08 too.
    const again = await fazhi([
      'deadline',
      'disclosure.reply',
      '--from',
      '2025-03-03',
      '--restart',
      '2025-03-10',
      '--json',
    ]);
    expect(again.code).toBe(0);
    const a = JSON.parse(again.stdout) as { due: string; start: string; steps: string[] };
    expect(a).toMatchObject({ due: '2025-04-08', start: '2025-03-10' });
    expect(a.steps[0]).toContain('原自2025-03-03起算');
    const noRestart = await fazhi([
      'deadline',
      'petition.accept',
      '--from',
      '2025-03-03',
      '--restart',
      '2025-03-05',
    ]);
    expect(noRestart.code).toBe(1);
    expect(noRestart.stderr).toContain('没有重新起算的规定');
    const noPause = await fazhi([
      'deadline',
      'petition.accept',
      '--from',
      '2025-03-03',
      '--suspend',
      '2025-03-05:',
    ]);
    expect(noPause.code).toBe(1);
    expect(noPause.stderr).toContain('依法没有不计入期限的期间');
    const bad = await fazhi([
      'deadline',
      'disclosure.reply',
      '--from',
      '2025-03-03',
      '--suspend',
      '2025-03-05',
    ]);
    expect(bad.stderr).toContain('--suspend 应为“起:止”的形式');
  });

  it(
    'warns outside the holiday calendar, lists the rules, and fails on an unknown rule',
    { timeout: 120_000 },
    async () => {
      const far = await fazhi(['deadline', 'disclosure.reply', '--from', '2035-01-10', '--json']);
      expect(far.code).toBe(0);
      expect((JSON.parse(far.stdout) as { warnings: string[] }).warnings[0]).toContain(
        '2035年不在节假日日历范围',
      );
      const list = await fazhi(['deadline', '--list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('penalty.hearing_request');
      const bad = await fazhi(['deadline', 'petition.nope', '--from', '2024-09-16']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('未知的期限规则“petition.nope”');
      const noFrom = await fazhi(['deadline', 'petition.accept']);
      expect(noFrom.code).toBe(1);
      const over = await fazhi(['deadline', 'petition.handle', '--from', '2024-03-01', '--extend', '40']);
      expect(over.code).toBe(1);
      expect(over.stderr).toContain('最多延长30日');
    },
  );
});

describe('fazhi case / cases', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    ({ dir, db } = await smallCountyFile('fazhi-cases-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens, moves, refuses, shows, lists and reports due cases', { timeout: 240_000 }, async () => {
    const open = await fazhi([
      'case',
      'open',
      '--org',
      '甲镇',
      '--type',
      'petition',
      '--date',
      '2025-03-03',
      '--title',
      '土地补偿',
      '--set',
      'petitionType=申诉求决',
      '--owner',
      '张三',
      '--db',
      db,
      '--json',
    ]);
    expect(open.code).toBe(0);
    const id = String((JSON.parse(open.stdout) as { id: number }).id);

    const bad = await fazhi(['case', 'move', id, 'close', '--date', '2025-03-05', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('当前状态“已登记”不能「办结」');
    const role = await fazhi([
      'case',
      'move',
      id,
      'accept',
      '--date',
      '2025-03-05',
      '--role',
      'mayor',
      '--db',
      db,
    ]);
    expect(role.code).toBe(1);

    expect((await fazhi(['case', 'move', id, 'accept', '--date', '2025-03-05', '--db', db])).code).toBe(0);
    const ext = await fazhi([
      'case',
      'move',
      id,
      'extend',
      '--date',
      '2025-04-20',
      '--role',
      'township_leader',
      '--set',
      'extension=30',
      '--reason',
      '情况复杂',
      '--db',
      db,
    ]);
    expect(ext.code).toBe(0);
    const again = await fazhi([
      'case',
      'move',
      id,
      'extend',
      '--date',
      '2025-04-21',
      '--role',
      'township_leader',
      '--set',
      'extension=5',
      '--reason',
      '仍复杂',
      '--db',
      db,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('只能延长1次');

    const show = await fazhi(['case', 'show', id, '--date', '2025-05-01', '--db', db]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('信访事项办理期限：2025-06-03');
    expect(show.stdout).toContain('✗ 办结');
    expect(show.stdout).toContain('✗ 延长办理期限（乡镇领导）被拒绝：信访事项办理期限只能延长1次');
    const json = JSON.parse((await fazhi(['case', 'show', id, '--json', '--db', db])).stdout) as {
      events: { outcome: string }[];
      clocks: { deadline: { steps: string[] } }[];
    };
    expect(json.events.filter((e) => e.outcome === 'refused')).toHaveLength(3);
    expect(json.clocks[0]!.deadline.steps.length).toBeGreaterThan(2);

    const list = await fazhi([
      'case',
      'list',
      '--org',
      '甲镇',
      '--type',
      'petition',
      '--state',
      '已受理',
      '--json',
      '--db',
      db,
    ]);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { total: number }).total).toBe(1);
    expect(
      (await fazhi(['case', 'list', '--org', '甲镇', '--type', 'petition', '--state', '飞了', '--db', db]))
        .code,
    ).toBe(1);

    const due = await fazhi([
      'cases',
      'due',
      '--org',
      '甲镇',
      '--within',
      '7',
      '--date',
      '2025-06-01',
      '--json',
      '--db',
      db,
    ]);
    expect(due.code).toBe(0);
    expect((JSON.parse(due.stdout) as { due: string; daysLeft: number }[])[0]).toMatchObject({
      due: '2025-06-03',
      daysLeft: 2,
    });
    const digest = await fazhi(['cases', 'digest', '--org', '测试县', '--date', '2025-06-10', '--db', db]);
    expect(digest.code).toBe(0);
    expect(digest.stdout).toContain('【甲镇】逾期1项');
    expect(digest.stdout).toContain('【乙乡】无逾期');

    const add = await fazhi([
      'record',
      'add',
      '--org',
      '乙乡',
      '--kind',
      'dispute',
      '--date',
      '2025-03-01',
      '--title',
      '导入的纠纷',
      '--set',
      'disputeType=land',
      '--set',
      'status=pending',
      '--db',
      db,
    ]);
    expect(add.code).toBe(0);
    const attach = await fazhi(['cases', 'attach', '--org', '乙乡', '--json', '--db', db]);
    expect(attach.code).toBe(0);
    expect(JSON.parse(attach.stdout)).toEqual({ dispute: { 已登记: 1 } });
    expect((await fazhi(['case', 'show', '9999', '--db', db])).code).toBe(1);
    expect(
      (
        await fazhi([
          'case',
          'open',
          '--org',
          '甲镇',
          '--type',
          'meeting',
          '--date',
          '2025-03-03',
          '--title',
          'x',
          '--db',
          db,
        ])
      ).code,
    ).toBe(1);
  });
});
