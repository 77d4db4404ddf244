import type { Command } from '@commander-js/extra-typings';
import { getKind } from '../../../catalogue/kinds.ts';
import { UserError } from '../../../core/errors.ts';
import { registerCase } from '../../../services/case-writes.ts';
import { caseTypeOrFail } from '../../../services/cases.ts';
import { resolveOrg } from '../../../services/orgs.ts';
import { collect, setPairs, type Cli } from '../../context.ts';
import { roleOption } from './options.ts';

export function registerCaseOpen(kase: Command, cli: Cli): void {
  kase
    .command('open')
    .description('登记一件案件（同时生成台账记录）')
    .requiredOption('--org <乡镇>', '所属乡镇（名称或代码）')
    .requiredOption(
      '--type <类型>',
      '案件类型：dispute、petition、disclosure_request、inspection、penalty、legal_review、major_decision、lawsuit',
    )
    .requiredOption('--date <日期>', '登记（立案、收到）日期')
    .requiredOption('--title <标题>', '事由')
    .option('--unit <村或部门>', '所涉村（社区）或部门')
    .option('--owner <承办人>', '承办人')
    .option('--role <角色>', '办理人角色', 'township_staff')
    .option('--set <字段=值>', '台账字段值，可重复', collect, [])
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const type = caseTypeOrFail(opts.type);
      const kind = getKind(type.kind);
      const data: Record<string, string> = {};
      for (const [k, v] of Object.entries(setPairs(opts.set))) {
        const f = kind.fields.find((x) => x.key === k || x.label === k);
        if (!f) throw new UserError(`${kind.label}没有字段“${k}”：可用 fazhi kinds ${kind.id} 查看`);
        data[f.key] = v;
      }
      const role = roleOption(opts.role);
      await cli.withDb(opts, async (h) => {
        const township = await resolveOrg(h, opts.org, ['township']);
        const { p, actor, at } = cli.writer();
        const draft = { date: opts.date, title: opts.title, org: opts.unit, data };
        const c = await registerCase(
          h,
          p,
          actor,
          { type: type.kind, townshipId: township.id, draft, owner: opts.owner, role },
          at,
        );
        if (opts.json) return cli.printJson(c);
        cli.out(`已登记${c.typeLabel} #${c.id}：${c.date} ${c.title}（${c.stateLabel}）\n`);
        for (const k of c.clocks)
          cli.out(
            `  ${k.label}：${k.kind === 'minimum' ? '不早于' : ''}${k.deadline.due}（${k.deadline.basis}）\n`,
          );
      });
    });
}
