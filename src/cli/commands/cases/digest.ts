import type { Command } from '@commander-js/extra-typings';
import { digest } from '../../../services/cases/due.ts';
import { resolveOrg } from '../../../services/orgs.ts';
import { intOption, type Cli } from '../../context.ts';
import { nowFrom } from './options.ts';

export function registerCasesDigest(cases: Command, cli: Cli): void {
  cases
    .command('digest')
    .description('按乡镇生成到期与逾期事项提醒（中文）')
    .requiredOption('--org <组织>', '县或乡镇')
    .option('--date <日期>', '以此日期为今天')
    .option('--within <天数>', '多少日内到期', '7')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const within = intOption('within', opts.within, 0, 3660);
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        cli.out(await digest(h, org, nowFrom(opts.date), within));
      });
    });
}
