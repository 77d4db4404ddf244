import { createWriteStream } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { addDays } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { exportAudit, verifyAudit } from '../../services/audit.ts';
import type { Cli } from '../context.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function day(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new UserError(`--${name} 应为 YYYY-MM-DD 形式的日期，收到“${v}”`);
  return v;
}

export function registerAuditCommands(program: Command, cli: Cli): void {
  const audit = program.command('audit').description('审计日志：核验哈希链、导出');
  audit
    .command('verify')
    .description('核验审计日志是否被改动、删除或调换顺序（发现问题时退出码为 1）')
    .option('--db <数据库地址>', '数据库地址')
    .option('--data <目录>', '数据目录（服务器的审计密钥 audit.key 所在；默认 FAZHI_DATA 或 ./data）')
    .action(async (opts) => {
      const r = await cli.withDb(opts, (h) => verifyAudit(h));
      if (r.ok) {
        cli.out(
          `审计日志完整：共 ${r.count} 条，链头哈希 ${r.headHash}\n（可将链头哈希另行记录，以便日后核对）\n`,
        );
        return;
      }
      cli.err(`审计日志核验未通过：${r.message}\n`);
      cli.exitCode = 1;
    });
  audit
    .command('export')
    .description('导出某期间的审计日志（JSON Lines 或 CSV）')
    .option('--from <日期>', '起始日期（含），如 2024-01-01')
    .option('--to <日期>', '截止日期（含），如 2024-12-31')
    .option('--format <格式>', 'jsonl 或 csv（默认按输出文件扩展名，否则 jsonl）')
    .option('-o, --output <文件>', '输出文件（默认标准输出）')
    .option('--db <数据库地址>', '数据库地址')
    .option('--data <目录>', '数据目录（服务器的审计密钥 audit.key 所在；默认 FAZHI_DATA 或 ./data）')
    .action(async (opts) => {
      const from = day('from', opts.from);
      const to = day('to', opts.to);
      const format = opts.format ?? (opts.output?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
      if (format !== 'csv' && format !== 'jsonl')
        throw new UserError(`--format 应为 jsonl 或 csv，收到“${format}”`);
      const file = opts.output ? createWriteStream(opts.output) : undefined;
      const out = file ?? cli.io.stdout;
      const { actor, at } = cli.writer();
      const n = await cli.withDb(opts, (h) =>
        // The next day, so `--to` includes the whole day (`at` is an ISO timestamp).
        exportAudit(h, actor, at, { from, to: to ? addDays(to, 1) : undefined }, format, (s) => out.write(s)),
      );
      if (file) {
        await new Promise<void>((resolve, reject) =>
          file.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
        cli.err(`已导出 ${n} 条审计记录到 ${opts.output}\n`);
      }
    });
}
