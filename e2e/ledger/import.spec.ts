import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

/** Fills the downloaded template: one good row, one with an impossible date. */
async function fillTemplate(path: string, year: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const bytes = await readFile(path);
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = book.worksheets.find((w) => w.state === 'visible');
  if (!sheet) throw new Error('template has no visible sheet');
  const col = (label: string): number => {
    let found = 0;
    sheet.getRow(1).eachCell((c, n) => {
      if (c.text.replace('＊', '').trim() === label) found = n;
    });
    if (!found) throw new Error(`no column ${label} in ${JSON.stringify(sheet.getRow(1).values)}`);
    return found;
  };
  const rows: [string, string][] = [
    [`${year}-03-08`, '浏览器测试：集中学法（民法典）'],
    [`${year}-13-45`, '浏览器测试：日期写错的一行'],
  ];
  rows.forEach(([date, title], i) => {
    const r = sheet.getRow(3 + i);
    r.getCell(col('日期')).value = date;
    r.getCell(col('学习主题')).value = title;
    r.getCell(col('学习形式')).value = '集中学法';
    r.commit();
  });
  const out = join(tmpdir(), `fazhi-import-${process.pid}.xlsx`);
  await writeFile(out, Buffer.from(await book.xlsx.writeBuffer()));
  return out;
}

describe.runIf(chromiumAvailable())('Excel 导入', () => {
  const e = useE2E({ username: 't01.staff' });

  it('downloads the template, imports it with one bad row and shows the row error', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/ledger/study_session`);
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(dl.suggestedFilename()).toBe('学法培训导入模板.xlsx');
    const file = await fillTemplate(await dl.path(), e.server.year);

    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    const alert = page.locator('.import-errors');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('未导入任何行');
    const table = page.locator('.ant-modal .ant-table');
    expect(await table.innerText()).toContain('4');
    await e.s.screenshot('import-errors');
    expectNoConsoleErrors(e);
  });

  it('imports a sheet in the township’s own layout and shows how each column was read', async () => {
    const { page } = e.s;
    const year = e.server.year;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Sheet1');
    ws.addRow([`${year}年普法宣传活动台账`]);
    ws.mergeCells('A1:H1');
    ws.addRow(['填报单位：镇司法所']);
    ws.addRow(['序号', '时间', '活动名称', '活动地点', '活动形式', '发放宣传资料（份）', '受众人数', '备注']);
    ws.addRow([1, '3月15日', '浏览器测试：消费者权益日宣传', '镇广场', '广场宣传', '200余', '约300人', '']);
    ws.addRow(['合计', null, null, null, null, 200, 300, null]);
    const file = join(tmpdir(), `fazhi-township-layout-${process.pid}.xlsx`);
    await writeFile(file, Buffer.from(await book.xlsx.writeBuffer()));

    await page.goto(`${e.server.url}/ledger/publicity_event`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    const mapping = page.locator('.import-mapping');
    await mapping.waitFor();
    expect(await mapping.innerText()).toContain('按原表格式读取为普法宣传活动（1 行）');
    const rows = mapping.locator('.ant-table-row');
    expect(await rows.filter({ hasText: '发放宣传资料（份）' }).innerText()).toContain('发放资料');
    expect(await rows.filter({ hasText: '序号' }).innerText()).toContain('不导入');
    await page.locator('.ant-modal .ant-alert-success').filter({ hasText: '已导入 1 行' }).waitFor();
    await e.s.screenshot('import-township-layout');
    expectNoConsoleErrors(e);
  });
});
