import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runFazhi } from '../../testing/cli.ts';

const root = join(import.meta.dirname, '../../..');

const fazhi = runFazhi;

describe('fazhi serve, audit and backup commands', () => {
  it('serves the API, shuts down gracefully on SIGTERM, and the audit log verifies and exports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-serve-'));
    const db = join(dir, 'fazhi.db');
    const p = spawn(
      process.execPath,
      [
        join(root, 'bin/fazhi.js'),
        'serve',
        '--port',
        '0',
        '--db',
        `sqlite:${db}`,
        '--data',
        dir,
        '--no-demo',
        '--no-web-build',
      ],
      { cwd: root },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /已启动：(http:\/\/[^\s（]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      p.on('close', () => reject(new Error(`serve exited: ${out}`)));
    });
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, db: 'sqlite' });
    const home = await fetch(`${url}/`);
    // The built web app when web/dist exists, else the page saying the API is running.
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<html lang="zh-CN"');
    expect((await fetch(`${url}/api/records`)).status).toBe(401);
    expect(
      (
        await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"username":"x","password":"y"}',
        })
      ).status,
    ).toBe(401);
    expect(existsSync(`${db}.serve.lock`)).toBe(true);
    const restore = await fazhi(['restore', db, '--db', `sqlite:${db}`]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('正在使用该数据库');
    const backup = await fazhi(['backup', '-o', join(dir, 'b.db'), '--db', `sqlite:${db}`]);
    expect(backup.stdout).toContain('已备份到');
    const closed = new Promise<number | null>((resolve) => p.on('close', resolve));
    p.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(out).toContain('fazhi 已停止');
    // Quiet by default: the start's one log line (the audit head), none per request or address.
    const logged = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(logged).toEqual([expect.stringMatching(/^审计日志链头：/)]);
    expect(existsSync(`${db}.serve.lock`)).toBe(false);

    const verify = await fazhi(['audit', 'verify', '--db', `sqlite:${db}`, '--data', dir]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('审计日志完整：共 1 条');
    const csv = await fazhi([
      'audit',
      'export',
      '--from',
      '2000-01-01',
      '--to',
      '2100-12-31',
      '--format',
      'csv',
      '--db',
      `sqlite:${db}`,
      '--data',
      dir,
    ]);
    expect(csv.stdout).toContain('login_failed');
    const raw = new SQLite(db);
    raw.prepare("update audit_log set ip = '1.1.1.1' where seq = 1").run();
    raw.close();
    // Checked without the server's key, the keyed entries cannot be vouched for: the key is the server's secret.
    const keyless = await fazhi([
      'audit',
      'verify',
      '--db',
      `sqlite:${db}`,
      '--data',
      mkdtempSync(join(tmpdir(), 'fazhi-other-')),
    ]);
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('请在同一数据目录下校验');
    const broken = await fazhi(['audit', 'verify', '--db', `sqlite:${db}`, '--data', dir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('第 1 条审计记录');
    const bad = await fazhi(['audit', 'export', '--from', '2024-13-01', '--db', `sqlite:${db}`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from 应为 YYYY-MM-DD');
  });
});

describe('serve refuses a bad whole-number setting before serving', () => {
  const settings = [
    {
      flag: '--db-pool',
      env: 'FAZHI_DB_POOL',
      message: '数据库连接池大小（--db-pool 或 FAZHI_DB_POOL）应为 1 至 1000 之间的整数，收到“many”',
    },
    {
      flag: '--max-active',
      env: 'FAZHI_MAX_ACTIVE',
      message: '同时处理的请求数（--max-active 或 FAZHI_MAX_ACTIVE）应为 1 至 10000 之间的整数，收到“many”',
    },
  ];
  for (const s of settings)
    it(`${s.flag} or ${s.env}`, async () => {
      const flag = await runFazhi(['serve', '--db', 'sqlite::memory:', s.flag, 'many', '--no-web-build']);
      expect(flag.code).toBe(1);
      expect(flag.stderr).toContain(s.message);
      const env = await runFazhi(['serve', '--db', 'sqlite::memory:', '--no-web-build'], { [s.env]: '0' });
      expect(env.code).toBe(1);
      expect(env.stderr).toContain('收到“0”');
    });
});
