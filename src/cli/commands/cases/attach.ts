import type { Command } from '@commander-js/extra-typings';
import { caseTypeOrFail } from '../../../services/cases.ts';
import { attachCaseHistories } from '../../../services/case-writes.ts';
import { resolveOrg } from '../../../services/orgs.ts';
import type { Cli } from '../../context.ts';

export function registerCasesAttach(cases: Command, cli: Cli): void {
  cases
    .command('attach')
    .description('为没有办理记录的案件类台账（导入或演示数据）按其状态补建办理记录，不改动台账数据')
    .requiredOption('--org <乡镇>', '乡镇（名称或代码）')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      await cli.withDb(opts, async (h) => {
        const township = await resolveOrg(h, opts.org, ['township']);
        const { p, actor, at } = cli.writer();
        const res = await attachCaseHistories(h, p, actor, township.id, at);
        if (opts.json) return cli.printJson(res);
        const rows = Object.entries(res).flatMap(([type, states]) =>
          Object.entries(states).map(([state, n]) => [caseTypeOrFail(type).label, state, String(n)]),
        );
        if (rows.length === 0) return cli.out(`${township.name}没有需要补建办理记录的台账\n`);
        cli.printTable(['案件类型', '状态', '件数'], rows);
      });
    });
}
