import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { WriteStream } from 'node:tty';
import cliProgress from 'cli-progress';
import type { Command } from '@commander-js/extra-typings';
import { auditRead } from '../../services/audit.ts';
import { findKind } from '../../catalogue/kinds.ts';
import { UserError } from '../../core/errors.ts';
import {
  buildTemplate,
  checkSize,
  DEFAULT_MAX_IMPORT_BYTES,
  exportLedger,
  ledgerExported,
  formatIssue,
  type ImportProgress,
  type ImportReport,
} from '../../services/ledger-io/index.ts';
import { importRecords } from '../../services/ledger-batches.ts';
import { resolveOrg } from '../../services/orgs.ts';
import { intOption, terminal, type Cli, type CliIo } from '../context.ts';

const PHASES: Record<ImportProgress['phase'], string> = {
  read: '读取文件',
  check: '校验数据',
  write: '写入台账',
};

/** The import size limit: --max-size, else FAZHI_IMPORT_MAX_MB, else 20 MB. */
function maxBytesOf(flag: string | undefined, env: CliIo['env']): number {
  const v = flag ?? env.FAZHI_IMPORT_MAX_MB;
  if (v === undefined || v === '') return DEFAULT_MAX_IMPORT_BYTES;
  const mb = Number(v);
  if (!Number.isFinite(mb) || mb <= 0) throw new UserError(`导入大小上限应为正数（MB），收到“${v}”`);
  return Math.round(mb * 1024 * 1024);
}

async function fileSize(path: string): Promise<number> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new UserError(`“${path}”不是文件`);
    return st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`找不到文件“${path}”`, 'not_found', 404);
  }
}

/** A progress bar on the terminal `tty`, if any: only when a person is watching. */
function progressBar(tty: WriteStream | undefined): {
  onProgress?: (p: ImportProgress) => void;
  stop(): void;
} {
  if (!tty) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: tty,
      format: '{phase} [{bar}] {percentage}% | {value}/{total}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | undefined;
  return {
    onProgress(p) {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, { phase: PHASES[p.phase] });
      } else bar.update(p.done);
    },
    stop() {
      if (phase) bar.stop();
    },
  };
}

/** A sheet read as the township laid it out: each column and the field it was taken for. */
function mappingLines(m: ImportReport['sheets'][number]['mapping']): string {
  if (!m) return '';
  const sure = (c: number) => (c >= 0.9 ? '' : c > 0 ? `（把握 ${Math.round(c * 100)}%，请核对）` : '');
  return `，按原表格式读取：\n${m.map((x) => `    ${x.column} 列“${x.header}” → ${x.to}${sure(x.confidence)}`).join('\n')}`;
}

/** `--columns "B=活动日期,E=不导入"`: column letters and what each holds, in Chinese or by id. */
function columnsOption(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s
    .split(/[,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z]{1,3})\s*[=＝:：]\s*(.+)$/.exec(part);
    if (!m) throw new UserError(`--columns 的“${part}”应写作“列字母=项目”，如 B=活动日期`, 'bad_option');
    out[m[1]!.toUpperCase()] = m[2]!.trim();
  }
  if (Object.keys(out).length === 0) throw new UserError('--columns 没有给出任何列', 'bad_option');
  return out;
}

/** The ledger files of a folder, by name: Office's own lock files (~$…) left out. */
async function ledgerFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => /\.(xlsx|csv|docx)$/i.test(n) && !n.startsWith('~$'))
    .sort((a, b) => a.localeCompare(b, 'zh-CN'))
    .map((n) => join(dir, n));
}

function summary(r: ImportReport, township: string): string {
  const sheets = r.sheets
    .map((s) => `  ${s.sheet}（${s.kindLabel}）：${s.rows} 行${mappingLines(s.mapping)}`)
    .join('\n');
  const skipped = r.skipped > 0 ? `，${r.skipped} 行已存在，跳过` : '';
  const head = r.dryRun
    ? `试导入（未写入）${township}“${r.fileName}”：共 ${r.rows} 行，校验通过，将新增 ${r.inserted} 行${skipped}`
    : `已导入${township}“${r.fileName}”：共 ${r.rows} 行，新增 ${r.inserted} 行${skipped}`;
  return `${head}\n${sheets}\n`;
}

