import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('年度报告', () => {
  const e = useE2E({ username: 't01.staff' });

  it('generates the report, opens a figure’s records and downloads the .docx', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/report`);
    await page.getByRole('button', { name: '生成报告' }).click();
    const preview = page.locator('.report-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('法治政府建设');
    await preview.locator('.fig[data-key]').first().click();
    await page.locator('.explain-table').waitFor();
    await e.s.screenshot('report-explain');
    await page.keyboard.press('Escape');

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载 Word/ }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/年度法治政府建设情况报告\.docx$/);
    const bytes = await readFile(await dl.path());
    // A .docx is a zip: it starts with "PK".
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await e.s.screenshot('report');
    expectNoConsoleErrors(e);
  });
});
