import { rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../services/audit.ts';
import { runFazhi, smallCountyFile } from '../../testing/cli.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const CSV =
  '＊活动日期,＊活动主题,村（社区）/部门,＊活动形式,发放资料\r\n2025-03-15,消费者权益日集中宣传,东村,集中宣传,300\r\n';

describe('fazhi writes are audited as the console', { timeout: 240_000 }, () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    ({ dir, db } = await smallCountyFile('fazhi-cli-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a command against the test database and expects it to succeed; returns its stdout. */
  const ok = async (...args: string[]): Promise<string> => {
    const r = await runFazhi([...args, '--db', db], { FAZHI_DATA: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('leaves one entry per write, by 命令行（系统）：<OS user>, and the chain verifies', async () => {
    const rec = JSON.parse(
      await ok(
        'record',
        'add',
        '--org',
        '甲镇',
        '--kind',
        'dispute',
        '--date',
        '2025-02-01',
        '--title',
        '邻里纠纷',
        '--set',
        'disputeType=other',
        '--set',
        'status=pending',
        '--json',
      ),
    ) as { id: number };
    const png = join(dir, '现场.png');
    writeFileSync(png, PNG);
    await ok('evidence', 'add', png, '--record', String(rec.id));
    await ok('cases', 'attach', '--org', '甲镇');
    const kase = JSON.parse(
      await ok(
        'case',
        'open',
        '--org',
        '甲镇',
        '--type',
        'dispute',
        '--date',
        '2025-05-01',
        '--title',
        '宅基地纠纷',
        '--set',
        'disputeType=land',
        '--json',
      ),
    ) as { id: number };
    await ok('case', 'move', String(kase.id), 'resolve', '--date', '2025-05-02');
    const csv = join(dir, '普法宣传活动.csv');
    writeFileSync(csv, CSV);
    await ok('import', csv, '--org', '甲镇');
    await ok(
      'users',
      'add',
      '--username',
      'zhang.san',
      '--name',
      '张三',
      '--role',
      'township_staff',
      '--org',
      '甲镇',
    );
    await ok('users', 'passwd', 'zhang.san', '--password', 'Better#Pass1');

    const lines = (await ok('audit', 'export')).trim().split('\n');
    // The export ends with the chain's head, the anchor kept outside the database.
    const head = JSON.parse(lines.pop()!) as { chainHead: { seq: number; hash: string } };
    const entries = lines.map((l) => JSON.parse(l) as AuditEntry);
    expect(head.chainHead).toMatchObject({ seq: entries.length, hash: entries.at(-1)!.hash });
    expect(entries.map((e) => e.action)).toEqual([
      'record.create',
      'evidence.create',
      'case.attach',
      'case.open',
      'case.resolve',
      'ledger.import',
      'user.create',
      'user.reset_password',
    ]);
    for (const e of entries)
      expect(e).toMatchObject({
        actor: `命令行（系统）：${userInfo().username}`,
        actorId: null,
        role: 'system',
        ip: null,
      });

    // The export is audited too: one more entry than it printed.
    expect(await ok('audit', 'verify')).toContain(`审计日志完整：共 ${entries.length + 1} 条`);
  });
});
