import { describe, expect, it } from 'vitest';
import { chooseOption, chromiumAvailable, modalOpened } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('学法计划', () => {
  const e = useE2E({ username: 't01.staff' });

  it('shows the demo plan with its records, adds an item, and shows plan against done on the dashboard', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/study/plan`);
    const rows = page.locator('.study-plan-table .ant-table-row');
    await rows.first().waitFor();
    const before = await rows.count();
    expect(await page.locator('.study-plan-table .plan-done').count()).toBeGreaterThan(0);
    await page
      .locator('.plan-progress')
      .getByText(/计划\d+次，完成\d+次/)
      .waitFor();
    await e.s.screenshot('study-plan');

    await page.getByRole('button', { name: '新增计划项' }).click();
    const modal = await modalOpened(page, '.plan-item-modal');
    await modal.getByLabel('计划月份').click();
    await chooseOption(page, '12月');
    await modal.getByLabel('学习形式').click();
    await chooseOption(page, '集中学法');
    await modal.getByPlaceholder('如：学习《中华人民共和国行政处罚法》').fill('年终集中学习《信访工作条例》');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page
      .locator('.study-plan-table .ant-table-row', { hasText: '年终集中学习《信访工作条例》' })
      .waitFor();
    expect(await rows.count()).toBe(before + 1);

    // The demo leaves one planned session unlinked: the picker offers its record (same form, month ± 1).
    const done = await page.locator('.study-plan-table .plan-done').count();
    const open = page
      .locator('.study-plan-table .ant-table-row')
      .filter({ hasNot: page.locator('.plan-done') });
    let linked = false;
    for (let i = 0; i < (await open.count()) && !linked; i++) {
      await open.nth(i).getByRole('button', { name: '关联记录' }).click();
      const picker = await modalOpened(page, '.link-record-modal');
      await picker.locator('.ant-radio-wrapper, .ant-empty').first().waitFor();
      if ((await picker.locator('.ant-radio-wrapper').count()) > 0) {
        await e.s.screenshot('study-plan-link');
        await picker.locator('.ant-radio-wrapper').first().click();
        await picker
          .getByRole('button', { name: /关\s*联/ })
          .last()
          .click();
        linked = true;
      } else
        await picker
          .locator('.ant-modal-footer')
          .getByRole('button', { name: /^关\s*闭$/ })
          .click();
      await picker.waitFor({ state: 'hidden' });
    }
    expect(linked).toBe(true);
    await expect.poll(() => page.locator('.study-plan-table .plan-done').count()).toBe(done + 1);

    await page.goto(`${e.server.url}/dashboard`);
    await page
      .locator('.study-plan-card')
      .getByText(/计划\d+次，完成\d+次/)
      .waitFor();
    await page.locator('.study-plan-card').scrollIntoViewIfNeeded();
    await e.s.screenshot('study-plan-dashboard');
    expectNoConsoleErrors(e);
  });
});
