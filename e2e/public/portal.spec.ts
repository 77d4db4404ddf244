import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, SCREENSHOTS } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

/** Set FAZHI_DOC_SCREENSHOTS=1 to refresh the README's portal screenshots in docs/screenshots. */
const OUT = process.env.FAZHI_DOC_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

/** Nothing may push a portal page wider than a 375 px phone. */
async function fitsThePhone(page: Page): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);
}

describe.runIf(chromiumAvailable())('公开平台（无须登录，手机）', () => {
  const e = useE2E({ width: 375, height: 740, mobile: true, cycle: true });

  it('opens the county site, its reports and its proactively disclosed information', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/public`);
    await page.waitForURL(/\/public\/[^/]+\/$/);
    expect(await page.locator('h1').innerText()).toMatch(/法治政府建设公开平台$/);
    expect(await page.locator('.tile').count()).toBe(6);
    await fitsThePhone(page);
    await shoot(page, 'public-home');

    await page.locator('.nav').getByRole('link', { name: '年度报告' }).click();
    await page.waitForURL(/\/reports$/);
    // The demo county has published one township's report (as `npm start` shows it).
    const report = page.locator('.list a', { hasText: '法治政府建设情况报告' }).first();
    const title = await report.innerText();
    await report.click();
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').innerText()).toContain('法治政府建设');
    expect(title).toMatch(/^.+\d{4}年度法治政府建设情况报告$/);
    await page.goBack();

    await page.locator('.nav').getByRole('link', { name: '政府信息公开' }).click();
    await page.waitForURL(/\/disclosure$/);
    const total = Number(/共 (\d+) 条/.exec(await page.locator('.card .meta').first().innerText())?.[1]);
    expect(total).toBeGreaterThan(0);
    await fitsThePhone(page);
    await shoot(page, 'public-disclosure');
    // Filter by one category: fewer items, each of that category.
    const category = (await page.locator('#category option').nth(1).innerText()).trim();
    await page.locator('#category').selectOption({ label: category });
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/category=/);
    const tags = await page.locator('.list .tag').allInnerTexts();
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set([category]));
    await page.locator('.list a').first().click();
    await page.locator('article.card h1').waitFor();
    expect(await page.locator('.doc p').first().innerText()).toContain('政府信息公开条例');
    await fitsThePhone(page);
    expectNoConsoleErrors(e);
  });

  it('says plainly when a tracking code does not exist', async () => {
    const { page } = e.s;
    await page.locator('.nav').getByRole('link', { name: '进度查询' }).click();
    await page.getByLabel(/查询码/).fill('ABCD-EFGH-JKMN-PQRS');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.form-message.error').waitFor();
    expect(await page.locator('.form-message.error').innerText()).toContain('查询码不存在');
    await fitsThePhone(page);
    expectNoConsoleErrors(e);
  });
});
