import type { Command } from '@commander-js/extra-typings';
import { caseRoles, stateOf } from '../../../catalogue/cases.ts';
import { valueText } from '../../../catalogue/fields.ts';
import { getKind } from '../../../catalogue/kinds.ts';
import { ALL } from '../../../core/scope.ts';
import { caseTypeOrFail, showCase, type CaseDetail } from '../../../services/cases.ts';
import { intOption, type Cli } from '../../context.ts';
import { nowFrom } from './options.ts';

/** The case's record fields with their Chinese labels and option labels. */
function fieldsText(c: CaseDetail): string[] {
  return getKind(c.type)
    .fields.filter((f) => c.data[f.key] !== undefined)
    .map((f) => `${f.label}：${valueText(f, c.data[f.key])}`);
}

/** A case as text: header, fields, clocks with how each deadline was counted, every step. */
function printCase(cli: Cli, c: CaseDetail): void {
  const w = (s: string) => cli.out(s + '\n');
  w(`#${c.id} ${c.typeLabel}：${c.title}`);
  w(
    `  日期：${c.date}  状态：${c.stateLabel}${c.closed ? '（已终结）' : ''}  承办人：${c.owner ?? '未指定'}`,
  );
  const type = caseTypeOrFail(c.type);
  const fields = fieldsText(c);
  if (fields.length) w(`  ${fields.join('；')}`);
  w('期限：');
  if (c.clocks.length === 0) w('  （无）');
  for (const k of c.clocks) {
    const status =
      k.status === 'stopped'
        ? `已于${k.stoppedOn}结束${k.late ? '，超期' : ''}`
        : k.overdue
          ? `已逾期${-(k.daysLeft ?? 0)}日`
          : `${k.status === 'paused' ? '暂停中，' : ''}还有${k.daysLeft}日`;
    w(
      `  ${k.label}：${k.kind === 'minimum' ? '不早于' : ''}${k.deadline.due}（${status}${k.deadline.mark ? `；${k.deadline.mark}` : ''}）`,
    );
    for (const s of k.deadline.steps) w(`    · ${s}`);
    for (const s of k.deadline.warnings) w(`    ！${s}`);
  }
  w('办理记录：');
  for (const e of c.events) {
    const vals = Object.entries(e.values)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    const role = caseRoles[e.role as keyof typeof caseRoles] ?? e.role;
    if (e.outcome === 'refused') w(`  ${e.seq}. ${e.date} ✗ ${e.label}（${role}）被拒绝：${e.error ?? ''}`);
    else
      w(
        `  ${e.seq}. ${e.date} ${e.label}（${role}）${e.toState && e.toState !== e.fromState ? ` → ${stateOf(type, e.toState)?.label ?? e.toState}` : ''}${e.reason ? ` 理由：${e.reason}` : ''}${vals ? ` ${vals}` : ''}`,
      );
  }
  if (c.actions.length) w(`可进行：${c.actions.map((a) => `${a.id}（${a.label}）`).join('、')}`);
}

export function registerCaseShow(kase: Command, cli: Cli): void {
  kase
    .command('show')
    .description('查看案件：办理记录和期限（含计算说明）')
    .argument('<案件编号>', '案件编号')
    .option('--date <日期>', '按此日期计算剩余天数，默认今天')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (id, opts) => {
      const caseId = intOption('id', id, 1, Number.MAX_SAFE_INTEGER);
      await cli.withDb(opts, async (h) => {
        const c = await showCase(h, ALL, caseId, nowFrom(opts.date));
        if (opts.json) return cli.printJson(c);
        printCase(cli, c);
      });
    });
}
