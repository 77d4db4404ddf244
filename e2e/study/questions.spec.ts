import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { QUESTION_HEADERS } from '../../src/services/exams/question-xlsx.ts';
import { chooseOption, chromiumAvailable, modalOpened } from '../support/browser.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('题库', () => {
  const e = useE2E({ username: 't01.staff' });

  it('adds a question, corrects it as version 2, and shows the starter bank beside it', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/study/questions`);
    await page.locator('.questions-page .ant-table-row', { hasText: '入门题库' }).first().waitFor();

    await page.getByRole('button', { name: '新增题目' }).click();
    const modal = await modalOpened(page, '.question-modal');
    await modal.getByLabel('法律法规').click();
    await chooseOption(page, '行政许可法');
    await modal.getByLabel('题干').fill('设定和实施行政许可，应当遵循的原则不包括（　）。');
    const options = ['公开', '公平、公正', '非歧视', '收费从优'];
    for (const [i, text] of options.entries()) await modal.getByLabel(`选项${'ABCD'[i]}`).fill(text);
    await modal.getByRole('radio', { name: 'D' }).check();
    await modal.getByLabel('条文出处').fill('第五条');
    await modal.getByRole('button', { name: /^保\s*存$/ }).click();
    const row = page
      .locator('.questions-page .ant-table-row', { hasText: '收费从优' })
      .or(page.locator('.questions-page .ant-table-row', { hasText: '应当遵循的原则不包括' }));
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('行政许可法');
    await e.s.screenshot('questions-list');

    await row.first().getByRole('button', { name: '修正' }).click();
    const fix = await modalOpened(page, '.question-modal');
    expect(await fix.locator('.ant-modal-title').innerText()).toContain('版本 2');
    await fix.getByLabel('题干').fill('设定和实施行政许可，下列不属于应当遵循的原则的是（　）。');
    await fix.getByRole('button', { name: '保存为版本 2' }).click();
    const fixed = page.locator('.questions-page .ant-table-row', { hasText: '下列不属于应当遵循的原则' });
    await fixed.waitFor();
    expect(await fixed.locator('td').nth(8).innerText()).toBe('2');
    expectNoConsoleErrors(e);
  });

  it('imports a file with bad rows and lists each row’s error, importing nothing', async () => {
    const { page } = e.s;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('题库');
    ws.addRow([...QUESTION_HEADERS]);
    ws.addRow([
      '',
      '宪法',
      '单选题',
      '中等',
      '没有答案的题',
      '甲',
      '乙',
      null,
      null,
      null,
      null,
      '',
      '第二条',
    ]);
    ws.addRow([
      '',
      '宪法',
      '单选题',
      '中等',
      '答案不在选项中',
      '甲',
      '乙',
      null,
      null,
      null,
      null,
      'E',
      '第二条',
    ]);
    ws.addRow([
      '',
      '治安法',
      '单选题',
      '中等',
      '法律不认识',
      '甲',
      '乙',
      null,
      null,
      null,
      null,
      'A',
      '第二条',
    ]);
    const file = join(tmpdir(), `fazhi-questions-${process.pid}.xlsx`);
    await writeFile(file, Buffer.from(await book.xlsx.writeBuffer()));

    await page.goto(`${e.server.url}/study/questions`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    const modal = await modalOpened(page, '.question-import-modal');
    await modal.locator('input[type=file]').setInputFiles(file);
    await modal.locator('.import-errors').waitFor();
    const table = await modal.locator('.ant-table').innerText();
    expect(table).toContain('缺少答案');
    expect(table).toContain('答案“E”不在选项中');
    expect(table).toContain('未知的法律法规“治安法”');
    await e.s.screenshot('questions-import-errors');
    expectNoConsoleErrors(e);
  });
});
