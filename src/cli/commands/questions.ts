import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { UserError } from '../../core/errors.ts';
import {
  exportQuestions,
  importQuestions,
  type QuestionImportReport,
} from '../../services/exams/question-io.ts';
import { formatIssue } from '../../services/ledger-io/index.ts';
import { resolveOrg } from '../../services/orgs.ts';
import type { Cli } from '../context.ts';

const BANK_ORGS = ['township', 'county', 'department'] as const;

function summary(r: QuestionImportReport, org: string): string {
  const verb = r.dryRun ? '校验通过（未写入）' : '已导入';
  const parts = [
    `新增 ${r.created} 题`,
    `修正（新版本）${r.corrected} 题`,
    `未变 ${r.unchanged} 题`,
    ...(r.skipped > 0 ? [`入门题库或上级题库中的原题 ${r.skipped} 题未导入`] : []),
  ];
  return `${org}题库${verb}：共 ${r.rows} 行，${parts.join('，')}\n`;
}

/** `fazhi questions import|export`: the question bank (题库) as .xlsx. */
export function registerQuestionCommands(program: Command, cli: Cli): void {
  const questions = program.command('questions').description('题库：导入、导出题目（.xlsx）');
  questions
    .command('import')
    .description(
      '把题目导入某单位的题库（按题库导入模板填写的 .xlsx）；有任何错误则全部不导入。本单位已有题号且内容有改动的保存为新版本；入门题库随系统发布，不能导入，须用 --org 指定单位',
    )
    .argument('<文件>', '题库表格（.xlsx）')
    .option('--org <单位>', '乡镇、县或部门（名称或代码），必填')
    .option('--dry-run', '只校验，不写入')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出导入报告')
    .action(async (file, opts) => {
      if (!opts.org)
        throw new UserError(
          '导入题库须用 --org 指定单位（乡镇、县或部门）：入门题库随系统发布，不能导入',
          'org_required',
        );
      const orgName = opts.org;
      const fileName = basename(file);
      const bytes = await readFile(file);
      const { r, org } = await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, orgName, BANK_ORGS);
        const { p, actor, at } = cli.writer();
        const input = { orgId: org.id, fileName, bytes, dryRun: opts.dryRun === true };
        return { r: await importQuestions(h, p, actor, input, at), org: org.name };
      });
      if (opts.json) cli.printJson(r);
      if (r.errors.length > 0) {
        if (!opts.json) cli.err(r.errors.map((e) => formatIssue(e) + '\n').join(''));
        throw new UserError(
          `导入失败：“${fileName}”中发现 ${r.errors.length} 处问题，题库未作任何改动。请改正后重新导入`,
          'invalid_file',
          422,
        );
      }
      if (!opts.json) cli.out(summary(r, org));
    });
  questions
    .command('export')
    .description(
      '导出题库为 .xlsx（每题一行：题号、法律法规、题型、难度、题干、选项、答案、条文出处、解析、版本、来源），可修改后再导入；不指定单位时导出入门题库',
    )
    .requiredOption('-o, --output <文件>', '输出文件，如 题库.xlsx')
    .option('--org <单位>', '乡镇、县或部门（名称或代码）：导出该单位可用的全部题目（含入门题库和上级题库）')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const orgName = opts.org;
      await cli.withDb(opts, async (h) => {
        const org = orgName === undefined ? undefined : await resolveOrg(h, orgName, BANK_ORGS);
        const { p, actor, at } = cli.writer();
        const r = await exportQuestions(h, p, actor, org?.id, at);
        await writeFile(opts.output, r.bytes);
        cli.out(`已导出${org?.name ?? '入门'}题库 ${r.count} 题：${opts.output}\n`);
      });
    });
}
