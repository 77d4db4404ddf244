import type { Command } from '@commander-js/extra-typings';
import { dueCases } from '../../../services/cases/due.ts';
import { resolveOrg } from '../../../services/orgs.ts';
import { intOption, type Cli } from '../../context.ts';
import { nowFrom } from './options.ts';

export function registerCasesDue(cases: Command, cli: Cli): void {
  cases
    .command('due')
    .description('列出即将到期和已逾期的案件期限，最紧急的在前')
    .requiredOption('--org <组织>', '县、乡镇、村（社区）或部门')
    .option('--within <天数>', '多少日内到期', '7')
    .option('--date <日期>', '以此日期为今天')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const within = intOption('within', opts.within, 0, 3660);
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        const items = await dueCases(h, org, within, nowFrom(opts.date));
        if (opts.json) return cli.printJson(items);
        cli.printTable(
          ['编号', '类型', '事由', '期限', '届满日', '剩余', '依据'],
          items.map((i) => [
            String(i.caseId),
            i.typeLabel,
            i.title,
            i.clockLabel,
            i.mark ? `${i.due}（${i.mark}）` : i.due,
            i.overdue
              ? `逾期${-i.daysLeft}日`
              : i.kind === 'minimum'
                ? `不早于（${i.daysLeft}日）`
                : `${i.daysLeft}日`,
            i.basis,
          ]),
        );
        cli.out(`共 ${items.length} 项，其中逾期 ${items.filter((i) => i.overdue).length} 项\n`);
      });
    });
}
