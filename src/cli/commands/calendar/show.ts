import type { Command } from '@commander-js/extra-typings';
import { systemPrincipal } from '../../../services/access.ts';
import { calendarYear } from '../../../services/calendar.ts';
import { intOption, type Cli } from '../../context.ts';

export function registerCalendarShow(calendar: Command, cli: Cli): void {
  calendar
    .command('show')
    .description('查看某年的放假日和调休上班日')
    .requiredOption('--year <年份>', '年份，如 2027')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      await cli.withDb(opts, async (h) => {
        const y = await calendarYear(h, systemPrincipal(), year);
        if (opts.json) return cli.printJson(y);
        cli.out(
          y.official
            ? `${year}年节假日安排（来源：${y.source ?? ''}；${y.storedAt ?? ''}${y.storedBy ? ` 由${y.storedBy}保存` : ''}）\n`
            : `${year}年尚无官方放假安排：以下为法定节日（全国年节及纪念日放假办法），${y.mark ?? ''}\n`,
        );
        cli.printTable(
          ['日期', '类型', '节日'],
          [
            ...y.holidays.map((d) => [d.date, '放假', d.name]),
            ...y.workdays.map((d) => [d.date, '调休上班', d.name]),
          ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
        );
      });
    });
}
