import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, drawerOpened } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

const WIDTH = 375;

/** True when the element lies inside the screen's width and a tap on it would reach it (nothing covers it). */
async function seen(page: Page, l: Locator): Promise<boolean> {
  await l.scrollIntoViewIfNeeded();
  const box = await l.boundingBox();
  if (!box || box.width === 0 || box.x < 0 || box.x + box.width > WIDTH) return false;
  // A trial click performs every check a tap would, hit-testing included, without tapping.
  return l.click({ trial: true, timeout: 10_000 }).then(
    () => true,
    () => false,
  );
}

describe.runIf(chromiumAvailable())('乡镇领导用手机看工作台', () => {
  const e = useE2E({ username: 't01.leader', width: WIDTH, height: 740, mobile: true });

  it('lists every indicator with its name in view, the menu button clear of the title, explanations that explain', async () => {
    const { page } = e.s;
    await page.waitForURL('**/dashboard');
    const names = await page.evaluate(async () => {
      const r = await fetch('/api/catalogue/indicators');
      const body = (await r.json()) as { indicators?: { label: string }[]; items?: { label: string }[] };
      return (body.indicators ?? body.items ?? []).map((i) => i.label);
    });
    expect(names.length).toBeGreaterThan(40);

    // The page title is not under the menu button, which now sits in the header.
    const title = page.locator('.page-title h4');
    await title.waitFor();
    // Charts and cards fill in as their answers come: check the layout once it has settled.
    await page.waitForLoadState('networkidle');
    expect(await seen(page, title)).toBe(true);
    const button = page.getByRole('button', { name: '打开菜单' });
    expect(await seen(page, button)).toBe(true);
    expect(await page.locator('.ant-layout-sider-zero-width-trigger').count()).toBe(0);

    // 全部指标: a list whose every line shows the indicator's name within the screen.
    const list = page.getByRole('list', { name: '全部指标' });
    await list.waitFor();
    const items = list.locator('.indicator-item');
    expect(await items.count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      const name = items.nth(i).locator('.indicator-item-name');
      const text = (await name.innerText()).trim();
      expect(names, text).toContain(text);
      expect(await seen(page, name), text).toBe(true);
    }
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(WIDTH);
    await list.scrollIntoViewIfNeeded();
    await e.s.screenshot('dashboard-phone-indicators');

    // The menu opens from the header button and closes once a page is chosen.
    await button.click();
    const menu = page.locator('.app-sider .ant-menu');
    await expect.poll(() => seen(page, menu.getByText('工作台', { exact: true }))).toBe(true);
    await menu.getByText('案件办理').click();
    await page.waitForURL('**/cases');
    await expect.poll(async () => (await page.locator('.app-sider').boundingBox())?.width ?? 0).toBe(0);
    expect(await seen(page, page.locator('.page-title h4'))).toBe(true);
    await page.goto(`${e.server.url}/dashboard`);

    // 化解率: method and formula in words with their conditions, and each record left out says why.
    const line = page.locator('.indicator-item').filter({ hasText: '化解率' });
    for (let n = 0; (await line.count()) === 0 && n < 6; n++)
      await page.locator('.indicator-list + .ant-pagination .ant-pagination-next').click();
    await line.locator('.indicator-item-name').click();
    const drawer = await drawerOpened(
      page.locator('.ant-drawer').filter({ has: page.locator('.explain-table') }),
    );
    await drawer.locator('.explain-table tbody tr.ant-table-row').first().waitFor();
    const info = await drawer.locator('.ant-descriptions').innerText();
    expect(info).toContain('分子为调处状态为“调解成功”的矛盾纠纷记录数');
    expect(info).not.toContain('矛盾纠纷记录数 ÷ 矛盾纠纷记录数');
    const rows = await drawer.locator('.explain-table tbody tr.ant-table-row').allInnerTexts();
    for (const r of rows.filter((x) => x.includes('不计入'))) expect(r).toMatch(/不计入(分子|分母)：\S+/);
    const first = drawer.locator('.explain-table tbody tr.ant-table-row').first().locator('a');
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/cases\?type=dispute&open=\d+$/);
    await first.click();
    await page.waitForURL(/\/cases\?type=dispute/);
    expectNoConsoleErrors(e);
  });
});
