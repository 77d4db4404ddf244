import type { Command } from '@commander-js/extra-typings';
import type { CaseType } from '../../../catalogue/cases.ts';
import { UserError } from '../../../core/errors.ts';
import { ALL } from '../../../core/scope.ts';
import { caseTypeOrFail, listCases } from '../../../services/cases.ts';
import { orgFilter, resolveOrg } from '../../../services/orgs.ts';
import { intOption, type Cli } from '../../context.ts';

/** --state as state ids: checked against the type when --type is given, else passed as written. */
function statesOf(type: CaseType | undefined, state: string | undefined): string[] | undefined {
  if (!state) return undefined;
  const s = state.trim();
  if (!type) return [s];
  const ids = type.states.filter((x) => x.id === s || x.label === s).map((x) => x.id);
  if (ids.length === 0)
    throw new UserError(
      `${type.label}没有状态“${s}”，应为：${type.states.map((x) => `${x.id}（${x.label}）`).join('、')}`,
    );
  return ids;
}

export function registerCaseList(kase: Command, cli: Cli): void {
  kase
    .command('list')
    .description('查询案件')
    .requiredOption('--org <组织>', '县、乡镇、村（社区）或部门')
    .option('--type <类型>', '案件类型')
    .option('--state <状态>', '状态代码或名称')
    .option('--open', '只看未终结的案件')
    .option('--limit <条数>', '最多条数', '50')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const type = opts.type ? caseTypeOrFail(opts.type) : undefined;
      const states = statesOf(type, opts.state);
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        const res = await listCases(h, ALL, {
          org: orgFilter(org),
          types: type ? [type.kind] : undefined,
          states,
          open: opts.open ? true : undefined,
          limit: intOption('limit', opts.limit, 1, 100_000),
        });
        if (opts.json) return cli.printJson(res);
        cli.printTable(
          ['编号', '日期', '类型', '事由', '状态', '下一期限', '承办人'],
          res.items.map((c) => [
            String(c.id),
            c.date,
            c.typeLabel,
            c.title,
            c.stateLabel,
            c.nextDue ?? '',
            c.owner ?? '',
          ]),
        );
        cli.out(`共 ${res.total} 件\n`);
      });
    });
}