export function registerLedgerIoCommands(program: Command, cli: Cli): void {
  program
    .command('template')
    .description('生成某类台账的 Excel 模板')
    .argument('<台账类型>', '台账类型（代码或中文名，见 fazhi kinds）')
    .option('-o, --output <文件>', '输出文件，默认“<类型>台账模板.xlsx”')
    .action(async (kindArg, opts) => {
      const kind = findKind(kindArg);
      if (!kind) throw new UserError(`未知的台账类型“${kindArg}”：可用 fazhi kinds 查看全部类型`);
      const out = opts.output ?? `${kind.label}台账模板.xlsx`;
      await writeFile(out, await buildTemplate(kind.id));
      cli.out(`已生成${kind.label}台账模板：${out}\n`);
    });

  program
    .command('import')
    .description(
      '从 Excel（.xlsx）、CSV 或 Word（.docx）文件导入台账：每个文件有任何错误则该文件全部不导入；给出文件夹时逐个导入其中的台账文件',
    )
    .argument(
      '<文件或文件夹>',
      '.xlsx、.csv（UTF-8 或 GBK 编码）或含台账表格的 Word（.docx）文件，或存放这些文件的文件夹；系统模板或乡镇自己的表格格式均可',
    )
    .requiredOption('--org <乡镇>', '导入到的乡镇（名称或代码）')
    .option('--kind <类型>', '工作表名称和表头无法判断类型时，按此类型读取')
    .option(
      '--columns <对应>',
      '按原表格式读取时指明各列导入为哪一项，如 "B=活动日期,E=不导入"；导入成功后本乡镇同样格式的表格自动按此读取',
    )
    .option('--sheet <工作表>', '--columns 所指的工作表（默认：所有非模板格式的工作表）')
    .option('--dry-run', '只校验，不写入')
    .option('--max-size <MB>', '文件大小上限（MB），默认 20，也可用环境变量 FAZHI_IMPORT_MAX_MB')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出导入报告')
    .action(async (target, opts) => {
      const maxBytes = maxBytesOf(opts.maxSize, cli.io.env);
      const folder = (await stat(target).catch(() => null))?.isDirectory() === true;
      const files = folder ? await ledgerFiles(target) : [target];
      if (folder && files.length === 0)
        throw new UserError(`文件夹“${target}”中没有 .xlsx、.csv 或 .docx 台账文件`, 'no_files');
      const reports: ImportReport[] = [];
      const failed: string[] = [];
      await cli.withDb(opts, async (h) => {
        const township = await resolveOrg(h, opts.org, ['township']);
        for (const file of files) {
          const fileName = basename(file);
          let r: ImportReport;
          try {
            // Refuse an oversized file by its size alone, before reading a byte of it.
            checkSize(fileName, await fileSize(file), maxBytes);
            const bytes = await readFile(file);
            const bar = progressBar(opts.json ? undefined : terminal(cli.io.stderr));
            try {
              const { p, actor, at } = cli.writer();
              const input = {
                townshipId: township.id,
                fileName,
                bytes,
                ...(opts.kind !== undefined ? { kindHint: opts.kind } : {}),
                dryRun: opts.dryRun === true,
                ...(opts.columns !== undefined
                  ? {
                      layout: {
                        [opts.sheet ?? '*']: {
                          ...(opts.kind !== undefined ? { kind: opts.kind } : {}),
                          columns: columnsOption(opts.columns),
                        },
                      },
                    }
                  : {}),
                maxBytes,
                ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
              };
              r = await importRecords(h, p, actor, input, at);
            } finally {
              bar.stop();
            }
          } catch (e) {
            // In a folder, a file that cannot be read does not stop the others.
            if (!folder || !(e instanceof UserError)) throw e;
            failed.push(fileName);
            if (!opts.json) cli.err(`“${fileName}”：${e.message}\n`);
            continue;
          }
          reports.push(r);
          if (r.errors.length > 0) {
            failed.push(fileName);
            if (!opts.json)
              cli.err(r.errors.map((e) => `${folder ? `“${fileName}”` : ''}${formatIssue(e)}\n`).join(''));
          } else if (!opts.json) cli.out(summary(r, township.name));
        }
      });
      if (opts.json) cli.printJson(folder ? reports : reports[0]);
      if (!folder && failed.length > 0)
        throw new UserError(
          `导入失败：“${failed[0]!}”中发现 ${reports[0]?.errors.length ?? 0} 处问题，未写入任何记录。请改正后重新导入`,
          'invalid_file',
          422,
        );
      if (folder && failed.length > 0)
        throw new UserError(
          `共 ${files.length} 个文件，${files.length - failed.length} 个已导入，${failed.length} 个有问题未导入：${failed.join('、')}。请改正后重新导入这些文件`,
          'invalid_file',
          422,
        );
      if (folder && !opts.json)
        cli.out(`共 ${files.length} 个文件，全部${opts.dryRun ? '校验通过' : '已导入'}\n`);
    });

  program
    .command('export')
    .description('导出某乡镇或某县一年的台账为 Excel（与模板格式相同，可再导入）')
    .requiredOption('--org <组织>', '乡镇或县（名称或代码）')
    .requiredOption('--year <年度>', '年度，如 2024')
    .option('-o, --output <文件>', '输出文件，默认“<组织><年度>年台账.xlsx”')
    .option('--db <数据库地址>', '数据库地址')
    .action(async (opts) => {
      const year = intOption('year', opts.year, 2000, 2100);
      await cli.withDb(opts, async (h) => {
        const org = await resolveOrg(h, opts.org, ['township', 'county']);
        const out = opts.output ?? `${org.name}${year}年台账.xlsx`;
        const bytes = await exportLedger(h, org, year);
        await writeFile(out, bytes);
        const { actor, at } = cli.writer();
        await auditRead(h, actor, at, ledgerExported(org, year, bytes));
        cli.out(`已导出${org.name} ${year} 年台账：${out}\n`);
      });
    });
}
