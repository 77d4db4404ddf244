import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltOnce } from '../support/build.ts';
import { chooseOption, chromiumAvailable, login, openBrowser, type Session } from '../support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';

const MARK = '按法定节日推算，未含调休';
// January 2027: 2027 has no official arrangement yet (chinese-days ends with 2026), and a
// 20-working-day reply from 2026-12-20 falls within the dashboard's 14 days.
const NOW = Date.parse('2027-01-08T02:00:00.000Z');
const TITLE = '浏览器测试：申请公开征地补偿方案';
// An invented notice giving 元旦 four days: the reply moves from 2027-01-18 to 01-19.
const NOTICE = `国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号
一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月20日（周六）上班。`;

describe.runIf(chromiumAvailable())('节假日安排', () => {
  let server: TestServer;
  let s: Session;
  let caseId = 0;
  beforeAll(async () => {
    await ensureBuiltOnce();
    const offset = NOW - Date.now();
    server = await startServer({ clock: () => new Date(Date.now() + offset) });
    s = await openBrowser();
    // The browser's clock runs from the same moment, so the cards count days as the server does.
    await s.page.clock.install({ time: NOW });
    await login(s.page, server.url, 't01.staff', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  const card = () => s.page.locator(`.case-card[data-case="${caseId}"]`);
  const dueRow = () => s.page.locator('.simple-list li', { hasText: TITLE });

  it('marks a due date in a year without an arrangement on the case card and the dashboard', async () => {
    const { page } = s;
    // Opened through the API with the session's cookie and CSRF token, as the web app sends them.
    const csrf = (await s.context.cookies()).find((c) => c.name === 'fazhi_csrf')?.value ?? '';
    const opened = await page.request.post(`${server.url}/api/cases`, {
      headers: { 'x-csrf-token': decodeURIComponent(csrf) },
      data: { type: 'disclosure_request', date: '2026-12-20', title: TITLE, data: {} },
    });
    expect(opened.status()).toBe(201);
    caseId = ((await opened.json()) as { id: number }).id;
    expect(caseId).toBeGreaterThan(0);

    await page.goto(`${server.url}/cases?type=disclosure_request&view=board`);
    await card().waitFor();
    expect(await card().innerText()).toContain('2027-01-18');
    expect(await card().locator('.due-mark').innerText()).toBe(MARK);
    await card().scrollIntoViewIfNeeded();
    await s.screenshot('calendar-case-marked');

    await page.goto(`${server.url}/dashboard`);
    await dueRow().waitFor();
    expect(await dueRow().innerText()).toContain('2027-01-18');
    expect(await dueRow().locator('.due-mark').innerText()).toBe(MARK);
    await s.screenshot('calendar-dashboard-marked');
    expect(s.errors).toEqual([]);
  });

  it('lets the administrator paste the 2027 notice, preview and store it; the mark goes', async () => {
    const { page } = s;
    await s.context.clearCookies();
    await login(page, server.url, 'admin', DEMO_PASSWORD);
    await page.goto(`${server.url}/admin/calendar`);
    await page.getByLabel('年份').click();
    await chooseOption(page, '2027年');
    await page.locator('.calendar-status', { hasText: '2027年尚无官方放假安排' }).waitFor();
    expect(await page.locator('.calendar-days').innerText()).toContain('2027-02-05');
    // Only 2027's days: none left over from the year shown before (2028).
    expect(await page.locator('.calendar-days').innerText()).not.toContain('2028-');
    await s.screenshot('calendar-year');

    await page.getByLabel('通知全文').fill(NOTICE);
    await page.getByRole('button', { name: /预\s*览/ }).click();
    const preview = page.locator('.calendar-preview-year[data-year="2027"]');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('放假11天，调休上班1天');
    expect(await preview.innerText()).toContain('2027-01-04 元旦放假');
    await s.screenshot('calendar-preview');

    await page.getByRole('button', { name: /确认保存/ }).click();
    const done = page.locator('.calendar-done');
    await done.waitFor();
    // The demo's own open cases running into 2027 move too; this one is checked on its card below.
    expect(await done.innerText()).toMatch(/已保存。\d+件在办案件的期限已重新计算/);
    await page.locator('.calendar-status', { hasText: '2027年已有官方放假安排' }).waitFor();
    await s.screenshot('calendar-stored');

    await s.context.clearCookies();
    await login(page, server.url, 't01.staff', DEMO_PASSWORD);
    await page.goto(`${server.url}/cases?type=disclosure_request&view=board`);
    await card().waitFor();
    expect(await card().innerText()).toContain('2027-01-19');
    expect(await card().locator('.due-mark').count()).toBe(0);
    await page.goto(`${server.url}/dashboard`);
    await dueRow().waitFor();
    expect(await dueRow().innerText()).toContain('2027-01-19');
    expect(await dueRow().locator('.due-mark').count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
