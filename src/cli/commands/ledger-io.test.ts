import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { countRecords, filledTemplate, loadWorkbook } from '../../testing/workbooks.ts';
import { smallCounty } from '../../testing/fixtures.ts';
import { runFazhi } from '../../testing/cli.ts';

const fazhi = runFazhi;

/** The command exited non-zero and said `text` on stderr. */
function failsWith(r: { code: number | null; stderr: string }, text: string): void {
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(text);
}

describe('fazhi template / import / export', { timeout: 180_000 }, () => {
  let dir: string;
  let db: string;
  const records = async () => {
    const h = openDb(`sqlite:${join(dir, 'fazhi.db')}`);
    try {
      return await countRecords(h);
    } finally {
      await h.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-ledger-io-'));
    db = `sqlite:${join(dir, 'fazhi.db')}`;
    const h = openDb(db);
    await migrateToLatest(h);
    await smallCounty(h);
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a template by Chinese label', async () => {
    const out = join(dir, 't.xlsx');
    const r = await fazhi(['template', '普法宣传活动', '-o', out]);
    expect(r).toMatchObject({ code: 0, stdout: `已生成普法宣传活动台账模板：${out}\n` });
    const { readFile } = await import('node:fs/promises');
    expect((await loadWorkbook(await readFile(out))).getWorksheet('普法宣传活动')).toBeDefined();
    failsWith(await fazhi(['template', '不存在', '-o', out]), '未知的台账类型“不存在”');
  });

  it('imports, skips on re-import, dry-runs, and exports a file that re-imports', async () => {
    const file = join(dir, 'meetings.xlsx');
    writeFileSync(
      file,
      await filledTemplate('safety_meeting', [
        ['2023-03-01', '安全生产专题会议', '', '王镇长', 20],
        ['2023-06-01', '汛前安全会议', '东村', '', '15人'],
      ]),
    );
    const dry = await fazhi(['import', file, '--org', '甲镇', '--dry-run', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('试导入（未写入）甲镇“meetings.xlsx”：共 2 行，校验通过，将新增 2 行');
    expect(await records()).toBe(0);
    const first = await fazhi(['import', file, '--org', '430001', '--db', db]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(
      '已导入甲镇“meetings.xlsx”：共 2 行，新增 2 行\n  安全生产专题会议（安全生产专题会议）：2 行',
    );
    const again = await fazhi(['import', file, '--org', '甲镇', '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 2, inserted: 0, skipped: 2, errors: [] });
    expect((await fazhi(['import', file, '--org', '甲镇', '--db', db])).stdout).toContain(
      '新增 0 行，2 行已存在，跳过',
    );
    expect(await records()).toBe(2);

    const out = join(dir, 'export.xlsx');
    expect(await fazhi(['export', '--org', '甲镇', '--year', '2023', '-o', out, '--db', db])).toMatchObject({
      code: 0,
      stdout: `已导出甲镇 2023 年台账：${out}\n`,
    });
    const back = await fazhi(['import', out, '--org', '甲镇', '--db', db, '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ rows: 2, inserted: 0, skipped: 2, errors: [] });
    failsWith(
      await fazhi(['export', '--org', '甲镇', '--year', '1999', '-o', out, '--db', db]),
      '--year 应为 2000 至 2100',
    );
  });

  it('reads a ledger laid out as the township keeps it, and says how on a dry run', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['甲镇2024年普法宣传活动台账']);
    ws.addRow(['序号', '时间', '活动名称', '活动形式', '发放宣传资料（份）', '受众人数', '备注']);
    ws.addRow([1, '2024.4.15', '国家安全教育日宣传', '广场宣传', '200余', '约1000人', '']);
    const file = join(dir, '普法台账.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const before = await records();
    const dry = await fazhi(['import', file, '--org', '甲镇', '--dry-run', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Sheet1（普法宣传活动）：1 行，按原表格式读取：');
    expect(dry.stdout).toContain('B 列“时间” → 活动日期');
    expect(dry.stdout).toContain('E 列“发放宣传资料（份）” → 发放资料');
    expect(dry.stdout).toContain('A 列“序号” → （序号，不导入）');
    expect(await records()).toBe(before);
  });

  it('takes the columns a clerk names for a new layout, and remembers them for the next file', async () => {
    const sheet = async (name: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['甲镇2024年普法宣传活动台账']);
      ws.addRow(['编号', '哪天', '做了什么', '活动形式', '天气']);
      for (const r of rows) ws.addRow(r);
      const file = join(dir, name);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      return file;
    };
    const june = await sheet('6月台账.xlsx', [[1, '6月26日', '禁毒宣传', '集中宣传', '晴']]);
    const before = await records();
    failsWith(await fazhi(['import', june, '--org', '甲镇', '--db', db]), '找不到“活动日期”列');
    failsWith(
      await fazhi(['import', june, '--org', '甲镇', '--db', db, '--columns', 'B=活动日期,E=天气情况']),
      '普法宣传活动没有“天气情况”这一项',
    );
    failsWith(
      await fazhi(['import', june, '--org', '甲镇', '--db', db, '--columns', 'B活动日期']),
      '应写作“列字母=项目”',
    );
    const chosen = await fazhi([
      'import',
      june,
      '--org',
      '甲镇',
      '--db',
      db,
      '--columns',
      'B=活动日期，C=活动主题，E=不导入',
    ]);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('B 列“哪天” → 活动日期');
    const july = await sheet('7月台账.xlsx', [[1, '7月1日', '党内法规宣传', '进社区宣传', '雨']]);
    const next = await fazhi(['import', july, '--org', '甲镇', '--db', db]);
    expect(next.code).toBe(0);
    expect(await records()).toBe(before + 2);
  });

  it('imports a folder file by file: a bad file does not stop the others, and the exit says which failed', async () => {
    const folder = join(dir, '台账文件夹');
    mkdirSync(folder);
    const sheet = async (name: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['甲镇2024年普法宣传活动台账']);
      ws.addRow(['序号', '时间', '活动名称', '活动形式', '发放资料']);
      for (const r of rows) ws.addRow(r);
      writeFileSync(join(folder, name), Buffer.from(await wb.xlsx.writeBuffer()));
    };
    await sheet('1月.xlsx', [[1, '1月10日', '元旦普法', '集中宣传', 100]]);
    await sheet('2月.xlsx', [[1, '2月10日', '春节普法', '集中宣传', '若干']]);
    writeFileSync(join(folder, '说明.txt'), '不是台账');
    writeFileSync(join(folder, '~$1月.xlsx'), 'Office 锁文件');
    const before = await records();
    const r = await fazhi(['import', folder, '--org', '甲镇', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('已导入甲镇“1月.xlsx”');
    expect(r.stderr).toContain('“2月.xlsx”工作表“Sheet1”');
    expect(r.stderr).toContain('无法读出数字“若干”');
    expect(r.stderr).toContain('共 2 个文件，1 个已导入，1 个有问题未导入：2月.xlsx');
    expect(await records()).toBe(before + 1);
  });

  it('prints every row error in Chinese, exits non-zero and writes nothing', async () => {
    const before = await records();
    const file = join(dir, 'bad.xlsx');
    writeFileSync(
      file,
      await filledTemplate('safety_meeting', [
        ['2023-03-02', '好的一行', '', '', 1],
        ['1999-01-01', '太早', '西村', '', 'abc'],
      ]),
    );
    const r = await fazhi(['import', file, '--org', '甲镇', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      '工作表“安全生产专题会议”第 4 行【会议日期】：会议日期“1999-01-01”超出范围，应在 2000-01-01 至 2100-12-31 之间',
      '工作表“安全生产专题会议”第 4 行【参会人数】：“abc”不是数字，应为：整数，单位：人，0—10000000',
      '工作表“安全生产专题会议”第 4 行【村（社区）/部门】：“西村”不是甲镇的村（社区）或部门，应为：东村、甲镇司法所',
      '错误：导入失败：“bad.xlsx”中发现 3 处问题，未写入任何记录。请改正后重新导入',
      '',
    ]);
    expect(await records()).toBe(before);
  });

  it('refuses an unknown township, a missing file, a PNG and a 100 MB file (by size, before reading it)', async () => {
    const before = await records();
    const file = join(dir, 'ok.xlsx');
    writeFileSync(file, await filledTemplate('safety_meeting', [['2023-03-05', '会议', '', '', '']]));
    expect(await fazhi(['import', file, '--org', '丙镇', '--db', db])).toMatchObject({
      code: 1,
      stderr: '错误：找不到乡镇（街道）“丙镇”：请用 fazhi orgs 查看名称和代码\n',
    });
    failsWith(await fazhi(['import', file, '--org', '东村', '--db', db]), '找不到乡镇（街道）“东村”');
    failsWith(await fazhi(['import', join(dir, 'nope.xlsx'), '--org', '甲镇', '--db', db]), '找不到文件');

    const png = join(dir, 'photo.xlsx');
    writeFileSync(
      png,
      Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]),
    );
    failsWith(
      await fazhi(['import', png, '--org', '甲镇', '--db', db]),
      '不是电子表格（文件内容为 PNG 格式）',
    );

    // A sparse file: 100 MB long without 100 MB on disk or in memory.
    const big = join(dir, 'big.xlsx');
    const fh = await open(big, 'w');
    await fh.truncate(100 * 1024 * 1024);
    await fh.close();
    const t = performance.now();
    const r = await fazhi(['import', big, '--org', '甲镇', '--db', db]);
    expect(r).toMatchObject({
      code: 1,
      stderr: '错误：文件“big.xlsx”大小为 100 MB，超过导入上限 20 MB：请按年度或类型拆分后分别导入\n',
    });
    expect(performance.now() - t).toBeLessThan(15_000);
    failsWith(
      await fazhi(['import', file, '--org', '甲镇', '--db', db], { FAZHI_IMPORT_MAX_MB: '0.001' }),
      '超过导入上限',
    );
    failsWith(
      await fazhi(['import', file, '--org', '甲镇', '--db', db, '--max-size', 'x']),
      '导入大小上限应为正数',
    );
    expect(await records()).toBe(before);
  });
});
