import type { Command } from '@commander-js/extra-typings';
import { UserError } from '../../core/errors.ts';
import { backupDatabase, restoreDatabase } from '../../services/backup.ts';
import type { Cli } from '../context.ts';

const describe = (i: { orgs: number; records: number; users: number; bytes: number }) =>
  `${i.orgs} 个组织、${i.records} 条台账、${i.users} 个账号，${(i.bytes / 1048576).toFixed(1)} MB`;

export function registerBackupCommands(program: Command, cli: Cli): void {
  program
    .command('backup')
    .description('备份 SQLite 数据库（在线备份，服务运行时也可执行）；PostgreSQL 见 docs/operations.md')
    .requiredOption('-o, --output <文件>', '备份文件路径（不得已存在）')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      await cli.withDb(opts, async (h) => {
        const info = await backupDatabase(h, opts.output);
        cli.out(
          `已备份到 ${opts.output}：${describe(info)}\n证据文件在数据目录的 evidence/ 下，请一并备份。\n`,
        );
      });
    });
  program
    .command('restore')
    .description('用备份文件替换 SQLite 数据库（须先停止 fazhi serve；原数据库保留为 .before-restore-时间）')
    .argument('<文件>', '备份文件')
    .option('--db <数据库地址>', '要恢复到的数据库地址')
    .option('--data <目录>', '数据目录（审计密钥 audit.key 所在；默认 FAZHI_DATA 或 ./data）')
    .option('--force', '备份中的审计日志校验不通过时仍然恢复（恢复会记入审计日志）')
    .action(async (file, opts) => {
      const url = cli.dbUrl(opts.db);
      if (!url.startsWith('sqlite:') || url === 'sqlite::memory:')
        throw new UserError('只能恢复 SQLite 数据库文件；PostgreSQL 请用 pg_restore，见 docs/operations.md');
      const { actor, at } = cli.writer();
      const r = await restoreDatabase(url.slice('sqlite:'.length), file, new Date(at), {
        dataDir: cli.dataDir(opts.data),
        actor,
        force: opts.force === true,
      });
      cli.out(`已恢复：${describe(r.info)}\n`);
      if (r.previous) cli.out(`原数据库已保留为 ${r.previous}\n`);
      cli.out(
        r.audit.ok
          ? `审计日志核验通过（${r.audit.count} 条），本次恢复已记入审计日志\n`
          : `警告：审计日志核验未通过：${r.audit.message}；已按 --force 恢复，并记入审计日志\n`,
      );
    });
}
