import { describe, expect, it } from 'vitest';
import { runFazhi } from '../testing/cli.ts';

describe('the command line speaks Chinese, commander’s own words included', () => {
  it('titles the help in Chinese', async () => {
    for (const args of [['--help'], ['case', '--help'], ['case', 'open', '--help']]) {
      const r = await runFazhi(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^用法：/);
      expect(r.stdout).not.toMatch(/^(Usage|Options|Commands|Arguments):/m);
      expect(r.stdout).not.toMatch(/\[options\]|\[command\]|\(default:/);
    }
  });

  it('says what is wrong in Chinese', async () => {
    expect((await runFazhi(['nosuch'])).stderr).toContain('错误：没有“nosuch”这个命令');
    expect((await runFazhi(['orgs', '--bogus'])).stderr).toContain('错误：没有“--bogus”这个选项');
    const missing = await runFazhi(['record', 'add']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^错误：缺少必需的选项“--org <.+>”/);
  });
});
