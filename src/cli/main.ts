import { Command, CommanderError } from 'commander';
import { UserError } from '../core/errors.ts';
import { DbUrlError } from '../db/connect.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerCaseCommands } from './commands/cases.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerEvidenceCommands } from './commands/evidence.ts';
import { registerIndicatorCommands } from './commands/indicators.ts';
import { registerLedgerIoCommands } from './commands/ledger-io.ts';
import { registerOrgCommands } from './commands/orgs.ts';
import { registerRecordCommands } from './commands/records.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerReviewCommand } from './commands/review.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerUserCommands } from './commands/users.ts';

const program = new Command('fazhi')
  .description('fazhi 法治政府建设工作平台：台账、案件时限、指标、年度报告、报告审阅')
  .version('0.1.0', '-v, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示某个命令的帮助')
  .showHelpAfterError('（加 --help 查看用法）')
  .exitOverride();

registerOrgCommands(program);
registerRecordCommands(program);
registerReportCommand(program);
registerIndicatorCommands(program);
registerLedgerIoCommands(program);
registerEvidenceCommands(program);
registerDemoCommand(program);
registerUserCommands(program);
registerReviewCommand(program);
registerCaseCommands(program);
registerServeCommand(program);
registerAuditCommands(program);
registerBackupCommands(program);

// Output piped into `head` and the like: a closed pipe ends the command quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof UserError || e instanceof DbUrlError) {
    process.stderr.write(`错误：${e.message}\n`);
    process.exit(1);
  }
  const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`内部错误：${msg}\n`);
  process.exit(2);
}
