import { describe, expect, it } from 'vitest';
import { PAPER_HEADERS, writeExamBook } from '../../src/services/exams/exam-xlsx.ts';
import { seedBank } from '../../src/testing/exams.ts';
import { chromiumAvailable, drawerOpened, modalOpened, openMenuPage } from '../support/browser.ts';
import { useE2E } from '../support/suite.ts';

const TITLE = '乡镇机关干部宪法民法典考试';

describe.runIf(chromiumAvailable())('乡镇法治专干组织学法考试', () => {
  const e = useE2E({ username: 't01.staff' });

  it('creates an exam in the form and follows it in its drawer', async () => {
    const { page } = e.s;
    await seedBank(e.server.h, ['civil_code', 'constitution'], 6);
    await openMenuPage(page, '学法考法', '考试组织');
    await page.waitForURL('**/study/exams');

    await page.getByRole('button', { name: /新建考试/ }).click();
    const modal = await modalOpened(page, '.new-exam-modal');
    await modal.getByLabel('考试名称').fill(TITLE);
    // Two rules to start with (宪法 单选, 民法典 判断): two questions of 25 points each.
    for (const i of [0, 1]) {
      await modal.getByLabel('题数').nth(i).fill('2');
      await modal.getByLabel('每题分值').nth(i).fill('25');
    }
    await expect.poll(() => modal.getByText('组卷规则（满分 100 分）').count()).toBe(1);
    await e.s.screenshot('exam-new-modal');
    await modal.getByRole('button', { name: /创\s*建/ }).click();

    const drawer = await drawerOpened(page.locator('.exam-drawer'));
    await drawer.getByText(TITLE).first().waitFor();
    const facts = await drawer.locator('.ant-descriptions').innerText();
    expect(facts).toContain('宪法 单选题 2题×25分；民法典 判断题 2题×25分');
    expect(facts).toContain('满分 100 分，60 分合格，90 分优秀');
    // The township's leader and staff member (the roles chosen by default) must sit it.
    const people = await drawer.locator('.exam-candidates tbody').innerText();
    expect(people).toContain('未参考');
    // Closing waits for the window's end.
    expect(await drawer.getByRole('button', { name: /结束考试/ }).isDisabled()).toBe(true);
    await e.s.screenshot('exam-drawer');

    // 纸质考试: the template link, and a file with a bad row is refused row by row.
    await drawer.getByRole('button', { name: /导入纸质考试成绩/ }).click();
    const paper = await modalOpened(page, '.paper-scores-modal');
    await paper.getByRole('button', { name: /下载纸质成绩模板/ }).waitFor();
    const bad = await writeExamBook([
      { name: '纸质成绩', headers: PAPER_HEADERS, widths: [], rows: [['张三', '甲镇', null, 105]] },
    ]);
    await paper.locator('input[type=file]').setInputFiles({
      name: '纸质成绩.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bad),
    });
    await paper.locator('.import-errors').waitFor();
    expect(await paper.locator('.ant-table tbody').innerText()).toContain('成绩“105”超过总分100');
    await e.s.screenshot('exam-paper-scores');
    await page.keyboard.press('Escape');
    await paper.waitFor({ state: 'hidden' });

    await page.keyboard.press('Escape');
    const row = page.locator('.exams-page tbody tr', { hasText: TITLE });
    await row.waitFor();
    expect(await row.innerText()).toContain('进行中');
    expect(e.s.errors).toEqual([]);
  });
});
