import type { Command } from '@commander-js/extra-typings';
import { systemPrincipal } from '../../../services/access.ts';
import { calendarYear } from '../../../services/calendar.ts';
import { intOption, type Cli } from '../../context.ts';

export function registerCalendarCheck(calendar: Command, cli: Cli): void {
  calendar
    .command('check')
    .description('核对某年是否已有国务院办公厅公布的放假安排')
    .requiredOption('--year <年份>', '年份，如 2027')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      await cli.withDb(opts, async (h) => {
        const y = await calendarYear(h, systemPrincipal(), year);
        if (y.official) {
          cli.out(
            `${year}年已有官方放假安排（来源：${y.source ?? ''}）：放假${y.holidays.length}天，调休上班${y.workdays.length}天。\n`,
          );
          return;
        }
        cli.out(
          `${year}年尚无官方放假安排：按法定节日${y.holidays.length}天计算（全国年节及纪念日放假办法），不含调休。\n` +
            `警告：该年的期限均标注“${y.mark ?? ''}”；国务院办公厅公布当年安排后，请用 fazhi calendar import --notice 导入。\n`,
        );
        cli.exitCode = 2;
      });
    });
}
