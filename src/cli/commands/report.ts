import { readFile } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from '@commander-js/extra-typings';
import { join, dirname, resolve } from 'node:path';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/connect.ts';
import { checkOutputDir, writeFileAtomic } from '../../report/files.ts';
import { resolveOrg, townshipsOf, type Org } from '../../services/orgs.ts';
import { auditRead } from '../../services/audit.ts';
import type { ReportDocumentOptions, ReportOverrides } from '../../report/model/types.ts';
import {
  REPORT_FORMATS,
  checkDocumentOptions,
  checkReportEdits,
  generateReport,
  generateSources,
  organList,
  reportGenerated,
  reportFileName,
  reportOrg,
  type GeneratedReport,
  type ReportFormat,
  type ReportRequest,
} from '../../services/report.ts';
import { recordCommitments } from '../../services/ledger-batches.ts';
import { intOption, terminal, type Cli } from '../context.ts';

function format(v: string): ReportFormat {
  const f = REPORT_FORMATS.find((x) => x === v);
  if (!f) throw new UserError(`--format 应为 docx、md 或 html，收到“${v}”`);
  return f;
}

/** The 成文日期 and 版记 options, checked before any work (bad dates exit non-zero in Chinese). */
function documentOptions(opts: {
  date?: string;
  cc?: string;
  printedBy?: string;
  printedOn?: string;
}): ReportDocumentOptions {
  const flag = (name: string, f: () => ReportDocumentOptions): ReportDocumentOptions => {
    try {
      return f();
    } catch (e) {
      throw e instanceof UserError ? new UserError(`${name}：${e.message}`) : e;
    }
  };
  return {
    ...(opts.date !== undefined ? flag('--date', () => checkDocumentOptions({ date: opts.date })) : {}),
    ...(opts.cc !== undefined ? flag('--cc', () => checkDocumentOptions({ cc: organList(opts.cc!) })) : {}),
    ...(opts.printedBy !== undefined
      ? flag('--printed-by', () => checkDocumentOptions({ printedBy: opts.printedBy }))
      : {}),
    ...(opts.printedOn !== undefined
      ? flag('--printed-on', () => checkDocumentOptions({ printedOn: opts.printedOn }))
      : {}),
  };
}

/** Reads the township's edits file (JSON), refusing a missing or malformed one in Chinese. */
async function readEdits(path: string): Promise<ReportOverrides> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(`无法读取修改文件：${path}`, 'bad_edits');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UserError(`修改文件不是有效的 JSON：${path}`, 'bad_edits');
  }
  return checkReportEdits(raw);
}

/** Writes the report and, with --sources, its 数据来源说明 beside it; audits each file. */
async function writeReport(
  h: Db,
  cli: Cli,
  req: ReportRequest & { org: Org },
  path: string | undefined,
  sources: boolean,
): Promise<{ report: GeneratedReport; paths: string[] }> {
  const r = await generateReport(h, req);
  const target = await writeFileAtomic(path ?? r.fileName, r.bytes);
  await auditRead(h, cli.writer().actor, req.now, reportGenerated(req.org, req.year, r));
  const paths = [target];
  if (sources) {
    const s = await generateSources(h, req);
    paths.push(await writeFileAtomic(join(dirname(target), s.fileName), s.bytes));
    await auditRead(h, cli.writer().actor, req.now, reportGenerated(req.org, req.year, s));
  }
  return { report: r, paths };
}

