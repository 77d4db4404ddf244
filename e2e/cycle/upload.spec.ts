import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, drawerOpened } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

interface Row {
  readonly townshipId: number;
  readonly township: string;
  readonly state: string;
}

describe.runIf(chromiumAvailable())('代乡镇上传的年度报告', () => {
  const e = useE2E({ username: 'county' });

  it('uploads a report written outside fazhi and shows its own text, not the ledger draft', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/cycle`);
    const rows = await page.evaluate(async (y) => {
      const res = await fetch(`/api/cycle?year=${y}`);
      return ((await res.json()) as { items: Row[] }).items;
    }, e.server.year);
    const town = rows.find((r) => r.state === 'not_started');
    expect(town, '演示县应有未开始的乡镇').toBeDefined();
    const text = `${town!.township}人民政府关于${e.server.year}年度法治政府建设情况的报告\n一、主要举措和成效\n全年开展普法宣传活动12次，系统外写成的报告正文。\n二、存在的不足和原因\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、下一年度推进法治政府建设的主要安排\n五、其他需要报告的情况\n${town!.township}人民政府\n`;
    const file = join(tmpdir(), `fazhi-upload-${process.pid}.txt`);
    await writeFile(file, text);

    const row = page.locator('.cycle-table .ant-table-row').filter({ hasText: town!.township });
    await row.click();
    const drawer = await drawerOpened(page.locator('.cycle-drawer'));
    await drawer.locator('.cycle-upload input[type=file]').setInputFiles(file);
    await drawer
      .locator('.cycle-state')
      .filter({ hasText: /^已报送$/ })
      .waitFor();
    await drawer.getByRole('tab', { name: '报告正文' }).click();
    const uploaded = drawer.locator('.cycle-uploaded');
    await uploaded.getByText('系统外写成的报告正文', { exact: false }).waitFor();
    expect(await uploaded.innerText()).toContain(`代为上传的报告：fazhi-upload-${process.pid}.txt`);
    expect(await drawer.locator('.cycle-figure').count()).toBe(0);
    expectNoConsoleErrors(e);
  });
});
