import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

const CORPUS = resolve(import.meta.dirname, '../../src/review/testdata/corpus');

describe.runIf(chromiumAvailable())('报告审阅', () => {
  const e = useE2E({ username: 'county' });

  it('uploads corpus reports and shows findings highlighted in the text', async () => {
    const { page } = e.s;
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .slice(0, 3)
      .map((f) => join(CORPUS, f));
    expect(files.length).toBeGreaterThan(0);
    await page.goto(`${e.server.url}/review`);
    await page.locator('.ant-upload input[type=file]').setInputFiles(files);
    const result = page.locator('.review-result').first();
    await result.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => result.locator('.findings-table tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await result.locator('.review-text mark').count()).toBeGreaterThan(0);
    await e.s.screenshot('review');
    expectNoConsoleErrors(e);
  });
});
