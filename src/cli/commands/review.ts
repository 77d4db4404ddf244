import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { UserError } from '../../core/errors.ts';
import {
  figuresTable,
  isError,
  renderHtml,
  reviewDocuments,
  toCsv,
  toXlsx,
  type ReviewOutcome,
  type ReviewResult,
  type RuleSpec,
} from '../../review/index.ts';
import { ofTheYear } from '../../review/figure-role.ts';
import { MAX_FILE_BYTES, SUPPORTED } from '../../review/read.ts';
import { intOption, type Cli } from '../context.ts';

/** Files named on the command line; directories give their supported files (recursively, sorted). */
function collect(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (SUPPORTED.some((e) => name.toLowerCase().endsWith(e)) && !name.startsWith('~$')) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserError(`找不到文件或目录：${p}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

function readBytes(path: string): Uint8Array {
  // Oversized files are refused before reading them whole.
  if (statSync(path).size > MAX_FILE_BYTES) return new Uint8Array(MAX_FILE_BYTES + 1);
  return readFileSync(path);
}

const SEV = { error: '错误', warning: '警告', info: '提示' } as const;
const PARTS = {
  measures: '举措成效',
  shortcomings: '不足',
  causes: '原因',
  leaderDuty: '第一责任人',
  nextYear: '下一步',
  other: '其他',
} as const;

function summary(results: readonly ReviewOutcome[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (isError(r)) {
      lines.push(`■ ${r.file}\n  无法读取：${r.error}\n`);
      continue;
    }
    lines.push(
      `■ ${r.file}\n  标题：${r.title || '未识别'}\u3000乡镇：${r.org || '未识别'}\u3000年度：${r.year ?? '未识别'}`,
    );
    lines.push(
      '  组成部分：' +
        Object.entries(PARTS)
          .map(([k, l]) => `${r.parts[k as keyof typeof PARTS] ? '✓' : '✗'}${l}`)
          .join(' '),
    );
    const keyed = r.figures.filter((f) => f.key !== 'other');
    lines.push(
      `  标题层级：${r.headings.length} 个；识别数据：${r.figures.length} 项（其中对应指标 ${keyed.length} 项，非本年数 ${keyed.filter((f) => !ofTheYear(f)).length} 项）`,
    );
    lines.push(`  审阅意见 ${r.findings.length} 条：`);
    for (const f of r.findings)
      lines.push(
        `    [${SEV[f.severity]}] ${f.message}${f.text && !f.message.includes(f.text) && !f.message.includes(f.text.replaceAll('“', '‘').replaceAll('”', '’')) ? `（位置：${f.text.slice(0, 30)}）` : ''}`,
      );
    for (const s of r.similarity)
      lines.push(`  与 ${s.other} 相同文字占 ${(s.shared * 100).toFixed(1)}%，共 ${s.passages.length} 段`);
    lines.push('');
  }
  return lines.join('\n');
}

export function registerReviewCommand(program: Command, cli: Cli): void {
  program
    .command('review')
    .description('审阅乡镇法治政府建设年度报告（.docx/.txt/.md/.html）：结构、数据、问题、相互雷同段落')
    .argument('<文件或目录...>', '报告文件或包含报告的目录')
    .option('--year <年度>', '报告年度（正文未写明时使用）')
    .option('--json', '以 JSON 输出，每个文件一个对象')
    .option('--html <文件>', '生成可打印的 HTML 审阅报告')
    .option('--compare <文件>', '输出各乡镇数据对比表（.xlsx 或 .csv）')
    .option('--rules <文件>', '追加审阅规则（JSON 数组，格式同内置规则表）')
    .option(
      '--profile <类型>',
      '报告文本类型：submitted（报送稿，默认）或 published（网上公开稿，不提示主送机关、其他情况、落款）',
    )
    .action(async (paths, opts) => {
      const year = opts.year === undefined ? undefined : intOption('year', opts.year, 2000, 2100);
      const profile = opts.profile ?? 'submitted';
      if (profile !== 'submitted' && profile !== 'published')
        throw new UserError('--profile 只能是 submitted（报送稿）或 published（公开稿）');
      if (opts.compare && !/\.(xlsx|csv)$/i.test(opts.compare))
        throw new UserError('--compare 的文件名应以 .xlsx 或 .csv 结尾');
      let extraRules: RuleSpec[] | undefined;
      if (opts.rules) {
        try {
          extraRules = JSON.parse(readFileSync(opts.rules, 'utf8')) as RuleSpec[];
        } catch (e) {
          throw new UserError(
            `无法读取规则文件 ${opts.rules}：${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
      const files = collect(paths);
      if (!files.length) throw new UserError(`没有找到可审阅的文件（支持 ${SUPPORTED.join('、')}）`);
      const inputs = files.map((f) => {
        try {
          return { name: f, bytes: readBytes(f) };
        } catch {
          return { name: f, bytes: new Uint8Array() };
        }
      });
      let results: ReviewOutcome[];
      try {
        results = reviewDocuments(inputs, { year, extraRules, profile });
      } catch (e) {
        throw new UserError(e instanceof Error ? e.message : String(e));
      }
      if (opts.json) cli.printJson(results.map((r) => (isError(r) ? r : { ...r, text: undefined })));
      else cli.out(summary(results));
      if (opts.html) {
        writeFileSync(opts.html, renderHtml(results));
        cli.err(`已生成 HTML 审阅报告：${opts.html}\n`);
      }
      if (opts.compare) {
        const table = figuresTable(results.filter((r): r is ReviewResult => !isError(r)));
        writeFileSync(opts.compare, /\.csv$/i.test(opts.compare) ? toCsv(table) : await toXlsx(table));
        cli.err(`已生成对比表：${basename(opts.compare)}\n`);
      }
      // The readable files are reviewed and reported; a file that could not be read still fails the run.
      if (results.some(isError)) cli.exitCode = 1;
    });
}
