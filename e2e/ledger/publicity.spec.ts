import { describe, expect, it } from 'vitest';
import { chooseOption, chromiumAvailable, drawerOpened, pickerClosed } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('普法宣传活动 → 工作台', () => {
  const e = useE2E({ username: 't01.staff' });

  it('adds a publicity event and sees publicity.events go up by one', async () => {
    const { page } = e.s;
    const card = page.getByTestId('ind-publicity.events');
    await page.goto(`${e.server.url}/dashboard`);
    await card.waitFor();
    const before = Number.parseInt((await card.innerText()).replace(/[^\d]/g, ''), 10);

    await page.goto(`${e.server.url}/ledger/publicity_event`);
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const form = page.locator('.record-form');
    await drawerOpened(page.locator('.ant-drawer').filter({ has: form }));
    // Today in China: the year the app opens on.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await form.getByLabel('活动日期').fill(today);
    await form.getByLabel('活动日期').press('Enter');
    await pickerClosed(page);
    await form.getByLabel('活动主题').fill('浏览器测试：民法典进社区宣传');
    await form.getByLabel('活动形式').click();
    await chooseOption(page, '集中宣传');
    await form.getByLabel('发放资料').fill('120');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('浏览器测试：民法典进社区宣传').waitFor({ timeout: 30_000 });
    await e.s.screenshot('ledger-added');

    await page.goto(`${e.server.url}/dashboard`);
    await expect
      .poll(async () => Number.parseInt((await card.innerText()).replace(/[^\d]/g, ''), 10), {
        timeout: 15_000,
      })
      .toBe(before + 1);
    await e.s.screenshot('dashboard-after-add');
    expectNoConsoleErrors(e);
  });
});
