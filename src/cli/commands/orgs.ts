import type { Command } from '@commander-js/extra-typings';
import { allOrgs, orgKinds } from '../../services/orgs.ts';
import type { Cli } from '../context.ts';

export function registerOrgCommands(program: Command, cli: Cli): void {
  program
    .command('orgs')
    .description('列出组织机构（县、乡镇、村社区、部门）')
    .option('--db <数据库地址>', '数据库地址（sqlite:路径 或 postgres://…）')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      await cli.withDb(opts, async (h) => {
        const orgs = await allOrgs(h);
        if (opts.json) return cli.printJson(orgs);
        const depth = (p: string) => p.split('/').length - 3;
        cli.printTable(
          ['代码', '名称', '类型'],
          orgs.map((o) => [o.code, '  '.repeat(Math.max(0, depth(o.path))) + o.name, orgKinds[o.kind]]),
        );
      });
    });
}
