import type { Command } from '@commander-js/extra-typings';
import { takeCaseStep } from '../../../services/case-writes.ts';
import { collect, intOption, setPairs, type Cli } from '../../context.ts';

export function registerCaseMove(kase: Command, cli: Cli): void {
  kase
    .command('move')
    .description('办理一步：受理、延长、办结等（被拒绝的操作也记入办理记录）')
    .argument('<案件编号>', '案件编号')
    .argument('<步骤>', '步骤代码（见 fazhi case show）')
    .option('--date <日期>', '办理日期，默认今天')
    .option('--role <角色>', '办理人角色', 'township_staff')
    .option('--actor <姓名>', '办理人姓名')
    .option('--set <字段=值>', '该步骤的字段值，可重复', collect, [])
    .option('--reason <理由>', '理由（延长、不予受理等须填写）')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (id, action, opts) => {
      const caseId = intOption('id', id, 1, Number.MAX_SAFE_INTEGER);
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const c = await takeCaseStep(
          h,
          p,
          actor,
          caseId,
          {
            action,
            role: opts.role,
            actor: opts.actor,
            date: opts.date,
            values: setPairs(opts.set),
            reason: opts.reason,
          },
          at,
        );
        if (opts.json) return cli.printJson(c);
        cli.out(`#${c.id} ${c.events.at(-1)?.label ?? action}：现为“${c.stateLabel}”\n`);
        for (const k of c.clocks.filter((x) => x.status !== 'stopped'))
          cli.out(
            `  ${k.label}：${k.kind === 'minimum' ? '不早于' : ''}${k.deadline.due}${k.overdue ? '（已逾期）' : ''}${k.deadline.mark ? `（${k.deadline.mark}）` : ''}\n`,
          );
      });
    });
}
