import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  chromiumAvailable,
  drawerOpened,
  motionEnded,
  pickerClosed,
} from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

/** The titles and townships in an exported sheet's data rows (row 1 header, row 2 hints). */
async function exported(path: string, sheet: string): Promise<{ title: string; township: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  // Row values are 1-based and sparse: Array.from fills the holes.
  const header = Array.from(ws.getRow(1).values as unknown[], (v) =>
    JSON.stringify(v ?? '').replace(/[＊"]/g, ''),
  );
  const col = (name: string) => header.findIndex((h) => h.includes(name));
  const out: { title: string; township: string }[] = [];
  ws.eachRow((row, n) => {
    const title = row.getCell(col('活动主题')).value;
    const township = row.getCell(col('乡镇（街道）')).value;
    if (n >= 3 && typeof title === 'string' && title !== '')
      out.push({ title, township: typeof township === 'string' ? township : '' });
  });
  return out;
}

/** The list's 共 N 条 once the table shows it. */
const totalShown = async (page: Page) =>
  Number(/共 (\d+) 条/.exec(await page.locator('.record-table .ant-pagination-total-text').innerText())?.[1]);

describe.runIf(chromiumAvailable())('台账表格：筛选、导出', () => {
  const e = useE2E({ username: 'county' });

  it('filters by kind, date range and title, and exports exactly the filtered rows', async () => {
    const { page } = e.s;
    const y = e.server.year;
    const from = `${y}-03-01`;
    const to = `${y}-08-31`;
    const q = '民法典';
    // What the filters should find, read from the database: every township of the county.
    const expected = await e.server.h.db
      .selectFrom('records')
      .innerJoin('orgs', 'orgs.id', 'records.township_id')
      .select(['records.title', 'orgs.name'])
      .where('records.kind', '=', 'publicity_event')
      .where('records.date', '>=', from)
      .where('records.date', '<=', to)
      .where('records.title', 'like', `%${q}%`)
      .execute();
    expect(expected.length).toBeGreaterThan(1);

    await page.goto(`${e.server.url}/ledger/study_session`);
    await page.getByLabel('台账类型').click();
    await chooseOption(page, '普法宣传活动');
    await page.waitForURL(/\/ledger\/publicity_event$/);
    const inputs = page.locator('.ledger-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(from);
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(to);
    await inputs.nth(1).press('Enter');
    await pickerClosed(page);
    await page.getByPlaceholder('搜索标题').fill(q);
    await page.getByPlaceholder('搜索标题').press('Enter');
    await expect.poll(() => totalShown(page), { timeout: 20_000 }).toBe(expected.length);
    // The county sees which township each row is from.
    const head = await page.locator('.record-table thead').innerText();
    expect(head).toContain('乡镇（街道）');
    const firstRow = page.locator('.record-table tbody tr.ant-table-row').first();
    expect(expected.map((r) => r.name)).toContain(
      await firstRow.locator('td').nth(3).innerText(), // selection, date, title, township
    );
    await e.s.screenshot('ledger-table-filtered');

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出筛选结果' }).click(),
    ]);
    const rows = await exported(await dl.path(), '普法宣传活动');
    const key = (r: { title: string; township: string }) => `${r.township}|${r.title}`;
    expect(rows.map(key).sort()).toEqual(expected.map((r) => `${r.name}|${r.title}`).sort());

    // Two rows ticked: the export takes only those.
    const ticks = page.locator('.record-table tbody tr.ant-table-row .ant-checkbox-input');
    await ticks.nth(0).check();
    await ticks.nth(1).check();
    const picked = await Promise.all(
      [0, 1].map((i) =>
        page.locator('.record-table tbody tr.ant-table-row').nth(i).locator('td').nth(2).innerText(),
      ),
    );
    const [sel] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出所选（2）' }).click(),
    ]);
    expect((await exported(await sel.path(), '普法宣传活动')).map((r) => r.title).sort()).toEqual(
      picked.sort(),
    );

    // The print view lists the same rows.
    await page
      .getByRole('button', { name: /打\s*印/ })
      .first()
      .click();
    const print = page.locator('.print-view');
    await print.waitFor();
    expect(await print.locator('tbody tr').count()).toBe(2);
    await e.s.screenshot('ledger-print');
    expectNoConsoleErrors(e);
  });
});

describe.runIf(chromiumAvailable())('台账表单：其他年度、案件字段', () => {
  const e = useE2E({ username: 't01.staff' });

  it('says where a record of another year went, and shows a case’s status read-only', async () => {
    const { page } = e.s;
    const y = e.server.year;
    await page.goto(`${e.server.url}/ledger/publicity_event`);
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const form = page.locator('.record-form');
    await drawerOpened(page.locator('.ant-drawer').filter({ has: form }));
    await form.getByLabel('活动日期').fill(`${y}-06-19`);
    await form.getByLabel('活动日期').press('Enter');
    await pickerClosed(page);
    await form.getByLabel('活动主题').fill('浏览器测试：上年度补录的宣传活动');
    await form.getByLabel('活动形式').click();
    await chooseOption(page, '集中宣传');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const note = page.locator('.other-year-note');
    await note.waitFor();
    expect(await note.innerText()).toContain(`记录在 ${y} 年度`);
    // The message slides in from the top: its button, clicked meanwhile, is not where it was a frame before.
    await motionEnded(page.locator('.ant-message-notice').filter({ has: note }));
    await note.getByRole('button', { name: `切换到 ${y} 年度` }).click();
    await page.locator('.header-bar').getByText(`${y} 年度`).waitFor();
    await page.locator('.record-table').getByText('浏览器测试：上年度补录的宣传活动').waitFor();

    await page.goto(`${e.server.url}/ledger/dispute`);
    const row = page.locator('.record-table tbody tr.ant-table-row').first();
    await row.waitFor();
    const head = await page.locator('.record-table thead th').allInnerTexts();
    const status = await row.locator('td').nth(head.indexOf('调处状态')).innerText();
    expect(['已登记', '调解中', '调解成功', '调解不成']).toContain(status);
    await row.getByRole('button', { name: '修改' }).click();
    const shown = page.locator('.record-form .case-owned-value[data-field="status"]');
    await shown.waitFor();
    expect(await shown.innerText()).toBe(status);
    expect(await page.locator('.record-form').getByRole('combobox', { name: '调处状态' }).count()).toBe(0);
    await page.locator('.case-owned-note').getByRole('link', { name: '到“案件办理”中办理' }).waitFor();
    await e.s.screenshot('ledger-case-form');
    expectNoConsoleErrors(e);
  });
});
