import { describe, expect, it } from 'vitest';
import { chromiumAvailable, drawerOpened } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('法定时限提醒', () => {
  const e = useE2E({ username: 'county' });

  it('names each item’s township for the county and opens every deadline, a page at a time', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/`);
    const card = page.locator('.ant-card').filter({ hasText: '法定时限提醒' });
    const more = card.locator('.due-all');
    await more.waitFor();
    const total = Number(/查看全部 (\d+) 项/.exec(await more.innerText())?.[1]);
    expect(total).toBeGreaterThan(8);
    // Each item on the card starts with its township, one of the county's.
    const towns = await page.evaluate(async () => {
      const res = await fetch('/api/orgs');
      const body = (await res.json()) as { items: { name: string; kind: string }[] };
      return body.items.filter((o) => o.kind === 'township').map((o) => o.name);
    });
    const first = await card.locator('.due-desc').first().innerText();
    expect(towns.some((t) => first.startsWith(`${t} · `))).toBe(true);

    await more.click();
    const drawer = await drawerOpened(page.locator('.ant-drawer').filter({ hasText: '全部法定时限提醒' }));
    await drawer.locator('.due-desc').first().waitFor();
    expect(await drawer.locator('.due-desc').count()).toBe(Math.min(total, 20));
    if (total > 20) {
      await drawer.locator('.due-pages').getByTitle('2', { exact: true }).click();
      await expect
        .poll(() => drawer.locator('.due-desc').count(), { timeout: 15_000 })
        .toBe(Math.min(total - 20, 20));
    }
    expectNoConsoleErrors(e);
  });
});
