import { Command, CommanderError, Help } from '@commander-js/extra-typings';
import { UserError } from '../core/errors.ts';
import { DbUrlError } from '../db/connect.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerCalendarCommands } from './commands/calendar/index.ts';
import { registerCaseCommands } from './commands/cases/index.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerEvidenceCommands } from './commands/evidence.ts';
import { registerIndicatorCommands } from './commands/indicators.ts';
import { registerLedgerIoCommands } from './commands/ledger-io.ts';
import { registerOrgCommands } from './commands/orgs.ts';
import { registerCycleCommands } from './commands/cycle.ts';
import { registerExamCommands } from './commands/exams.ts';
import { registerPowerCommands } from './commands/powers.ts';
import { registerQuestionCommands } from './commands/questions.ts';
import { registerRecordCommands } from './commands/records.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerReviewCommand } from './commands/review.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerUserCommands } from './commands/users.ts';
import { Cli, terminal, type CliIo } from './context.ts';
import { describedIn, displayWidth, errorText, helpTitle, placeholders } from './help-text.ts';

/** The `fazhi` program; every command writes through `cli`. */
function buildProgram(cli: Cli): Command {
  const { stdout, stderr } = cli.io;
  // Set before the subcommands are added: commander copies these settings into each of them.
  const program = new Command('fazhi')
    .description('fazhi 法治政府建设工作平台：台账、案件时限、指标、年度报告、报告审阅')
    .version('0.1.0', '-v, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand('help [命令]', '显示某个命令的帮助')
    .showHelpAfterError('（加 --help 查看用法）')
    .exitOverride()
    .configureHelp({
      styleTitle: helpTitle,
      styleUsage: placeholders,
      subcommandTerm: (cmd) => placeholders(Help.prototype.subcommandTerm.call(new Help(), cmd)),
      displayWidth,
      optionDescription: (o) => describedIn(Help.prototype.optionDescription.call(new Help(), o)),
      argumentDescription: (a) => describedIn(Help.prototype.argumentDescription.call(new Help(), a)),
    })
    .configureOutput({
      writeOut: (s) => void stdout.write(s),
      writeErr: (s) => void stderr.write(s),
      outputError: (s, write) => write(errorText(s)),
      getOutHelpWidth: () => terminal(stdout)?.columns ?? 80,
      getErrHelpWidth: () => terminal(stderr)?.columns ?? 80,
    });

  registerOrgCommands(program, cli);
  registerRecordCommands(program, cli);
  registerReportCommand(program, cli);
  registerIndicatorCommands(program, cli);
  registerLedgerIoCommands(program, cli);
  registerEvidenceCommands(program, cli);
  registerDemoCommand(program, cli);
  registerUserCommands(program, cli);
  registerReviewCommand(program, cli);
  registerCaseCommands(program, cli);
  registerServeCommand(program, cli);
  registerAuditCommands(program, cli);
  registerBackupCommands(program, cli);
  registerCalendarCommands(program, cli);
  registerPowerCommands(program, cli);
  registerQuestionCommands(program, cli);
  registerCycleCommands(program, cli);
  registerExamCommands(program, cli);
  // Set after the subcommands are added, so they do not inherit it: the program's own options (-v,
  // -h) count only before a command's name, which lets a command whose subcommands share its option
  // names (`indicators --org` and `indicators verify --org`) pass them on.
  program.enablePositionalOptions();
  return program;
}

/**
 * Runs `fazhi ARGS` (arguments after the program name) and returns the exit code: 0, a command's
 * own code, 1 for a user error (`错误：…`), 2 for an internal error (`内部错误：…`).
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const cli = new Cli(io);
  try {
    await buildProgram(cli).parseAsync([...args], { from: 'user' });
    return cli.exitCode;
  } catch (e) {
    // Commander has already written its message (or the help) through configureOutput.
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof UserError || e instanceof DbUrlError) {
      cli.err(`错误：${e.message}\n`);
      return 1;
    }
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    cli.err(`内部错误：${msg}\n`);
    return 2;
  }
}
