import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFazhi } from '../../testing/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-demo-'));
const db = `sqlite:${join(dir, 'demo.db')}`;
const fazhi = async (...args: string[]) => {
  const r = await runFazhi(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};

interface ListedUser {
  username: string;
  name: string;
  role: string;
  roleLabel: string;
  org: string;
  orgCode: string;
  mustChangePassword: boolean;
}

describe('fazhi demo and fazhi users', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds an empty database once and prints the accounts', async () => {
    const first = await fazhi('demo', '--db', db);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/已生成演示数据：清河县（\d{6}），6 个乡镇/);
    expect(first.stdout).toContain('演示账号，无需首次改密');
    expect(first.stdout).toMatch(/t06\.grid\s+网格员/);

    const second = await fazhi('demo', '--db', db);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('已有');
    expect(second.stderr).toContain('未写入任何数据');
  });

  it('lists the demo accounts as JSON', async () => {
    const r = await fazhi('users', 'list', '--json', '--db', db);
    expect(r.status).toBe(0);
    const users = JSON.parse(r.stdout) as ListedUser[];
    expect(users).toHaveLength(28);
    expect(users[0]).toEqual({
      username: 'admin',
      name: '系统管理员',
      role: 'system_admin',
      roleLabel: '系统管理员',
      org: '清河县',
      orgCode: users[0]!.orgCode,
      mustChangePassword: false,
    });
    expect(users.find((u) => u.username === 't01.adviser')).toMatchObject({
      role: 'legal_adviser',
      roleLabel: '法律顾问',
      mustChangePassword: false,
    });
  });

  it('adds an account with a generated password that must be changed, and resets it', async () => {
    const add = await fazhi(
      'users',
      'add',
      '--username',
      'zhao.liu',
      '--name',
      '赵六',
      '--role',
      '乡镇法治专干',
      '--org',
      '清河县',
      '--db',
      db,
    );
    expect(add.status).toBe(1);
    expect(add.stderr).toContain('应属于乡镇（街道）');
    const users = JSON.parse((await fazhi('users', 'list', '--json', '--db', db)).stdout) as ListedUser[];
    const town = users.find((u) => u.username === 't02.staff')!.orgCode;
    const ok = await fazhi(
      'users',
      'add',
      '--username',
      'zhao.liu',
      '--name',
      '赵六',
      '--role',
      'township_staff',
      '--org',
      town,
      '--db',
      db,
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/初始密码：\S{14}/);
    const after = JSON.parse((await fazhi('users', 'list', '--json', '--db', db)).stdout) as ListedUser[];
    expect(after.find((u) => u.username === 'zhao.liu')).toMatchObject({
      mustChangePassword: true,
      orgCode: town,
    });
    expect((await fazhi('users', 'passwd', 'zhao.liu', '--password', 'weak', '--db', db)).status).toBe(1);
    expect(
      (await fazhi('users', 'passwd', 'zhao.liu', '--password', 'Better#Pass1', '--db', db)).status,
    ).toBe(0);
  });

  it('validates options before writing anything', async () => {
    const file = join(dir, 'other.db');
    const other = `sqlite:${file}`;
    for (const args of [
      ['--townships', '51'],
      ['--year', '1999'],
      ['--password', 'abcdefgh'],
    ]) {
      const r = await fazhi('demo', '--db', other, ...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^错误：/);
    }
    expect(existsSync(file)).toBe(false);
  });
});
