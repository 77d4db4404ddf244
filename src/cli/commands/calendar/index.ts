import type { Command } from '@commander-js/extra-typings';
import type { Cli } from '../../context.ts';
import { registerCalendarCheck } from './check.ts';
import { registerCalendarImport } from './import.ts';
import { registerCalendarShow } from './show.ts';

/** `fazhi calendar …`: the holiday calendar, kept current without a release. */
export function registerCalendarCommands(program: Command, cli: Cli): void {
  const calendar = program
    .command('calendar')
    .description('节假日安排：导入国务院办公厅通知或日历文件、查看、核对');
  registerCalendarImport(calendar, cli);
  registerCalendarShow(calendar, cli);
  registerCalendarCheck(calendar, cli);
}
