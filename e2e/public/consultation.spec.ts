import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayOf } from '../../src/core/dates.ts';
import { chromiumAvailable, login, openBrowser, type Session } from '../support/browser.ts';
import { ensureBuiltOnce } from '../support/build.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';
import { staffApi } from '../support/api.ts';

const DAY_MS = 86_400_000;

describe.runIf(chromiumAvailable())('意见征集：公众不登录提出意见，截止后看到意见采纳情况', () => {
  // The server's clock: moved past the comment window once the comment is in.
  let now = new Date();
  let server: TestServer;
  let s: Session;
  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer({ clock: () => now });
    s = await openBrowser({ width: 375, height: 740, mobile: true });
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('comments on a decision on the phone, and after the window reads how each opinion was handled', async () => {
    const { page } = s;
    const { url } = server;
    const today = todayOf(now.toISOString());
    const closesOn = addDays(today, 45);
    const title = '关于《浏览器测试镇农贸市场改造提升项目实施方案（征求意见稿）》公开征求意见的公告';

    // A township's staff publish a decision's draft for comment.
    let staff = await staffApi(url, 't01.staff');
    const decision = await staff<{ id: number }>('POST', '/api/cases', {
      type: 'major_decision',
      date: today,
      title: '浏览器测试镇农贸市场改造提升项目',
      data: {},
    });
    const published = await staff<{ id: number }>('POST', '/api/consultations', {
      caseId: decision.id,
      title,
      explanation: '一、起草背景\n农贸市场建成已二十年，设施老化。\n二、主要内容\n改造摊位、排水和消防设施。',
      draft: '第一条 为改善群众购物环境，制定本方案。\n第二条 改造工程于明年三月开工。',
      closesOn,
    });

    // The public, not signed in, find it from the portal's home page.
    await page.goto(`${url}/public/`);
    await page.getByRole('heading', { name: '正在征求意见' }).waitFor();
    await page.getByRole('link', { name: title }).first().scrollIntoViewIfNeeded();
    await s.screenshot('consultation-home');
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.locator('.tag.wait').first().innerText()).toBe('还剩45天');
    await s.screenshot('consultation-open');

    const opinion = '建议改造期间设置临时摊位，保障商户正常经营<script>alert(1)</script>';
    await page.getByLabel(/^意见/).fill(opinion);
    await page.getByLabel(/^姓名/).fill('赵六');
    await page.getByLabel(/^联系方式/).fill('13700001111');
    const sent = page.waitForResponse((r) =>
      r.url().endsWith(`/api/public/consultations/${published.id}/comments`),
    );
    await page.getByRole('button', { name: '提交意见' }).click();
    expect((await sent).status()).toBe(201);
    const message = page.locator('.form-message.ok');
    await message.waitFor();
    expect(await message.innerText()).toContain('您的意见已提交');
    expect(await page.getByLabel(/^意见/).inputValue()).toBe('');
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(375);
    await s.screenshot('consultation-commented');

    // The window closes; staff handle the comment and publish the 意见采纳情况.
    now = new Date(now.getTime() + 46 * DAY_MS);
    await page.reload();
    await page.getByRole('heading', { name: '征求意见已结束' }).waitFor();
    expect(await page.locator('form[data-submit]').count()).toBe(0);
    staff = await staffApi(url, 't01.staff');
    const detail = await staff<{ items: { id: number; body: string; name: string; contact: string }[] }>(
      'GET',
      `/api/consultations/${published.id}`,
    );
    expect(detail.items.map((i) => [i.body, i.name, i.contact])).toEqual([[opinion, '赵六', '13700001111']]);
    await staff('PUT', `/api/consultations/${published.id}/comments/${detail.items[0]!.id}`, {
      decision: 'partly',
      digest: '改造期间设置临时摊位',
      reason: '分两期施工，一期期间在市场东侧空地设置临时摊位',
    });
    await staff('POST', `/api/consultations/${published.id}/summary`, {
      text: '征求意见期间共收到意见1条，部分采纳1条。',
    });

    await page.reload();
    await page.getByRole('heading', { name: '意见采纳情况' }).waitFor();
    const summary = page.locator('#summary');
    expect(await summary.locator('.counts').innerText()).toMatch(/收到意见\s*1条[\s\S]*部分采纳\s*1条/);
    expect(await summary.locator('.opinions').innerText()).toContain('改造期间设置临时摊位');
    expect(await summary.locator('.opinions').innerText()).toContain('理由：分两期施工');
    const body = await page.locator('body').innerText();
    for (const hidden of ['赵六', '13700001111', '保障商户正常经营']) expect(body).not.toContain(hidden);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);
    await summary.scrollIntoViewIfNeeded();
    await s.screenshot('consultation-summary');
    await page.getByRole('link', { name: '意见征集' }).first().click();
    await page.getByRole('heading', { name: '已结束' }).waitFor();
    expect(await page.locator('.list li', { hasText: title }).innerText()).toContain('已公布采纳情况');
    await s.screenshot('consultation-list');
    expect(s.errors).toEqual([]);

    // The decision's 公众参与 is complete, with its counts.
    const kase = await staff<{ data: Record<string, unknown>; state: string }>(
      'GET',
      `/api/cases/${decision.id}`,
    );
    expect(kase.data).toMatchObject({ commentsReceived: 1, commentsPartly: 1, commentsAdopted: 0 });
  });

  it('shows staff the comments with the commenter’s details on the 公众参与 page', async () => {
    const desk = await openBrowser({ width: 1280, height: 800 });
    try {
      await login(desk.page, server.url, 't01.staff', DEMO_PASSWORD);
      await desk.page.getByRole('menuitem', { name: '公众参与' }).click();
      await desk.page.getByRole('link', { name: /浏览器测试镇农贸市场/ }).click();
      const row = desk.page.locator('.comments-table .ant-table-row').first();
      await row.waitFor();
      expect(await row.innerText()).toMatch(/赵六[\s\S]*13700001111[\s\S]*部分采纳/);
      await desk.page.locator('.ant-statistic').first().waitFor();
      await desk.screenshot('consultation-staff');
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});
