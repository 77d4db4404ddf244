import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { UserError } from '../../core/errors.ts';
import { formatIssue } from '../../services/ledger-io/index.ts';
import { resolveOrg } from '../../services/orgs.ts';
import { replacePowerList, type PowerListReport } from '../../services/powers.ts';
import { intOption, type Cli } from '../context.ts';

function summary(r: PowerListReport, township: string): string {
  const total = r.byCategory.reduce((n, c) => n + c.count, 0);
  const parts = r.byCategory.map((c) => `${c.category} ${c.count} 项`).join('、');
  const verb = r.dryRun ? '校验通过（未写入）' : '已导入';
  const replaced =
    r.previous > 0 ? `；原${r.year}年清单 ${r.previous} 项${r.dryRun ? '将被' : '已'}替换` : '';
  return `${township}${r.year}年权力清单${verb}：共 ${total} 项（${parts}），其中县级赋权 ${r.delegated} 项${replaced}\n`;
}

/** `fazhi powers import`: a township's 权力清单 for a year, replacing that year's list. */
export function registerPowerCommands(program: Command, cli: Cli): void {
  const powers = program.command('powers').description('权力清单、责任清单（按年度管理）');
  powers
    .command('import')
    .description('导入某乡镇某年度的权力清单（.xlsx 或 .csv），替换该年度原有清单；有任何错误则全部不导入')
    .argument('<文件>', '县里下发的权力清单表格：事项名称、权力类别、设定依据、权力来源等列')
    .requiredOption('--org <乡镇>', '乡镇（名称或代码）')
    .requiredOption('--year <年度>', '清单年度，如 2025')
    .option('--dry-run', '只校验，不写入')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出导入报告')
    .action(async (file, opts) => {
      const year = intOption('year', opts.year, 2000, 2099);
      const fileName = basename(file);
      const bytes = await readFile(file);
      const { r, township } = await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org, ['township']);
        const { p, actor, at } = cli.writer();
        const input = { townshipId: org.id, year, fileName, bytes, dryRun: opts.dryRun === true };
        return { r: await replacePowerList(h, p, actor, input, at), township: org.name };
      });
      if (opts.json) cli.printJson(r);
      if (r.errors.length > 0) {
        if (!opts.json) cli.err(r.errors.map((e) => formatIssue(e) + '\n').join(''));
        throw new UserError(
          `导入失败：“${fileName}”中发现 ${r.errors.length} 处问题，权力清单未作任何改动。请改正后重新导入`,
          'invalid_file',
          422,
        );
      }
      if (!opts.json) cli.out(summary(r, township));
    });
}
