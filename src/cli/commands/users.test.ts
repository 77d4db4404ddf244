import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { listAudit } from '../../services/audit.ts';
import { runFazhi, smallCountyFile } from '../../testing/cli.ts';

describe('fazhi users: the installer’s path, audited', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    ({ dir, db } = await smallCountyFile('fazhi-cli-users-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => runFazhi([...args, '--db', db], { FAZHI_DATA: dir });

  it('creates the first security administrator, grants, unlocks, and refuses a common password', async () => {
    const weak = await run(
      'users',
      'add',
      '--username',
      'sec.one',
      '--name',
      '安全员',
      '--role',
      '安全管理员',
      '--org',
      '测试县',
      '--password',
      'Admin@123456',
    );
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toContain('常见弱密码');
    const made = await run(
      'users',
      'add',
      '--username',
      'sec.one',
      '--name',
      '安全员',
      '--role',
      '安全管理员',
      '--org',
      '测试县',
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('已添加用户 sec.one（安全员，安全管理员，测试县）');
    expect(
      (
        await run(
          'users',
          'add',
          '--username',
          'clerk.one',
          '--name',
          '专干',
          '--role',
          'township_staff',
          '--org',
          '甲镇',
        )
      ).code,
    ).toBe(0);
    const granted = await run('users', 'grant', 'clerk.one', '--role', '乡镇领导');
    expect(granted.stdout).toContain('已将 clerk.one 设为 甲镇的乡镇领导');
    expect((await run('users', 'unlock', 'clerk.one')).stdout).toContain('已解除 clerk.one 的登录锁定');
    const h = openDb(db);
    const entries = await listAudit(h, { limit: 100 });
    await h.close();
    expect(entries.map((e) => e.action)).toEqual([
      'user.create',
      'user.create',
      'user.grant_role',
      'user.unlock',
    ]);
    expect(entries.every((e) => e.actor?.startsWith('命令行（系统）：'))).toBe(true);
  });
});