export function registerReportCommand(program: Command, cli: Cli): void {
  program
    .command('report')
    .description('生成法治政府建设年度报告草稿（法定五部分结构，GB/T 9704 公文格式，数字均可追溯到台账记录）')
    .option('--org <乡镇或县>', '乡镇（街道）或县（区），名称或代码')
    .option('--county <县>', '与 --all 一起：为该县每个乡镇各生成一份报告')
    .option('--all', '为 --county 的全部乡镇生成报告，写入 -o 指定的目录')
    .requiredOption('--year <年度>', '报告年度，如 2024')
    .option('--format <格式>', 'docx、md 或 html', 'docx')
    .option('-o, --output <路径>', '输出文件（--all 时为输出目录）；默认写入当前目录')
    .option(
      '--date <成文日期>',
      '成文日期（主要负责人签发之日），如 2025-01-20；不给出时落款日期印为【待定：签发日期】',
    )
    .option('--cc <抄送机关>', '版记的抄送机关，多个用逗号分隔，如 县委依法治县办,县司法局')
    .option('--printed-by <印发机关>', '版记的印发机关，如 甲镇党政办公室')
    .option('--printed-on <印发日期>', '版记的印发日期，如 2025-01-21')
    .option(
      '--edits <文件>',
      '本乡镇对草稿的修改（JSON）：causes 确认第二部分各项不足的原因，shortcomings 手工补充的不足，other 第五部分的段落；每次重新生成都会保留',
    )
    .option('--sources', '同时在报告旁写出“数据来源说明”（各项指标的口径和来源记录数）')
    .option('--save-commitments', '把第四部分的工作安排保存为下一年度的工作安排记录')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      const fmt = format(opts.format);
      const document = checkDocumentOptions(documentOptions(opts));
      const overrides = opts.edits ? await readEdits(opts.edits) : undefined;
      const now = new Date().toISOString();
      const sources = opts.sources === true;
      if (opts.all || opts.county) {
        if (!opts.all || !opts.county || !opts.output)
          throw new UserError('批量生成须同时给出 --county、--all 和 -o 输出目录');
        const dir = resolve(opts.output);
        await checkOutputDir(dir);
        await cli.withDb(opts, async (h) => {
          const county = await resolveOrg(h, opts.county!, ['county']);
          const towns = await townshipsOf(h, county);
          if (towns.length === 0) throw new UserError(`“${county.name}”下没有乡镇（街道）`);
          const tty = terminal(cli.io.stderr);
          const bar = tty
            ? new SingleBar(
                { format: '生成报告 [{bar}] {value}/{total} {town}', stream: tty },
                Presets.shades_classic,
              )
            : null;
          bar?.start(towns.length, 0, { town: '' });
          for (const t of towns) {
            const { report: r } = await writeReport(
              h,
              cli,
              { org: t, year, format: fmt, now, document, ...(overrides ? { overrides } : {}) },
              join(dir, reportFileName(t, year, fmt)),
              sources,
            );
            if (opts.saveCommitments) {
              const { p, actor, at } = cli.writer();
              await recordCommitments(h, p, actor, { townshipId: t.id, year, items: r.plans }, at);
            }
            bar?.increment(1, { town: t.name });
          }
          bar?.stop();
          cli.out(`已为${county.name}的 ${towns.length} 个乡镇生成 ${year} 年度报告：${dir}\n`);
        });
        return;
      }
      if (!opts.org) throw new UserError('缺少 --org（或用 --county 名称 --all -o 目录 批量生成）');
      if (opts.output) await checkOutputDir(dirname(resolve(opts.output)));
      await cli.withDb(opts, async (h) => {
        const org = await reportOrg(h, opts.org!);
        const { report: r, paths } = await writeReport(
          h,
          cli,
          { org, year, format: fmt, now, document, ...(overrides ? { overrides } : {}) },
          opts.output,
          sources,
        );
        cli.out(
          `已生成 ${paths[0]}（引用指标数字 ${r.figures.length} 处，待补充 ${r.placeholders.length} 处）\n`,
        );
        if (paths[1]) cli.out(`已生成数据来源说明 ${paths[1]}\n`);
        if (r.placeholders.length > 0)
          cli.out(r.placeholders.map((p, i) => `  待补充 ${i + 1}：${p}\n`).join(''));
        const open = r.shortcomings.filter((s) => !s.causeGiven);
        if (open.length > 0)
          cli.out(
            `第二部分有 ${open.length} 项不足的原因待确认（在 --edits 文件的 causes 中按编号写明）：\n` +
              open.map((s) => `  ${s.id}：${s.heading}\n`).join(''),
          );
        if (opts.saveCommitments && org.kind === 'township') {
          const { p, actor, at } = cli.writer();
          const s = await recordCommitments(h, p, actor, { townshipId: org.id, year, items: r.plans }, at);
          cli.out(`已保存 ${s.added} 项 ${year + 1} 年度工作安排（${s.skipped} 项已存在）\n`);
        }
      });
    });
}
