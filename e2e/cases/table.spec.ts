import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findCaseType, isUnderWay } from '../../src/catalogue/cases.ts';
import { chooseOption, chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

/** The table's 共 N 件. */
const totalShown = async (page: Page) =>
  Number(/共 (\d+) 件/.exec(await page.locator('.case-table .ant-pagination-total-text').innerText())?.[1]);

describe.runIf(chromiumAvailable())('案件表格（县级）', () => {
  const e = useE2E({ username: 'county' });

  it('searches and filters the cases of a township, each row naming its township', async () => {
    const { page } = e.s;
    const { db } = e.server.h;
    // The header's year: the current year in China; its cases and earlier ones still under way.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const town = await db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('kind', '=', 'township')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const dispute = findCaseType('dispute')!;
    const underWay = dispute.states.filter((s) => isUnderWay(dispute, s.id)).map((s) => s.id);
    const inYear = () =>
      db
        .selectFrom('cases')
        .innerJoin('records', 'records.id', 'cases.record_id')
        .select(['records.title', 'cases.state'])
        .where('cases.type', '=', 'dispute')
        .where('cases.township_id', '=', town.id)
        .where('cases.opened_on', '<=', `${year}-12-31`)
        .where((eb) =>
          eb.or([eb('cases.opened_on', '>=', `${year}-01-01`), eb('cases.state', 'in', underWay)]),
        );
    const all = await inYear().execute();
    expect(all.length).toBeGreaterThan(3);
    const term = all[0]!.title.slice(-5);
    const found = all.filter((c) => c.title.includes(term));
    const resolved = found.filter((c) => c.state === 'resolved');

    await page.goto(`${e.server.url}/cases?type=dispute`);
    const table = page.locator('.case-table');
    await table.waitFor();
    expect(await table.locator('thead').innerText()).toContain('乡镇（街道）');
    await page.getByLabel('乡镇（街道）').click();
    await chooseOption(page, town.name);
    await expect.poll(() => totalShown(page), { timeout: 20_000 }).toBe(all.length);
    await page.getByPlaceholder('搜索案件标题').fill(term);
    await page.getByPlaceholder('搜索案件标题').press('Enter');
    await expect.poll(() => totalShown(page), { timeout: 20_000 }).toBe(found.length);
    const rows = table.locator('tbody tr.ant-table-row');
    const n = await rows.count();
    expect(n).toBe(Math.min(20, found.length));
    for (let i = 0; i < n; i++) {
      // selection, date, title, township
      expect(await rows.nth(i).locator('td').nth(3).innerText()).toBe(town.name);
      expect(await rows.nth(i).locator('td').nth(2).innerText()).toContain(term);
    }
    await page.getByLabel('办理状态').click();
    await chooseOption(page, '调解成功');
    await expect.poll(() => totalShown(page), { timeout: 20_000 }).toBe(resolved.length);
    await e.s.screenshot('cases-table-county');

    // The board shows the same cases, the column its real count, each card its township.
    await page.getByText('看板', { exact: true }).click();
    const column = page.locator('.case-column[aria-label="调解成功"]');
    await expect
      .poll(async () => (await column.locator('.case-column-count').innerText()).trim(), { timeout: 20_000 })
      .toBe(String(resolved.length));
    if (resolved.length > 0)
      expect(await column.locator('.case-card').first().innerText()).toContain(town.name);
    await e.s.screenshot('cases-board-county');

    // The whole county's settled disputes of the demo's last full year: the real count, not 99+,
    // and more on demand.
    const last = e.server.year;
    const settled = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'dispute')
      .where('state', '=', 'resolved')
      .where('opened_on', '>=', `${last}-01-01`)
      .where('opened_on', '<=', `${last}-12-31`)
      .executeTakeFirstOrThrow();
    const count = Number(settled.n);
    expect(count).toBeGreaterThan(40);
    await page.getByRole('combobox', { name: '年度' }).click();
    await chooseOption(page, `${last} 年度`);
    await page.goto(`${e.server.url}/cases?type=dispute&view=board`);
    await expect
      .poll(async () => (await column.locator('.case-column-count').innerText()).trim(), { timeout: 20_000 })
      .toBe(String(count));
    await expect.poll(() => column.locator('.case-card').count(), { timeout: 20_000 }).toBe(20);
    await column.getByRole('button', { name: `加载更多（还有 ${count - 20} 件）` }).click();
    await expect.poll(() => column.locator('.case-card').count(), { timeout: 20_000 }).toBe(40);
    expectNoConsoleErrors(e);
  });
});
