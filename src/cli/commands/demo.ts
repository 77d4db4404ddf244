import type { Command } from '@commander-js/extra-typings';
import { kinds } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import { countOrgs } from '../../db/orgs.repo.ts';
import {
  DEMO_MAX_TOWNSHIPS,
  DEMO_PASSWORD,
  DEMO_YEARS,
  demoOptions,
  generateDemo,
  type DemoAccount,
} from '../../services/demo/index.ts';
import { intOption, type Cli } from '../context.ts';

/** Prints the demo accounts with their password (also used by `serve` on first start). */
export function printAccounts(cli: Cli, accounts: readonly DemoAccount[]): void {
  cli.out('\n演示账号（演示账号，无需首次改密）：\n');
  cli.printTable(
    ['用户名', '角色', '组织', '密码'],
    accounts.map((a) => [a.username, a.roleLabel, a.org, a.password]),
  );
}

export function registerDemoCommand(program: Command, cli: Cli): void {
  program
    .command('demo')
    .description('在空数据库中生成演示县：乡镇、村（社区）、部门，两个年度的全部台账和演示账号')
    .option('--db <数据库地址>', '数据库地址（须为空数据库）')
    .option('--year <年度>', '报告年度（默认上一年度），台账覆盖该年度及前一年度')
    .option('--townships <数量>', `乡镇数量（1–${DEMO_MAX_TOWNSHIPS}）`, '6')
    .option('--seed <种子>', '随机种子：相同参数生成相同数据', '1')
    .option('--password <密码>', '全部演示账号的密码', DEMO_PASSWORD)
    .action(async (opts) => {
      const now = new Date().toISOString();
      // Check every option before opening the database, so a bad option writes nothing.
      const o = demoOptions({
        now,
        year:
          opts.year === undefined ? undefined : intOption('year', opts.year, DEMO_YEARS.min, DEMO_YEARS.max),
        townships: intOption('townships', opts.townships, 1, DEMO_MAX_TOWNSHIPS),
        seed: intOption('seed', opts.seed, 0, 0xffffffff),
        password: opts.password,
      });
      await cli.withDb(opts, async (h) => {
        const existing = await countOrgs(h.db);
        if (existing > 0) {
          throw new UserError(
            `数据库 ${h.label} 中已有 ${existing} 个组织机构，未写入任何数据：演示数据只能生成到空数据库，请用 --db 指定新的数据库`,
          );
        }
        const r = await generateDemo(h, {
          now,
          year: o.year,
          townships: o.townships,
          seed: o.seed,
          password: o.password,
          cycle: true,
        });
        const total = Object.values(r.records).reduce((s, n) => s + n, 0);
        cli.out(
          `已生成演示数据：${r.county.name}（${r.county.code}），${r.townships.length} 个乡镇（${r.townships.map((t) => t.name).join('、')}），` +
            `${r.year - 1}—${r.year} 年度台账${Number(now.slice(0, 4)) === r.year + 1 ? `及 ${r.year + 1} 年截至 ${now.slice(0, 10)} 的台账` : ''}共 ${total} 条\n`,
        );
        cli.printTable(
          ['台账类型', '条数'],
          kinds.map((k) => [k.label, String(r.records[k.id] ?? 0)]),
        );
        printAccounts(cli, r.accounts);
      });
    });
}
