import { describe, expect, it } from 'vitest';
import { chromiumAvailable, pointerOffHeader } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';
import { overdueLawsuit, townshipOf } from './helpers.ts';

describe.runIf(chromiumAvailable())('待办', () => {
  const e = useE2E({ username: 't01.staff' });

  it("puts the township's overdue lawsuit at the top of its 待办, one click from the case", async () => {
    const { page } = e.s;
    const town = await townshipOf(e.server.h, 't01.staff');
    const id = await overdueLawsuit(e.server.h, town.id, '某公司诉本镇行政强制案');
    await page.getByRole('button', { name: '待办' }).click();
    await page.waitForURL(/\/todo$/);
    await pointerOffHeader(page);
    const first = page.locator('.todo-item').first();
    await first.waitFor();
    const text = await first.innerText();
    expect(text).toContain('已逾期');
    expect(text).toContain('行政应诉');
    expect(text).toContain(town.name);
    expect(text).toContain('某公司诉本镇行政强制案');
    expect(await first.getAttribute('data-key')).toMatch(new RegExp(`^case:${id}:`));
    // Filtering to one category keeps the count it shows.
    await page
      .locator('.todo-filter')
      .getByText(/^已逾期 \d+$/)
      .click();
    await expect
      .poll(async () => (await page.locator('.todo-item').allInnerTexts()).every((t) => t.includes('已逾期')))
      .toBe(true);
    await page.locator('.todo-item').first().click();
    await page.waitForURL(new RegExp(`/cases\\?type=lawsuit&open=${id}$`));
    await page.getByText('某公司诉本镇行政强制案').first().waitFor();
    expectNoConsoleErrors(e);
  });
});
