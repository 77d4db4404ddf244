import type { Command } from 'commander';
import { allOrgs, orgKinds } from '../../services/orgs.ts';
import { printJson, printTable, withDb, type DbOptions } from '../context.ts';

export function registerOrgCommands(program: Command): void {
  program
    .command('orgs')
    .description('列出组织机构（县、乡镇、村社区、部门）')
    .option('--db <url>', '数据库地址（sqlite:路径 或 postgres://…）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: DbOptions & { json?: boolean }) => {
      await withDb(opts, async (h) => {
        const orgs = await allOrgs(h);
        if (opts.json) return printJson(orgs);
        const depth = (p: string) => p.split('/').length - 3;
        printTable(
          ['代码', '名称', '类型'],
          orgs.map((o) => [o.code, '  '.repeat(Math.max(0, depth(o.path))) + o.name, orgKinds[o.kind]]),
        );
      });
    });
}
