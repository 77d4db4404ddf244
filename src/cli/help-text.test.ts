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

  it('helps in Chinese on every command and subcommand: no English headings, notes or placeholders', async () => {
    /** The subcommands a help page lists under 命令：. */
    const commandsOf = (help: string): string[] => {
      const part = help.split(/^命令：$/m)[1] ?? '';
      return [...part.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    };
    const top = await runFazhi(['--help']);
    const pages: [string, string][] = [['fazhi', top.stdout]];
    for (const c of commandsOf(top.stdout)) {
      const r = await runFazhi([c, '--help']);
      expect(r.code, c).toBe(0);
      pages.push([c, r.stdout]);
      for (const sub of commandsOf(r.stdout))
        pages.push([`${c} ${sub}`, (await runFazhi([c, sub, '--help'])).stdout]);
    }
    expect(pages.length).toBeGreaterThan(40);
    for (const [name, text] of pages) {
      expect(text, name).toMatch(/^用法：/);
      expect(text, name).not.toMatch(/Usage|Options|Commands|Arguments|default:|choices:|display help/);
      // Placeholders name what to give in Chinese: <数据库地址>, [类型], not <url> or [kind].
      expect(text, name).not.toMatch(/[<[][a-z][a-z_-]*(\.\.\.)?[>\]]/);
    }
    const serve = pages.find(([n]) => n === 'serve')![1];
    expect(serve).toContain('监听地址（默认："127.0.0.1"）');
  });

  it('says what is wrong in Chinese', async () => {
    expect((await runFazhi(['nosuch'])).stderr).toContain('错误：没有“nosuch”这个命令');
    expect((await runFazhi(['orgs', '--bogus'])).stderr).toContain('错误：没有“--bogus”这个选项');
    const missing = await runFazhi(['record', 'add']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^错误：缺少必需的选项“--org <.+>”/);
  });
});
