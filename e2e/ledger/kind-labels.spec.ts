import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('台账类型只以中文名出现', () => {
  const e = useE2E({ username: 't01.adviser' });

  it('moves a legal adviser off a kind it may not read, and its type select shows a Chinese name', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/ledger/publicity_event`);
    await page.waitForURL(
      (u) => u.pathname.startsWith('/ledger/') && !u.pathname.endsWith('publicity_event'),
    );
    const select = page.locator('.ant-select').filter({ has: page.getByLabel('台账类型') });
    await select.waitFor();
    const shown = (await select.innerText()).trim();
    expect(shown).toMatch(/^[\u4e00-\u9fa5（）、]+$/);
    const toolbar = await page.locator('.ledger-page').innerText();
    expect(toolbar).not.toMatch(/[a-z]+_[a-z]+/);
    expectNoConsoleErrors(e);
  });
});
