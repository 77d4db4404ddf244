import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, repoRoot, smallCountyFile } from '../testing/cli.ts';

/** Runs the real `bin/fazhi.js` in a child process; the other CLI tests call `runCli` in-process. */
function spawnFazhi(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(repoRoot, 'bin/fazhi.js'), ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/fazhi.js in a child process', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    ({ dir, db } = await smallCountyFile('fazhi-spawn-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the Chinese help and exits 0', async () => {
    const r = await spawnFazhi(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fazhi 法治政府建设工作平台');
    expect(r.stdout).toContain('案件办理：登记、流转、查看');
    expect(r.stdout).toContain('显示帮助');
    expect(r.stderr).toBe('');
  });

  it('exits non-zero with a Chinese message on a bad command or a bad option value', async () => {
    const unknown = await spawnFazhi(['nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('（加 --help 查看用法）');
    const badDb = await spawnFazhi(['orgs', '--db', 'nope:x']);
    expect(badDb.code).toBe(1);
    expect(badDb.stderr).toMatch(/^错误：无法识别的数据库地址“nope:x”/);
  });

  it('writes and reads a database end to end', async () => {
    const add = await spawnFazhi([
      'record',
      'add',
      '--org',
      '甲镇',
      '--kind',
      'safety_meeting',
      '--date',
      '2024-03-15',
      '--title',
      '安全生产专题会议',
      '--db',
      db,
    ]);
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(add.stdout).toMatch(/^已添加安全生产专题会议记录 #\d+：2024-03-15 安全生产专题会议\n$/);
    const list = await spawnFazhi(['record', 'list', '--org', '测试县', '--json', '--db', db]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, items: [{ title: '安全生产专题会议' }] });
  });
});
