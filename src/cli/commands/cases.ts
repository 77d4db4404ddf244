import type { Command } from 'commander';
import { caseRoles, stateOf } from '../../catalogue/cases.ts';
import { basisText, clocks, findClock, periodText } from '../../catalogue/clocks.ts';
import { getKind } from '../../catalogue/kinds.ts';
import { computeDeadline } from '../../core/deadlines.ts';
import { parseDate } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { ALL } from '../../core/scope.ts';
import {
  caseTypeOrFail,
  listCases,
  moveCase,
  openCase,
  showCase,
  type CaseDetail,
} from '../../services/cases.ts';
import { digest, dueCases } from '../../services/cases/due.ts';
import { seedCaseHistories } from '../../services/cases/seed.ts';
import { orgFilter, resolveOrg } from '../../services/orgs.ts';
import { collect, intOption, printJson, printTable, setPairs, withDb, type DbOptions } from '../context.ts';

function dateOption(name: string, v: string): string {
  const d = parseDate(v);
  if (!d) throw new UserError(`--${name} 应为 YYYY-MM-DD 形式的日期，收到“${v}”`);
  return d;
}

function roleOption(r: string): string {
  if (!Object.hasOwn(caseRoles, r))
    throw new UserError(
      `--role 应为：${Object.entries(caseRoles)
        .map(([k, v]) => `${k}（${v}）`)
        .join('、')}，收到“${r}”`,
    );
  return r;
}

const nowFrom = (date?: string): string => (date ? dateOption('date', date) : new Date().toISOString());

