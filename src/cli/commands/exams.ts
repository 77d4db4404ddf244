import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from '@commander-js/extra-typings';
import { lawLabel } from '../../catalogue/laws.ts';
import { UserError } from '../../core/errors.ts';
import { systemPrincipal } from '../../services/access.ts';
import { closeExam } from '../../services/exams/close.ts';
import { exportExamResults } from '../../services/exams/exam-io.ts';
import { createExam, listExams, type ExamDetail, type ExamInput } from '../../services/exams/exams.ts';
import { examResults } from '../../services/exams/results.ts';
import { resolveOrg } from '../../services/orgs.ts';
import { intOption, type Cli } from '../context.ts';

function examIdOf(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new UserError(`考试编号应为正整数，收到“${v}”`);
  return n;
}

const rate = (n: number, d: number): string => (d === 0 ? '—' : `${Math.round((n / d) * 1000) / 10}%`);

/** The exam file: the API's body, with the organiser (and candidate organisations) by name or code. */
async function readExamFile(
  cli: Cli,
  file: string,
  resolve: (name: string) => Promise<number>,
): Promise<ExamInput> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UserError(
      `无法读取考试文件“${file}”：${e instanceof SyntaxError ? '不是有效的 JSON' : '文件不存在或不可读'}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UserError('考试文件应为一个 JSON 对象');
  const o = raw as Record<string, unknown>;
  const org = o.org ?? o.orgId;
  if (typeof org !== 'string' && typeof org !== 'number')
    throw new UserError('考试文件须写明组织单位（"org": "乡镇名称或代码"）');
  const c = (o.candidates ?? {}) as Record<string, unknown>;
  const candidates = Array.isArray(c.usernames)
    ? { usernames: c.usernames.map(String) }
    : {
        orgIds: await Promise.all(
          (Array.isArray(c.orgs) ? c.orgs : []).map((n: unknown) => resolve(String(n))),
        ),
        roles: Array.isArray(c.roles) ? c.roles.map(String) : [],
      };
  return { ...(o as unknown as ExamInput), orgId: await resolve(String(org)), candidates };
}

function printDetail(cli: Cli, d: ExamDetail): void {
  cli.out(
    `考试 ${d.id}：${d.title}（${d.organiser}，${d.state === 'closed' ? '已结束' : '进行中'}）\n` +
      `时间：${d.opensAt} 至 ${d.closesAt}，时长 ${d.durationMin} 分钟${d.makeup ? `；补考 ${d.makeup.opensAt} 至 ${d.makeup.closesAt}` : ''}\n` +
      `试卷：${d.rules.map((r) => `${lawLabel(r.law)}${{ single: '单选', multiple: '多选', judge: '判断' }[r.type]}${r.count}题×${r.points}分`).join('、')}，总分 ${d.total}，合格 ${d.passMark}，优秀 ${d.excellentMark}\n` +
      `应参考 ${d.required} 人\n`,
  );
}

/** `fazhi exam list|create|close|results [-o 成绩.xlsx]`: exams for organisers at the console. */
export function registerExamCommands(program: Command, cli: Cli): void {
  const exam = program
    .command('exam')
    .description('学法考试：组织考试、查看考试、结束考试并将成绩登记入台账');
  exam
    .command('list')
    .description('列出考试（应参考、已参考、合格人数）')
    .option('--org <组织>', '只列某县（区）或乡镇组织的考试（名称或代码）')
    .option('--year <年度>', '只列某年度开始的考试')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const year = opts.year === undefined ? undefined : intOption('year', opts.year, 2000, 2100);
      await cli.withDb(opts, async (h) => {
        const org = opts.org ? await resolveOrg(h, opts.org) : undefined;
        const { p, at } = cli.writer();
        const items = await listExams(
          h,
          p,
          { ...(org ? { orgId: org.id } : {}), ...(year ? { year } : {}) },
          at,
        );
        if (opts.json) return cli.printJson(items);
        cli.printTable(
          ['编号', '考试名称', '组织单位', '开始时间', '状态', '应参考', '已参考', '合格'],
          items.map((e) => [
            String(e.id),
            e.title,
            e.organiser,
            e.opensAt,
            e.state === 'closed' ? '已结束' : '进行中',
            String(e.required),
            String(e.sat),
            String(e.passed),
          ]),
        );
      });
    });
  exam
    .command('create')
    .description(
      '按考试文件组织一场考试（JSON：org、title、opensAt、closesAt、durationMin、display、mode、rules、passMark、excellentMark、makeup、candidates）',
    )
    .requiredOption(
      '--file <文件>',
      '考试文件（JSON），组织单位写名称或代码；参考人员写 {"orgs": [组织], "roles": [角色]} 或 {"usernames": [用户名]}',
    )
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      await cli.withDb(opts, async (h) => {
        const input = await readExamFile(cli, opts.file, async (n) => (await resolveOrg(h, n)).id);
        const { p, actor, at } = cli.writer();
        const d = await createExam(h, p, actor, input, at);
        if (opts.json) return cli.printJson(d);
        cli.out('已创建考试。\n');
        printDetail(cli, d);
      });
    });
  exam
    .command('close')
    .description('考试（含补考）结束后结束考试：未交卷的按已保存答案评分，成绩登记入台账')
    .argument('<考试编号>', '考试编号（fazhi exam list 可查）')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (id, opts) => {
      const examId = examIdOf(id);
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const d = await closeExam(h, p, actor, examId, at);
        if (opts.json) return cli.printJson(d);
        const sat = d.candidates.filter((c) => c.status === 'submitted').length;
        cli.out(
          `已结束考试 ${d.id}“${d.title}”：应参考 ${d.required} 人，参考 ${sat} 人，成绩已登记入台账。\n`,
        );
      });
    });
  exam
    .command('results')
    .description(
      '考试情况：参考率、合格率、优秀率，成绩分布，错误率高的题目，未参考人员；加 -o 导出成绩表格（.xlsx）',
    )
    .argument('<考试编号>', '考试编号')
    .option(
      '-o, --output <文件>',
      '导出成绩表格到文件，如 成绩.xlsx（成绩、分数分布、易错题、未参考四个工作表）',
    )
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (id, opts) => {
      const examId = examIdOf(id);
      await cli.withDb(opts, async (h) => {
        if (opts.output !== undefined) {
          const { p, actor, at } = cli.writer();
          const x = await exportExamResults(h, p, actor, examId, at);
          await writeFile(opts.output, x.bytes);
          return cli.out(`已导出考试 ${examId} 的成绩 ${x.rows} 人：${opts.output}\n`);
        }
        const r = await examResults(h, systemPrincipal(), examId, new Date().toISOString());
        if (opts.json) return cli.printJson(r);
        cli.out(
          `应参考 ${r.required} 人，参考 ${r.sat} 人，合格 ${r.passed} 人，优秀 ${r.excellent} 人\n` +
            `参考率 ${rate(r.sat, r.required)}，合格率 ${rate(r.passed, r.sat)}，优秀率 ${rate(r.excellent, r.sat)}\n` +
            `成绩分布（占总分）：${r.distribution.map((b) => `${b.band}% ${b.n} 人`).join('，')}\n`,
        );
        if (r.wrong.length > 0) {
          cli.out('\n错误较多的题目：\n');
          cli.printTable(
            ['题号', '法律', '条文', '作答', '答错', '题干'],
            r.wrong.map((q) => [
              q.code,
              lawLabel(q.law),
              q.article,
              String(q.asked),
              String(q.wrong),
              q.stem.slice(0, 40),
            ]),
          );
        }
        if (r.notSat.length > 0)
          cli.out(
            `\n未参考（${r.notSat.length} 人）：${r.notSat.map((n) => `${n.name}（${n.township}）`).join('、')}\n`,
          );
      });
    });
}
