import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { comparisonCell as cellOf } from '../../src/testing/workbooks.ts';
import { chromiumAvailable, drawerOpened } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

interface Row {
  readonly townshipId: number;
  readonly township: string;
  readonly state: string;
}

/** A township's report cell of an indicator in the county's comparison workbook, with its note. */
async function comparisonCell(page: Page, year: number, township: string, label: string) {
  const bytes = await page.evaluate(async (y) => {
    const res = await fetch(`/api/cycle/county-pack?year=${y}&part=comparison`);
    return [...new Uint8Array(await res.arrayBuffer())];
  }, year);
  const cell = await cellOf(new Uint8Array(bytes), township, label);
  expect(cell, `对比表中应有${township}的“${label}”`).toBeDefined();
  return cell!;
}

describe.runIf(chromiumAvailable())('对比表取数的确认与改选', () => {
  const e = useE2E({ username: 'county' });

  it('confirms the figure the rules took, changes it, and the comparison workbook shows the choice', async () => {
    const { page } = e.s;
    const year = e.server.year;
    // The county works on the demo's report year, whatever year the app opens on today.
    await page.goto(`${e.server.url}/cycle`);
    await page.evaluate(`sessionStorage.setItem('fazhi.year', '${year}')`);
    await page.goto(`${e.server.url}/cycle`);
    const rows = await page.evaluate(async (y) => {
      const res = await fetch(`/api/cycle?year=${y}`);
      return ((await res.json()) as { items: Row[] }).items;
    }, year);
    const town = rows.find((r) => r.state === 'not_started');
    expect(town, '演示县应有未开始的乡镇').toBeDefined();
    const name = town!.township;
    const text = [
      `${name}人民政府关于${year}年度法治政府建设情况的报告`,
      '一、主要举措和成效',
      '组织法治宣讲3次。全年共开展普法宣传活动28次，其中送法进校园活动5次。',
      '组织机关干部法治讲座4次，开展集中学法6次。',
      '二、存在的不足和原因',
      '三、党政主要负责人履行推进法治建设第一责任人职责情况',
      '四、下一年度推进法治政府建设的主要安排',
      '五、其他需要报告的情况',
      `${name}人民政府`,
    ].join('\n');
    const file = join(tmpdir(), `fazhi-headline-${process.pid}.txt`);
    await writeFile(file, text);

    await page.locator('.cycle-table .ant-table-row').filter({ hasText: name }).click();
    const drawer = await drawerOpened(page.locator('.cycle-drawer'));
    await drawer.locator('.cycle-upload input[type=file]').setInputFiles(file);
    await drawer
      .locator('.cycle-state')
      .filter({ hasText: /^已报送$/ })
      .waitFor();
    await drawer.getByRole('tab', { name: /对比表取数（待确认 2）/ }).click();
    const card = drawer.locator('.headline-pick[data-key="publicity.events"]');
    await card.locator('.headline-status').filter({ hasText: '待确认' }).waitFor();
    // Separate activities with no sum stated: the rules take the largest and say they cannot tell.
    const study = drawer.locator('.headline-pick[data-key="study.sessions"]');
    await study.locator('.headline-unsure').filter({ hasText: '规则难以判定' }).waitFor();
    expect(await study.locator('.headline-reason').innerText()).toContain('规则无法判定');
    expect(await card.locator('.headline-unsure').count()).toBe(0);
    expect(await card.locator('.headline-reason').innerText()).toContain('取“28次”');
    // The three figures stated, each with its sentence; the rules' one is selected.
    expect(await card.locator('.ant-radio-wrapper').count()).toBe(3);
    expect(await card.locator('.ant-radio-wrapper-checked').innerText()).toContain('28次');

    await card.getByRole('button', { name: '确认取“28次”' }).click();
    await card.locator('.headline-status').filter({ hasText: '已确认' }).waitFor();
    await drawer.getByRole('tab', { name: /对比表取数（待确认 1）/ }).waitFor();

    await card
      .locator('.ant-radio-wrapper')
      .filter({ has: page.locator('strong', { hasText: /^5次$/ }) })
      .click();
    await card.locator('.headline-status').filter({ hasText: '已改选' }).waitFor();
    expect(await card.innerText()).toContain('改选');

    // The choice is kept: it is what the comparison workbook shows, with who chose it.
    const changed = await comparisonCell(page, year, name, '普法宣传活动');
    expect(changed.value).toBe(5);
    expect(changed.note).toMatch(/取数已由.+于\d{4}-\d{2}-\d{2}改选为“5次”/);

    // A lecture series and study sessions, no total stated: the county adds the two up.
    const label = await study.locator('strong').first().innerText();
    await study.getByRole('button', { name: '多处相加…' }).click();
    const add = study.locator('.headline-add');
    expect(await add.innerText()).toContain('请勾选至少两处');
    expect(await add.isDisabled()).toBe(true);
    for (const n of ['4次', '6次'])
      await study
        .locator('.ant-checkbox-wrapper')
        .filter({ has: page.locator('strong', { hasText: new RegExp(`^${n}$`) }) })
        .click();
    await add.filter({ hasText: '取这 2 处之和' }).click();
    await study.locator('.headline-status').filter({ hasText: '已相加' }).waitFor();
    expect(await study.innerText()).toContain('4次＋6次＝10次');
    await drawer.getByRole('tab', { name: /^对比表取数$/ }).waitFor();
    const summed = await comparisonCell(page, year, name, label);
    expect(summed.value).toBe(10);
    expect(summed.note).toMatch(/改为2处相加：“4次＋6次＝10次”/);
    expectNoConsoleErrors(e);
  });
});
