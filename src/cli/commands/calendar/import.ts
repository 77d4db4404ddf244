import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { Arrangement } from '../../../core/calendar.ts';
import { parseCalendarIcs, parseCalendarJson } from '../../../core/calendar-files.ts';
import { UserError } from '../../../core/errors.ts';
import { parseHolidayNotice } from '../../../core/holiday-notice.ts';
import { replaceCalendarYears } from '../../../services/calendar.ts';
import type { Cli } from '../../context.ts';

/** The arrangements a file holds: a notice's text, a JSON file or an ICS file. */
export function readArrangements(text: string, name: string, notice: boolean): Arrangement[] {
  if (notice) return [parseHolidayNotice(text)];
  if (/\.ics$/i.test(name) || text.trimStart().startsWith('BEGIN:VCALENDAR'))
    return parseCalendarIcs(text, name);
  if (/\.json$/i.test(name) || text.trimStart().startsWith('{')) return [parseCalendarJson(text, name)];
  return [parseHolidayNotice(text)];
}

function summary(a: Arrangement): string {
  const off = a.entries.filter((e) => e.kind === 'holiday');
  const work = a.entries.filter((e) => e.kind === 'workday');
  return [
    `${a.year}年（来源：${a.source}）：放假${off.length}天，调休上班${work.length}天`,
    ...off.map((e) => `  放假  ${e.date}  ${e.name}`),
    ...work.map((e) => `  上班  ${e.date}  ${e.name}`),
  ].join('\n');
}

export function registerCalendarImport(calendar: Command, cli: Cli): void {
  calendar
    .command('import')
    .description('导入节假日安排：国务院办公厅通知全文（--notice）、JSON 或 ICS 文件；- 表示从标准输入读取')
    .argument('<文件>', '文件路径，或 -（标准输入）')
    .option('--notice', '文件是国务院办公厅关于部分节假日安排的通知全文')
    .option('--dry-run', '只显示读到的安排，不保存')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (file, opts) => {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8');
      const name = file === '-' ? '标准输入' : basename(file);
      const arrangements = readArrangements(text, name, opts.notice ?? false);
      cli.out(arrangements.map(summary).join('\n') + '\n');
      if (opts.dryRun) return cli.out('（试运行，未保存）\n');
      if (arrangements.length === 0) throw new UserError('没有读到节假日安排');
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const r = await replaceCalendarYears(h, p, actor, { arrangements }, at);
        cli.out(`已保存：${r.years.map((y) => `${y.year}年`).join('、')}\n`);
        cli.out(
          r.changed.length === 0
            ? '在办案件的期限均无变化。\n'
            : `${r.changed.length}件在办案件的期限已重新计算：\n${r.changed
                .map((c) => `  #${c.caseId} ${c.title}：期限由${c.from ?? '无'}调整为${c.to ?? '无'}`)
                .join('\n')}\n`,
        );
      });
    });
}
