import type { Command } from '@commander-js/extra-typings';
import { withDueMarks } from '../../services/due-marks.ts';
import { findKind, groups, kinds } from '../../catalogue/kinds.ts';
import { yearPeriod } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { ALL } from '../../core/scope.ts';
import { orgFilter, resolveOrg } from '../../services/orgs.ts';
import { createRecord } from '../../services/ledger-writes.ts';
import { listLedger } from '../../services/records.ts';
import { collect, intOption, setPairs, type Cli } from '../context.ts';

function kindOrFail(s: string) {
  const k = findKind(s);
  if (!k) throw new UserError(`未知的台账类型“${s}”：可用 fazhi kinds 查看全部类型`);
  return k;
}

export function registerRecordCommands(program: Command, cli: Cli): void {
  program
    .command('kinds')
    .description('列出台账记录类型及其字段')
    .argument('[类型]', '只看这一类型（代码或中文名）')
    .option('--json', '以 JSON 输出')
    .action((kind, opts) => {
      const list = kind ? [kindOrFail(kind)] : kinds;
      if (opts.json) return cli.printJson(list);
      if (!kind) {
        return cli.printTable(
          ['代码', '名称', '工作领域', '字段'],
          list.map((k) => [k.id, k.label, groups[k.group], k.fields.map((f) => f.label).join('、')]),
        );
      }
      const k = list[0]!;
      cli.printTable(
        ['字段', '名称', '类型', '必填', '可选值/说明'],
        [
          ['date', k.dateLabel, '日期', '是', ''],
          ['title', k.titleLabel, '文本', '是', ''],
          ...(k.endLabel ? [['endDate', k.endLabel, '日期', '否', '撤销、离任等结束日期']] : []),
          ['org', '村（社区）/部门', '文本', '否', '本乡镇下属村（社区）或部门名称'],
          ...k.fields.map((f) => [
            f.key,
            f.label,
            f.type,
            f.required ? '是' : '否',
            f.type === 'enum' ? f.options.map((o) => o.label).join('、') : (f.help ?? ''),
          ]),
        ],
      );
    });

  const record = program.command('record').description('台账记录：添加、查询');
  record
    .command('add')
    .description('添加一条台账记录')
    .requiredOption('--org <乡镇>', '所属乡镇（名称或代码）')
    .requiredOption('--kind <类型>', '台账类型（代码或中文名，见 fazhi kinds）')
    .requiredOption('--date <日期>', '日期，如 2024-03-15')
    .requiredOption('--title <标题>', '标题、主题或姓名')
    .option('--end-date <日期>', '结束日期（登记类台账：撤销、离任等）')
    .option('--unit <村或部门>', '所涉村（社区）或部门')
    .option('--set <字段=值>', '字段值，可重复，如 --set materials=200 --set form=集中宣传', collect, [])
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const kind = kindOrFail(opts.kind);
      const data: Record<string, string> = {};
      for (const [name, value] of Object.entries(setPairs(opts.set))) {
        const f = kind.fields.find((x) => x.key === name || x.label === name);
        if (!f) throw new UserError(`${kind.label}没有字段“${name}”：可用 fazhi kinds ${kind.id} 查看`);
        data[f.key] = value;
      }
      await cli.withDb(opts, async (h) => {
        const township = await resolveOrg(h, opts.org, ['township']);
        const { p, actor, at } = cli.writer();
        const r = await createRecord(
          h,
          p,
          actor,
          {
            townshipId: township.id,
            kind: kind.id,
            draft: { date: opts.date, title: opts.title, endDate: opts.endDate, org: opts.unit, data },
          },
          at,
        );
        if (opts.json) cli.printJson(r);
        else cli.out(`已添加${kind.label}记录 #${r.id}：${r.date} ${r.title}\n`);
      });
    });
  record
    .command('list')
    .description('查询台账记录')
    .requiredOption('--org <组织>', '县、乡镇、村（社区）或部门（名称或代码）')
    .option('--kind <类型>', '台账类型')
    .option('--year <年度>', '年度')
    .option('--q <文字>', '标题包含的文字')
    .option('--limit <条数>', '最多条数', '50')
    .option('--offset <条数>', '跳过条数', '0')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const kind = opts.kind ? kindOrFail(opts.kind) : undefined;
      const period = opts.year ? yearPeriod(intOption('year', opts.year, 2000, 2100)) : undefined;
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        const res = await listLedger(h, ALL, {
          org: orgFilter(org),
          kinds: kind ? [kind.id] : undefined,
          period,
          registryKinds: kinds.filter((k) => k.temporal === 'registry').map((k) => k.id),
          text: opts.q,
          limit: intOption('limit', opts.limit, 1, 100_000),
          offset: intOption('offset', opts.offset, 0, 100_000_000),
        });
        if (opts.json) return cli.printJson({ total: res.total, items: await withDueMarks(h, res.items) });
        cli.printTable(
          ['编号', '日期', '类型', '标题'],
          res.items.map((r) => [String(r.id), r.date, kindOrFail(r.kind).label, r.title]),
        );
        cli.out(`共 ${res.total} 条${res.total > res.items.length ? `，显示 ${res.items.length} 条` : ''}\n`);
      });
    });
}
