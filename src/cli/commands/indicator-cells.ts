import type { Command } from '@commander-js/extra-typings';
import { rebuildIndicatorCells, verifyIndicatorCells } from '../../services/indicator-cells.ts';
import { resolveOrg } from '../../services/orgs.ts';
import { intOption, type Cli } from '../context.ts';

/** `fazhi indicators verify` and `fazhi indicators rebuild`: the indicator cells' upkeep. */
export function registerCellCommands(indicators: Command, cli: Cli): void {
  indicators
    .command('verify')
    .description('核对指标汇总与台账记录是否一致（逐县、乡镇、年度，发现不一致时退出码为 1）')
    .option('--org <组织>', '只核对某县或某乡镇（名称或代码）；默认全部')
    .option('--year <年度>', '只核对某年度；默认有记录的各年度')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出：{checked, differences}')
    .action(async (opts) => {
      const year = opts.year === undefined ? undefined : intOption('year', opts.year, 2000, 2100);
      const r = await cli.withDb(opts, async (h) => {
        const org =
          opts.org === undefined ? undefined : await resolveOrg(h, opts.org, ['county', 'township']);
        return verifyIndicatorCells(h, { org, year });
      });
      if (opts.json) cli.printJson(r);
      if (r.differences.length === 0) {
        if (!opts.json) cli.out(`指标汇总与台账记录一致：共核对 ${r.checked} 组（组织 × 年度）\n`);
        return;
      }
      if (!opts.json) {
        cli.err(`指标汇总与台账记录不一致，共 ${r.differences.length} 处：\n`);
        for (const d of r.differences)
          cli.err(`  ${d.org} ${d.year} 年（${d.indicators.join('、')}）：汇总 ${d.cells}，台账 ${d.scan}\n`);
        cli.err('可用 fazhi indicators rebuild 按台账记录重建指标汇总\n');
      }
      cli.exitCode = 1;
    });

  indicators
    .command('rebuild')
    .description('按台账记录重建指标汇总（某县或全部县；记入审计日志）')
    .option('--org <县>', '只重建某县（名称或代码）；默认全部县')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const r = await cli.withDb(opts, async (h) => {
        const county = opts.org === undefined ? undefined : await resolveOrg(h, opts.org, ['county']);
        const { p, actor, at } = cli.writer();
        return rebuildIndicatorCells(h, p, actor, { county }, at);
      });
      cli.out(`已重建指标汇总：${r.counties} 个县，读取台账记录 ${r.records} 条，写入汇总 ${r.cells} 条\n`);
    });
}
