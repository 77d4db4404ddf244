import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  chromiumAvailable,
  drawerOpened,
  modalOpened,
  pickerClosed,
} from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('案件办理', () => {
  const e = useE2E({ username: 't01.staff' });

  it('registers a dispute, moves it to mediation and shows its deadline with the explanation', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/cases?type=dispute`);
    await page.getByRole('button', { name: '登记矛盾纠纷' }).click();
    const form = page.locator('.record-form');
    await drawerOpened(page.locator('.ant-drawer').filter({ has: form }));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await form.getByLabel('登记日期').fill(today);
    await form.getByLabel('登记日期').press('Enter');
    await pickerClosed(page);
    await form.getByLabel('纠纷事由').fill('浏览器测试：两户宅基地界址争议');
    await form.getByLabel('纠纷类型').click();
    await chooseOption(page, '邻里纠纷');
    await page.getByRole('button', { name: /保\s*存/ }).click();

    // Saving opens the case in its drawer.
    const drawer = await drawerOpened(page.locator('.case-drawer'));
    await drawer.getByRole('button', { name: '开始调解' }).click();
    const confirm = await modalOpened(page, '.case-step-modal');
    await confirm.getByRole('button', { name: /确\s*定/ }).click();
    await drawer.locator('.clock-head').first().waitFor();
    await expect.poll(() => drawer.innerText(), { timeout: 15_000 }).toContain('调解中');
    const due = await drawer.locator('.clock-due').first().innerText();
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await drawer.locator('.clock-head').first().click();
    await drawer.locator('.clock-explain').waitFor();
    expect(await drawer.locator('.clock-explain').innerText()).toContain('依据');
    await e.s.screenshot('case-deadline');

    await page.keyboard.press('Escape');
    // The table is the default view; the board is the other.
    await page.getByText('看板', { exact: true }).click();
    const card = page.locator('.case-column[aria-label="调解中"] .case-card');
    expect(await card.first().innerText()).toContain(due);
    await e.s.screenshot('case-board');
    expectNoConsoleErrors(e);
  });
});
