import type { Command } from '@commander-js/extra-typings';
import { basisText, clocks, findClock, periodText } from '../../../catalogue/clocks.ts';
import { existsSync } from 'node:fs';
import { buildCalendar, type Calendar } from '../../../core/calendar.ts';
import { todayOf } from '../../../core/dates.ts';
import { computeDeadline, type Suspension } from '../../../core/deadlines.ts';
import { seedCalendarData } from '../../../db/calendar-seed.ts';
import { workingCalendar } from '../../../services/working-calendar.ts';
import { UserError } from '../../../core/errors.ts';
import { intOption, type Cli } from '../../context.ts';
import { dateOption } from './options.ts';

/** Prints every deadline rule as a table. */
function listRules(cli: Cli): void {
  cli.printTable(
    ['规则', '名称', '期限', '延长', '依据'],
    clocks.map((c) => [
      c.id,
      c.label,
      `${c.from}${periodText(c.unit, c.amount)}${c.kind === 'minimum' ? '（不少于）' : ''}`,
      c.extension ? `≤${c.extension.max}，${c.extension.times}次` : '',
      basisText(c.basis),
    ]),
  );
}

/**
 * The calendar to count in: the database's when one is named or the default file exists; else the
 * one a new database starts with, so the calculator works before any database is set up.
 */
async function calendarFor(cli: Cli, db: string | undefined): Promise<Calendar> {
  const url = cli.dbUrl(db);
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : null;
  if (db === undefined && cli.io.env.FAZHI_DB === undefined && file !== null && !existsSync(file)) {
    cli.err('提示：未找到数据库，按内置节假日数据计算（系统管理员导入的放假安排不在其中）。\n');
    return buildCalendar(seedCalendarData());
  }
  return cli.withDb({ db }, (h) => workingCalendar(h));
}

/** `2025-03-05:2025-03-12`, or `2025-03-05:` for a suspension still running. */
function suspensionOption(v: string): Suspension {
  const m = /^([^:]+):([^:]*)$/.exec(v.trim());
  if (!m) throw new UserError(`--suspend 应为“起:止”的形式，如 2025-03-05:2025-03-12，收到“${v}”`);
  const to = m[2] ?? '';
  return {
    from: dateOption('suspend', m[1] ?? ''),
    to: to === '' ? null : dateOption('suspend', to),
    reason: '',
  };
}

export function registerDeadlineCommand(program: Command, cli: Cli): void {
  program
    .command('deadline')
    .description('计算法定期限：起算、节假日、调休、顺延及法律依据')
    .argument('[规则]', '期限规则代码，如 petition.accept（见 --list）')
    .option('--from <日期>', '起算事件的日期（该日不计入）')
    .option('--due <日期>', '文书载明的期限（rectification.due）')
    .option('--extend <期限>', '延长的天数或工作日数')
    .option('--reason <理由>', '延长或重新起算的理由')
    .option(
      '--suspend <起:止>',
      '不计入期限的期间（如征求第三方意见），可重复；止日留空表示尚未结束，计至今日',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--restart <日期>', '重新起算的日期（如收到补正后的申请之日）；--from 为原起算日')
    .option('--list', '列出全部期限规则')
    .option('--db <数据库地址>', '数据库地址（节假日安排从中读取）')
    .option('--json', '以 JSON 输出')
    .action(async (rule, opts) => {
      if (opts.list || !rule) return opts.json ? cli.printJson(clocks) : listRules(cli);
      const r = findClock(rule);
      if (!r)
        throw new UserError(
          `未知的期限规则“${rule}”：可用 fazhi deadline --list 查看全部规则`,
          'unknown_rule',
        );
      if (!opts.from) throw new UserError('缺少 --from（起算事件的日期，如 --from 2024-09-16）');
      const start = dateOption('from', opts.from);
      const extensions = opts.extend
        ? [{ date: start, amount: intOption('extend', opts.extend, 1, 366), reason: opts.reason ?? '' }]
        : [];
      const restart = opts.restart ? dateOption('restart', opts.restart) : undefined;
      if (restart !== undefined && !r.restart)
        throw new UserError(`${r.label}没有重新起算的规定`, 'no_restart');
      const d = computeDeadline({
        rule: r,
        ...(restart !== undefined
          ? { restarted: { originalStart: start, reason: opts.reason ?? r.restart?.what ?? '' } }
          : {}),
        suspensions: opts.suspend.map(suspensionOption),
        asOf: todayOf(new Date().toISOString()),
        calendar: await calendarFor(cli, opts.db),
        start: restart ?? start,
        setDue: opts.due ? dateOption('due', opts.due) : undefined,
        extensions,
      });
      if (opts.json) {
        return cli.printJson({
          rule: d.ruleId,
          label: d.label,
          start: d.start,
          due: d.due,
          basis: d.basis,
          unit: d.unit,
          total: d.total,
          steps: d.steps,
          warnings: d.warnings,
          calendarBasis: d.calendarBasis,
          mark: d.mark,
          holidays: d.holidays,
          makeupDays: d.makeupDays,
          shift: d.shift,
        });
      }
      cli.out(
        `${d.label}：${d.due} 届满（${d.basis}）${d.mark ? `【${d.mark}】` : ''}\n${d.steps.map((s) => `  · ${s}`).join('\n')}\n`,
      );
      for (const w of d.warnings) cli.err(`警告：${w}\n`);
    });
}
