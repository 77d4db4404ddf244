import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { CYCLE_STATES } from '../../catalogue/report-cycle.ts';
import { UserError } from '../../core/errors.ts';
import { checkOutputDir, writeFileAtomic } from '../../report/files.ts';
import { auditRead } from '../../services/audit.ts';
import { countyPack, daysText, uploadReport } from '../../services/cycle-county.ts';
import { cycleStatus } from '../../services/cycle.ts';
import { takeStep } from '../../services/cycle-steps.ts';
import { inProcessCycleTools } from '../../services/cycle-tools.ts';
import { resolveOrg } from '../../services/orgs.ts';
import { intOption, type Cli } from '../context.ts';

/** The steps the console takes for the county office (签发 is the township leader's own, in the web app). */
const STEPS = [
  ['submit', '报送：把已签发的报告报送县依法治县办'],
  ['return', '退回：县依法治县办把报告退回乡镇修改（须 --comment 写明意见）'],
  ['accept', '通过：县依法治县办审核通过'],
  ['clear', '保密审查：须 --reviewer 审查人；有删节时用 --redact 列出要从公开稿删除的文字'],
  ['publish', '公开：经保密审查的报告公开发布（再次公开须 --correction 更正说明）'],
] as const;

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** `fazhi cycle`: the annual reporting cycle from the console — status, steps, uploads, the county's 通报. */
export function registerCycleCommands(program: Command, cli: Cli): void {
  const cycle = program
    .command('cycle')
    .description('年度报告报送流程：各乡镇状态、报送、退回、通过、保密审查、公开，县级通报和对比表');

  cycle
    .command('status')
    .description('列出某县各乡镇某年度报告的状态、报送和公开日期，以及距公开截止（次年3月31日）的天数')
    .requiredOption('--county <县>', '县（区），名称或代码')
    .requiredOption('--year <年度>', '报告年度，如 2025')
    .option('--json', '以 JSON 输出')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      const rows = await cli.withDb(opts, async (h) => {
        const county = await resolveOrg(h, opts.county, ['county']);
        const { p, at } = cli.writer();
        return cycleStatus(h, p, year, at, county);
      });
      if (opts.json) return cli.printJson(rows);
      const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
      cli.out(`${year}年度报告  公开截止 ${rows[0]?.deadline ?? ''}\n`);
      for (const r of rows)
        cli.out(
          `  ${r.township.padEnd(8, '　')} ${r.stateLabel.padEnd(6, '　')} 签发 ${r.signedOn ?? '—'}  报送 ${day(r.submittedAt)}  公开 ${day(r.publishedAt)}${r.late ? '  逾期未公开' : r.state === 'published' ? '' : `  ${daysText(r.daysLeft)}`}\n`,
        );
    });

  for (const [step, description] of STEPS) {
    cycle
      .command(step)
      .description(description)
      .requiredOption('--org <乡镇>', '乡镇（名称或代码）')
      .requiredOption('--year <年度>', '报告年度')
      .option('--comment <意见>', '意见或说明')
      .option('--reviewer <审查人>', '保密审查人姓名（clear）')
      .option('--redact <文字>', '从公开稿中删除的文字，可多次给出（clear）', collect)
      .option('--correction <更正说明>', '再次公开时的更正说明（publish）')
      .option('--db <数据库地址>', '数据库地址')
      .action(async (opts) => {
        const year = intOption('year', opts.year, 2000, 2100);
        const state = await cli.withDb(opts, async (h) => {
          const org = await resolveOrg(h, opts.org, ['township']);
          const { p, actor, at } = cli.writer();
          const redactions = opts.redact ?? [];
          return takeStep(
            h,
            p,
            actor,
            {
              townshipId: org.id,
              year,
              step,
              ...(opts.comment ? { comment: opts.comment } : {}),
              ...(step === 'clear' && opts.reviewer
                ? {
                    clearance: {
                      reviewer: opts.reviewer,
                      result: redactions.length > 0 ? ('redacted' as const) : ('passed' as const),
                      redactions,
                    },
                  }
                : {}),
              ...(opts.correction ? { correction: opts.correction } : {}),
            },
            at,
            inProcessCycleTools,
          );
        });
        cli.out(`${opts.org}${year}年度报告：${CYCLE_STATES[state.state]}\n`);
      });
  }

  cycle
    .command('upload')
    .description('代乡镇上传在系统外写成的年度报告（.docx 或 .txt），按报送处理：审阅并与台账逐项核对')
    .argument('<文件>', '报告文件')
    .requiredOption('--org <乡镇>', '乡镇（名称或代码）')
    .requiredOption('--year <年度>', '报告年度')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (file, opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      const bytes = await readFile(file).catch(() => {
        throw new UserError(`无法读取文件：${file}`, 'bad_file');
      });
      const r = await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org, ['township']);
        const { p, actor, at } = cli.writer();
        const input = { townshipId: org.id, year, fileName: basename(file), bytes };
        return uploadReport(h, p, actor, input, at, inProcessCycleTools);
      });
      cli.out(
        `已代为报送：审阅发现 ${r.review.findings.filter((f) => f.severity !== 'info').length} 处问题，与台账不符的数字 ${r.review.cross.length} 处\n`,
      );
      for (const c of r.review.cross) cli.out(`  ${c.message}\n`);
    });

  cycle
    .command('bulletin')
    .description(
      '生成县级通报稿（.docx）和各乡镇指标对比表（.xlsx）：已报送的报告一并审阅，逐项与各乡镇台账核对',
    )
    .requiredOption('--county <县>', '县（区），名称或代码')
    .requiredOption('--year <年度>', '报告年度')
    .requiredOption('-o, --output <目录>', '输出目录')
    .option('--submit-by <日期>', '县里规定的报送截止日期，如 2026-02-28')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      const dir = resolve(opts.output);
      await checkOutputDir(dir);
      const written = await cli.withDb(opts, async (h) => {
        const county = await resolveOrg(h, opts.county, ['county']);
        const { p, actor, at } = cli.writer();
        const pack = await countyPack(
          h,
          p,
          { year, now: at, county, ...(opts.submitBy ? { submitBy: opts.submitBy } : {}) },
          inProcessCycleTools,
        );
        const files = [
          [`${county.name}${year}年度法治政府建设年度报告通报（稿）.docx`, pack.bulletin],
          [`${county.name}${year}年度法治政府建设年度报告对比表.xlsx`, pack.comparison],
        ] as const;
        const paths: string[] = [];
        for (const [name, bytes] of files) {
          paths.push(await writeFileAtomic(join(dir, name), bytes));
          await auditRead(h, actor, at, {
            action: 'report.county_pack',
            targetType: 'org',
            targetId: county.id,
            after: { year, fileName: name },
          });
        }
        return paths;
      });
      for (const p of written) cli.out(`已生成 ${p}\n`);
    });
}
