import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_BANK } from '../../catalogue/question-bank/index.ts';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { questionTemplate } from '../../services/exams/question-io.ts';
import { QUESTION_HEADERS } from '../../services/exams/question-xlsx.ts';
import { runFazhi } from '../../testing/cli.ts';
import { smallCounty } from '../../testing/fixtures.ts';

async function rowsIn(path: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.getWorksheet('题库')!.rowCount - 1;
}

describe('fazhi questions', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-questions-'));
    db = `sqlite:${join(dir, 'fazhi.db')}`;
    const h = openDb(db);
    await migrateToLatest(h);
    await smallCounty(h);
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the starter bank without --org', async () => {
    const out = join(dir, '入门题库.xlsx');
    const r = await runFazhi(['questions', 'export', '-o', out, '--db', db]);
    expect(r).toMatchObject({ code: 0, stdout: `已导出入门题库 ${STARTER_BANK.length} 题：${out}\n` });
    expect(await rowsIn(out)).toBe(STARTER_BANK.length);
  });

  it('refuses an import without --org, in Chinese, with a non-zero exit', async () => {
    const file = join(dir, '模板.xlsx');
    writeFileSync(file, await questionTemplate());
    const r = await runFazhi(['questions', 'import', file, '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('导入题库须用 --org 指定单位');
  });

  it('imports into a township’s bank and exports it with the starter bank', async () => {
    const file = join(dir, '模板.xlsx');
    writeFileSync(file, await questionTemplate());
    const r = await runFazhi(['questions', 'import', file, '--org', '甲镇', '--db', db]);
    expect(r).toMatchObject({
      code: 0,
      stdout: '甲镇题库已导入：共 2 行，新增 2 题，修正（新版本）0 题，未变 0 题\n',
    });
    const out = join(dir, '甲镇题库.xlsx');
    const e = await runFazhi(['questions', 'export', '-o', out, '--org', '甲镇', '--db', db]);
    expect(e.code).toBe(0);
    expect(await rowsIn(out)).toBe(STARTER_BANK.length + 2);
    const again = await runFazhi(['questions', 'import', out, '--org', '甲镇', '--db', db]);
    expect(again.stdout).toContain('新增 0 题，修正（新版本）0 题，未变 2 题');
  });

  it('lists each bad row and changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('题库');
    ws.addRow([...QUESTION_HEADERS]);
    ws.addRow(['', '宪法', '单选题', '中等', '题一', '甲', '乙', null, null, null, null, 'C', '第二条']);
    ws.addRow(['', '乡规民约', '单选题', '中等', '题二', '甲', '乙', null, null, null, null, 'A', '第二条']);
    const file = join(dir, '错误.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await runFazhi(['questions', 'import', file, '--org', '甲镇', '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('工作表“题库”第 2 行：答案“C”不在选项中');
    expect(r.stderr).toContain('工作表“题库”第 3 行：未知的法律法规“乡规民约”');
    expect(r.stderr).toContain('题库未作任何改动');
    const out = join(dir, '之后.xlsx');
    await runFazhi(['questions', 'export', '-o', out, '--org', '甲镇', '--db', db]);
    expect(await rowsIn(out)).toBe(STARTER_BANK.length + 2);
  });
});