function printCase(c: CaseDetail): void {
  const w = (s: string) => process.stdout.write(s + '\n');
  w(`#${c.id} ${c.typeLabel}：${c.title}`);
  w(
    `  日期：${c.date}  状态：${c.stateLabel}${c.closed ? '（已终结）' : ''}  承办人：${c.owner ?? '未指定'}`,
  );
  const kind = getKind(c.type);
  const type = caseTypeOrFail(c.type);
  const fields = kind.fields
    .filter((f) => c.data[f.key] !== undefined)
    .map((f) => {
      const v = c.data[f.key];
      const shown =
        f.type === 'enum'
          ? (f.options.find((o) => o.value === v)?.label ?? String(v))
          : f.type === 'bool'
            ? v
              ? '是'
              : '否'
            : String(v);
      return `${f.label}：${shown}`;
    });
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
    w(`  ${k.label}：${k.kind === 'minimum' ? '不早于' : ''}${k.deadline.due}（${status}）`);
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

export function registerCaseCommands(program: Command): void {
  program
    .command('deadline')
    .description('计算法定期限：起算、节假日、调休、顺延及法律依据')
    .argument('[rule]', '期限规则代码，如 petition.accept（见 --list）')
    .option('--from <日期>', '起算事件的日期（该日不计入）')
    .option('--due <日期>', '文书载明的期限（rectification.due）')
    .option('--extend <期限>', '延长的天数或工作日数')
    .option('--reason <理由>', '延长理由')
    .option('--list', '列出全部期限规则')
    .option('--json', '以 JSON 输出')
    .action(
      (
        rule: string | undefined,
        opts: {
          from?: string;
          due?: string;
          extend?: string;
          reason?: string;
          list?: boolean;
          json?: boolean;
        },
      ) => {
        if (opts.list || !rule) {
          if (opts.json) return printJson(clocks);
          return printTable(
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
        const d = computeDeadline({
          rule: r,
          start,
          setDue: opts.due ? dateOption('due', opts.due) : undefined,
          extensions,
        });
        if (opts.json) {
          return printJson({
            rule: d.ruleId,
            label: d.label,
            start: d.start,
            due: d.due,
            basis: d.basis,
            unit: d.unit,
            total: d.total,
            steps: d.steps,
            warnings: d.warnings,
            holidays: d.holidays,
            makeupDays: d.makeupDays,
            shift: d.shift,
          });
        }
        process.stdout.write(
          `${d.label}：${d.due} 届满（${d.basis}）\n${d.steps.map((s) => `  · ${s}`).join('\n')}\n`,
        );
        for (const w of d.warnings) process.stderr.write(`警告：${w}\n`);
      },
    );

  const kase = program.command('case').description('案件办理：登记、流转、查看');
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
    .option('--db <url>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        opts: DbOptions & {
          org: string;
          type: string;
          date: string;
          title: string;
          unit?: string;
          owner?: string;
          role: string;
          set: string[];
          json?: boolean;
        },
      ) => {
        const type = caseTypeOrFail(opts.type);
        const kind = getKind(type.kind);
        const data: Record<string, string> = {};
        for (const [k, v] of Object.entries(setPairs(opts.set))) {
          const f = kind.fields.find((x) => x.key === k || x.label === k);
          if (!f) throw new UserError(`${kind.label}没有字段“${k}”：可用 fazhi kinds ${kind.id} 查看`);
          data[f.key] = v;
        }
        const role = roleOption(opts.role);
        await withDb(opts, async (h) => {
          const township = await resolveOrg(h, opts.org, ['township']);
          const c = await openCase(
            h,
            township,
            type.kind,
            { date: opts.date, title: opts.title, org: opts.unit, data },
            { role, owner: opts.owner, now: new Date().toISOString() },
          );
          if (opts.json) return printJson(c);
          process.stdout.write(`已登记${c.typeLabel} #${c.id}：${c.date} ${c.title}（${c.stateLabel}）\n`);
          for (const k of c.clocks)
            process.stdout.write(
              `  ${k.label}：${k.kind === 'minimum' ? '不早于' : ''}${k.deadline.due}（${k.deadline.basis}）\n`,
            );
        });
      },
    );
  kase
    .command('move')
    .description('办理一步：受理、延长、办结等（被拒绝的操作也记入办理记录）')
    .argument('<id>', '案件编号')
    .argument('<action>', '步骤代码（见 fazhi case show）')
    .option('--date <日期>', '办理日期，默认今天')
    .option('--role <角色>', '办理人角色', 'township_staff')
    .option('--actor <姓名>', '办理人姓名')
    .option('--set <字段=值>', '该步骤的字段值，可重复', collect, [])
    .option('--reason <理由>', '理由（延长、不予受理等须填写）')
    .option('--db <url>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        id: string,
        action: string,
        opts: DbOptions & {
          date?: string;
          role: string;
          actor?: string;
          set: string[];
          reason?: string;
          json?: boolean;
        },
      ) => {
        const caseId = intOption('id', id, 1, Number.MAX_SAFE_INTEGER);
        await withDb(opts, async (h) => {
          const c = await moveCase(
            h,
            ALL,
            caseId,
            {
              action,
              role: opts.role,
              actor: opts.actor,
              date: opts.date,
              values: setPairs(opts.set),
              reason: opts.reason,
            },
            new Date().toISOString(),
          );
          if (opts.json) return printJson(c);
          process.stdout.write(`#${c.id} ${c.events.at(-1)?.label ?? action}：现为“${c.stateLabel}”\n`);
          for (const k of c.clocks.filter((x) => x.status !== 'stopped'))
            process.stdout.write(
              `  ${k.label}：${k.kind === 'minimum' ? '不早于' : ''}${k.deadline.due}${k.overdue ? '（已逾期）' : ''}\n`,
            );
        });
      },
    );
  kase
    .command('show')
    .description('查看案件：办理记录和期限（含计算说明）')
    .argument('<id>', '案件编号')
    .option('--date <日期>', '按此日期计算剩余天数，默认今天')
    .option('--db <url>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, opts: DbOptions & { date?: string; json?: boolean }) => {
      const caseId = intOption('id', id, 1, Number.MAX_SAFE_INTEGER);
      await withDb(opts, async (h) => {
        const c = await showCase(h, ALL, caseId, nowFrom(opts.date));
        if (opts.json) return printJson(c);
        printCase(c);
      });
    });
  kase
    .command('list')
    .description('查询案件')
    .requiredOption('--org <组织>', '县、乡镇、村（社区）或部门')
    .option('--type <类型>', '案件类型')
    .option('--state <状态>', '状态代码或名称')
    .option('--open', '只看未终结的案件')
    .option('--limit <条数>', '最多条数', '50')
    .option('--db <url>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        opts: DbOptions & {
          org: string;
          type?: string;
          state?: string;
          open?: boolean;
          limit: string;
          json?: boolean;
        },
      ) => {
        const type = opts.type ? caseTypeOrFail(opts.type) : undefined;
        let states: string[] | undefined;
        if (opts.state) {
          const s = opts.state.trim();
          const pool = type ? [type] : [];
          const ids = pool.flatMap((t) =>
            t.states.filter((x) => x.id === s || x.label === s).map((x) => x.id),
          );
          if (type && ids.length === 0)
            throw new UserError(
              `${type.label}没有状态“${s}”，应为：${type.states.map((x) => `${x.id}（${x.label}）`).join('、')}`,
            );
          states = type ? ids : [s];
        }
        await withDb(opts, async (h) => {
          const org = await resolveOrg(h, opts.org);
          const res = await listCases(h, ALL, {
            org: orgFilter(org),
            types: type ? [type.kind] : undefined,
            states,
            open: opts.open ? true : undefined,
            limit: intOption('limit', opts.limit, 1, 100_000),
          });
          if (opts.json) return printJson(res);
          printTable(
            ['编号', '日期', '类型', '事由', '状态', '下一期限', '承办人'],
            res.items.map((c) => [
              String(c.id),
              c.date,
              c.typeLabel,
              c.title,
              c.stateLabel,
              c.nextDue ?? '',
              c.owner ?? '',
            ]),
          );
          process.stdout.write(`共 ${res.total} 件\n`);
        });
      },
    );

  const cases = program.command('cases').description('案件期限：到期清单、每日提醒');
  cases
    .command('due')
    .description('列出即将到期和已逾期的案件期限，最紧急的在前')
    .requiredOption('--org <组织>', '县、乡镇、村（社区）或部门')
    .option('--within <天数>', '多少日内到期', '7')
    .option('--date <日期>', '以此日期为今天')
    .option('--db <url>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts: DbOptions & { org: string; within: string; date?: string; json?: boolean }) => {
      const within = intOption('within', opts.within, 0, 3660);
      await withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        const items = await dueCases(h, org, within, nowFrom(opts.date));
        if (opts.json) return printJson(items);
        printTable(
          ['编号', '类型', '事由', '期限', '届满日', '剩余', '依据'],
          items.map((i) => [
            String(i.caseId),
            i.typeLabel,
            i.title,
            i.clockLabel,
            i.due,
            i.overdue
              ? `逾期${-i.daysLeft}日`
              : i.kind === 'minimum'
                ? `不早于（${i.daysLeft}日）`
                : `${i.daysLeft}日`,
            i.basis,
          ]),
        );
        process.stdout.write(`共 ${items.length} 项，其中逾期 ${items.filter((i) => i.overdue).length} 项\n`);
      });
    });
  cases
    .command('attach')
    .description('为没有办理记录的案件类台账（导入或演示数据）按其状态补建办理记录，不改动台账数据')
    .requiredOption('--org <乡镇>', '乡镇（名称或代码）')
    .option('--db <url>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts: DbOptions & { org: string; json?: boolean }) => {
      await withDb(opts, async (h) => {
        const township = await resolveOrg(h, opts.org, ['township']);
        const res = await seedCaseHistories(h, township.id, new Date().toISOString());
        if (opts.json) return printJson(res);
        const rows = Object.entries(res).flatMap(([type, states]) =>
          Object.entries(states).map(([state, n]) => [caseTypeOrFail(type).label, state, String(n)]),
        );
        if (rows.length === 0)
          return void process.stdout.write(`${township.name}没有需要补建办理记录的台账\n`);
        printTable(['案件类型', '状态', '件数'], rows);
      });
    });
  cases
    .command('digest')
    .description('按乡镇生成到期与逾期事项提醒（中文）')
    .requiredOption('--org <组织>', '县或乡镇')
    .option('--date <日期>', '以此日期为今天')
    .option('--within <天数>', '多少日内到期', '7')
    .option('--db <url>', '数据库地址')
    .action(async (opts: DbOptions & { org: string; date?: string; within: string }) => {
      const within = intOption('within', opts.within, 0, 3660);
      await withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org);
        process.stdout.write(await digest(h, org, nowFrom(opts.date), within));
      });
    });
}
