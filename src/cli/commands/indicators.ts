import type { Command } from '@commander-js/extra-typings';
import { getKind } from '../../catalogue/kinds.ts';
import { yearPeriod } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { computeIndicators, explainIndicator } from '../../services/indicators.ts';
import { registerCellCommands } from './indicator-cells.ts';
import { resolveOrg } from '../../services/orgs.ts';
import { intOption, type Cli } from '../context.ts';

/** A required option checked in the action, worded as the parser words its own. */
function required(flags: string, v: string | undefined): string {
  if (v === undefined) throw new UserError(`缺少必需的选项“${flags}”`);
  return v;
}

const show = (v: number | null, unit: string) =>
  v === null ? '—' : `${v}${unit === '%' ? '%' : ' ' + unit}`;

export function registerIndicatorCommands(program: Command, cli: Cli): void {
  const indicatorsCommand = program
    .command('indicators')
    .description('计算某组织某年度的全部指标（每个值均可用 fazhi explain 追溯到记录）')
    // Not required options: `indicators verify` and `indicators rebuild` would inherit the check.
    .option('--org <组织>', '县、乡镇、村（社区）或部门（名称或代码）（必填）')
    .option('--year <年度>', '年度，如 2024（必填）')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出：[{key, label, value, unit, records}]')
    .action(async (opts) => {
      const orgName = required('--org <组织>', opts.org);
      const year = intOption('year', required('--year <年度>', opts.year), 2000, 2100);
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, orgName);
        const vals = await computeIndicators(h, org, yearPeriod(year));
        if (opts.json) return cli.printJson(vals);
        cli.out(`${org.name} ${year} 年度指标\n`);
        cli.printTable(
          ['指标', '名称', '数值', '记录数'],
          vals.map((v) => [v.key, v.label, show(v.value, v.unit), String(v.records)]),
        );
      });
    });

  // `indicators verify --org …` must give --org to verify, not to `indicators`: its own options
  // count only before a subcommand's name.
  indicatorsCommand.enablePositionalOptions();
  registerCellCommands(indicatorsCommand, cli);

  program
    .command('explain')
    .description('列出某个指标值背后的台账记录')
    .argument('<指标代码>', '指标代码，如 disputes.resolution_rate')
    .requiredOption('--org <组织>', '组织（名称或代码）')
    .requiredOption('--year <年度>', '年度')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (key, opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        const ex = await explainIndicator(h, key, org, yearPeriod(year));
        if (opts.json) return cli.printJson(ex);
        const v = ex.indicator;
        cli.out(
          `${org.name} ${year} 年 ${v.label}（${v.key}）= ${show(v.value, v.unit)}\n口径：${ex.basis}\n计算方法：${ex.method}\n公式：${ex.formula}\n`,
        );
        cli.printTable(
          ['编号', '日期', '类型', '标题', '计入', '说明'],
          ex.records.map((r) => [
            String(r.id),
            r.date,
            getKind(r.kind).label,
            r.title,
            r.contributes !== null ? String(r.contributes) : (r.part ?? (r.counted ? '是' : '否')),
            r.reason ?? '',
          ]),
        );
      });
    });
}
