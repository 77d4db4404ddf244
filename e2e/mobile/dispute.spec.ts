import { describe, expect, it } from 'vitest';
import { chooseOption, chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('网格员手机上报', () => {
  const e = useE2E({ username: 't01.grid', width: 375, height: 740, mobile: true });

  it('opens a dispute case from the phone form and shows its mediation deadline', async () => {
    const { page } = e.s;
    await page.waitForURL('**/m/dispute');
    await page.getByLabel('纠纷事由').fill('浏览器测试：两户因排水沟堵塞发生争执');
    await page.getByLabel('纠纷类型').click();
    await chooseOption(page, '邻里纠纷');
    await page.getByLabel('当事人').fill('张某、李某');
    const opened = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cases');
    await page.getByRole('button', { name: /上\s*报/ }).click();
    const answer = await opened;
    expect(answer.status()).toBe(201);
    const c = (await answer.json()) as { type: string; state: string; nextDue: string };
    expect([c.type, c.state]).toEqual(['dispute', 'registered']);

    const deadline = page.getByTestId('dispute-deadline');
    await deadline.waitFor();
    expect(await page.locator('.ant-result-title').innerText()).toContain('已登记为矛盾纠纷案件');
    expect(await deadline.locator('.mobile-deadline-due').innerText()).toBe(c.nextDue);
    expect(await deadline.innerText()).toContain('依据');
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(375);
    await e.s.screenshot('dispute-case-opened');

    // The grid member sees the case it opened among its own reports.
    const list = await page.evaluate(async () => {
      const r = await fetch('/api/cases?type=dispute&limit=500');
      return (await r.json()) as { items: { title: string }[] };
    });
    expect(list.items.map((i) => i.title)).toContain('浏览器测试：两户因排水沟堵塞发生争执');
    expectNoConsoleErrors(e);
  });
});
