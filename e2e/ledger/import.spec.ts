import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chooseOption, chromiumAvailable, motionEnded } from '../support/browser.ts';
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

  it('maps a new layout by hand once, then imports the next file of that layout without questions', async () => {
    const { page } = e.s;
    const year = e.server.year;
    const sheet = async (month: number, rows: (string | number)[][]) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('Sheet1');
      ws.addRow([`${year}年${month}月普法宣传活动台账`]);
      ws.mergeCells('A1:G1');
      ws.addRow(['序号', '哪天', '活动名称', '活动形式', '天气', '发放宣传资料（份）', '受众人数']);
      for (const r of rows) ws.addRow(r);
      const file = join(tmpdir(), `fazhi-layout-${month}-${process.pid}.xlsx`);
      await writeFile(file, Buffer.from(await book.xlsx.writeBuffer()));
      return file;
    };
    await page.goto(`${e.server.url}/ledger/publicity_event`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const modal = page.locator('.ant-modal');
    await modal
      .locator('input[type=file]')
      .setInputFiles(
        await sheet(3, [
          [1, '3月15日', '浏览器测试：消费者权益日宣传', '广场宣传', '晴', '200余', '约300人'],
        ]),
      );

    // A layout never seen: each column shown with what it was read as; what is unplaced is asked.
    const mapping = modal.locator('.import-mapping');
    await mapping.waitFor();
    await modal.locator('.import-errors').filter({ hasText: '处理前不会导入' }).waitFor();
    expect(await modal.locator('.ant-table').last().innerText()).toContain('找不到“活动日期”列');
    // It zooms in: a click in it before that may land beside its target.
    await motionEnded(modal);
    expect(await mapping.innerText()).toContain('按原表格式读取为普法宣传活动（1 行）');
    await e.s.screenshot('import-mapping');
    await mapping.getByRole('combobox', { name: '第 B 列“哪天”导入为' }).click();
    await chooseOption(page, '活动日期（必填）');
    await mapping.getByRole('combobox', { name: '第 E 列“天气”导入为' }).click();
    await chooseOption(page, '不导入');
    await modal.getByRole('button', { name: '按此对应重新检查' }).click();
    const confirm = modal.getByRole('button', { name: /确认导入 1 行/ });
    await expect.poll(() => confirm.isEnabled(), { timeout: 15_000 }).toBe(true);
    await confirm.click();
    await modal.locator('.ant-alert-success').filter({ hasText: '已导入 1 行' }).waitFor();
    // The rows are last year's, the ledger shows this year's: the dialog says where they went.
    expect(await modal.locator('.ant-alert-success .other-year-note').innerText()).toContain(
      `记录在 ${year} 年度`,
    );
    await modal.locator('.ant-modal-close').click();
    await modal.waitFor({ state: 'hidden' });

    // Next month's file of the same layout: imported at once, nothing asked.
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await modal.locator('input[type=file]').setInputFiles(
      await sheet(4, [
        [1, '4月15日', '浏览器测试：国家安全教育日宣传', '集中宣传', '多云', 300, 500],
        [2, '4月26日', '浏览器测试：知识产权宣传', '进社区宣传', '雨', 100, 80],
      ]),
    );
    await modal.locator('.ant-alert-success').filter({ hasText: '已导入 2 行' }).waitFor();
    expect(await modal.locator('.import-mapping').count()).toBe(0);
    expectNoConsoleErrors(e);
  });
});
