import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { UserError } from '../../core/errors.ts';
import { ALL } from '../../core/scope.ts';
import { listEvidence, MAX_EVIDENCE_BYTES } from '../../services/evidence.ts';
import { openFileStore } from '../../services/file-store.ts';
import { addEvidence, fetchEvidence } from '../../services/ledger-writes.ts';
import { intOption, type Cli } from '../context.ts';

export function registerEvidenceCommands(program: Command, cli: Cli): void {
  const ev = program.command('evidence').description('台账记录的证据材料（照片、扫描件、PDF）');
  ev.command('add')
    .description('为记录添加证据文件')
    .argument('<文件>', '文件路径（JPEG、PNG、WebP、HEIC、TIFF、PDF，≤ 20 MB）')
    .requiredOption('--record <编号>', '记录编号')
    .option('--db <数据库地址>', '数据库地址')
    .option('--data <目录>', '数据目录（默认 FAZHI_DATA 或 ./data）')
    .option('--json', '以 JSON 输出')
    .action(async (file, opts) => {
      const recordId = intOption('record', opts.record, 1, Number.MAX_SAFE_INTEGER);
      const size = await stat(file).then(
        (s) => s.size,
        () => {
          throw new UserError(`无法读取文件“${file}”`);
        },
      );
      if (size > MAX_EVIDENCE_BYTES)
        throw new UserError(`证据文件 ${(size / 1048576).toFixed(1)} MB，超过上限 20 MB`);
      const bytes = await readFile(file);
      await cli.withDb(opts, async (h) => {
        const { p, actor, at } = cli.writer();
        const store = openFileStore(h, cli.dataDir(opts.data));
        const e = await addEvidence(h, store, p, actor, recordId, { name: basename(file), bytes }, at);
        if (opts.json) cli.printJson(e);
        else cli.out(`已添加证据 #${e.id}：${e.fileName}（${e.mime}，${e.size} 字节）\n`);
      });
    });
  ev.command('list')
    .description('列出记录的证据文件')
    .requiredOption('--record <编号>', '记录编号')
    .option('--db <数据库地址>', '数据库地址')
    .option('--json', '以 JSON 输出')
    .action(async (opts) => {
      const recordId = intOption('record', opts.record, 1, Number.MAX_SAFE_INTEGER);
      await cli.withDb(opts, async (h) => {
        const list = await listEvidence(h, ALL, recordId);
        if (opts.json) return cli.printJson(list);
        cli.printTable(
          ['编号', '文件名', '类型', '大小', '添加时间'],
          list.map((e) => [String(e.id), e.fileName, e.mime, String(e.size), e.createdAt]),
        );
      });
    });
  ev.command('get')
    .description('取出证据文件（校验摘要）')
    .argument('<证据编号>', '证据编号')
    .requiredOption('-o, --output <文件>', '保存到')
    .option('--db <数据库地址>', '数据库地址')
    .option('--data <目录>', '数据目录')
    .action(async (id, opts) => {
      const { p, actor, at } = cli.writer();
      await cli.withDb(opts, async (h) => {
        const { bytes, evidence } = await fetchEvidence(
          h,
          openFileStore(h, cli.dataDir(opts.data)),
          p,
          actor,
          intOption('id', id, 1, Number.MAX_SAFE_INTEGER),
          at,
        );
        await writeFile(opts.output, bytes);
        cli.out(`已保存 ${evidence.fileName} 到 ${opts.output}\n`);
      });
    });
}
