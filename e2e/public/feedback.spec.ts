import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { portalCounties, portalTownships } from '../../src/services/public/portal.ts';
import { PNG } from '../../src/testing/http.ts';
import { chooseOption, chromiumAvailable, login, openBrowser, openMenuPage } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../support/server.ts';
import { apiSession } from '../support/api.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

const WIDTH = 375;

/** 满意率 (of disputes) as the dashboard's table of all indicators shows it this year. */
async function satisfactionOnDashboard(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/dashboard`);
  const card = page.locator('.ant-card', { hasText: '全部指标' });
  await card.locator('.ant-table-row').first().waitFor();
  const name = page.getByRole('button', { name: '满意率', exact: true });
  // The table pages through every indicator: turn pages until the row is on the one shown.
  for (let p = 1; p <= 10; p++) {
    await card.locator(`.ant-pagination-item-active[title="${p}"]`).waitFor();
    if ((await card.locator('.ant-table-row', { has: name }).count()) > 0) break;
    await card.locator('.ant-pagination-next').click();
  }
  const row = card.locator('.ant-table-row', { has: name });
  return (await row.locator('td').nth(1).innerText()).trim();
}

describe.runIf(chromiumAvailable())('群众反映问题、跟踪办理并评价', () => {
  const e = useE2E({ width: WIDTH, height: 800, mobile: true });

  it('reports a problem with a photo without logging in, follows it, rates it, and 满意率 moves', async () => {
    const { page } = e.s;
    const { url, h } = e.server;
    const county = (await portalCounties(h))[0]!;
    const township = (await portalTownships(h, county))[0]!;
    const village = township.villages[0]!;
    const leader = await h.db
      .selectFrom('users')
      .select('username')
      .where('org_id', '=', township.id)
      .where('role', '=', 'township_leader')
      .executeTakeFirstOrThrow();

    // The leader's dashboard before the resident's rating.
    const staff = await openBrowser({ width: 1366, height: 900 });
    try {
      await login(staff.page, url, leader.username, DEMO_PASSWORD);
      const before = await satisfactionOnDashboard(staff.page, url);

      // A resident on the phone, no account: the county's portal, 反映问题.
      await page.goto(`${url}/public/`);
      await page.getByRole('link', { name: /反映问题/ }).click();
      await page.waitForURL(`**/public/${county.code}/feedback`);
      await e.s.screenshot('public-feedback-form-empty');
      const description = `浏览器测试：${village.name}村道边的排水沟被邻居填埋，雨天积水进屋，协商未果`;
      await page.getByLabel('问题类别').selectOption({ label: '邻里纠纷' });
      await page.getByLabel(/^发生地点/).selectOption({ label: village.name });
      await page.getByLabel(/^问题描述/).fill(description);
      await page.getByLabel(/^照片/).setInputFiles({ name: '积水.png', mimeType: 'image/png', buffer: PNG });
      await page.getByLabel('联系人（可选）').fill('刘某');
      await page.getByLabel(/^联系电话/).fill('139 0000 1234');
      await e.s.screenshot('public-feedback-form');
      await page.getByRole('button', { name: '提交' }).click();
      // The proof of work, the submission and the photo's upload, then the progress page.
      await page.waitForURL('**/feedback/status?code=*', { timeout: 60_000 });
      const code = (await page.locator('.code').innerText()).trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const facts = await page.locator('.fact-rows').innerText();
      expect(facts).toContain(`${township.name}（${village.name}）`);
      expect(facts).toContain('已登记');
      expect(facts).toContain('办理期限');
      expect(await page.locator('.steps').innerText()).toContain('登记立案');
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(WIDTH);
      await e.s.screenshot('public-feedback-status');

      // The case is the village's township's, with the resident's contact and photo for its staff.
      const api = await apiSession(url, leader.username);
      const headers = { cookie: api.cookie, 'x-csrf-token': api.csrf };
      const q = encodeURIComponent('排水沟被邻居填埋');
      const list = (await (await fetch(`${url}/api/cases?type=dispute&q=${q}`, { headers })).json()) as {
        items: { id: number; townshipId: number; orgId: number; state: string }[];
      };
      expect(list.items).toHaveLength(1);
      const c = list.items[0]!;
      expect([c.townshipId, c.orgId, c.state]).toEqual([township.id, village.id, 'registered']);
      const fb = (await (await fetch(`${url}/api/cases/${c.id}/feedback`, { headers })).json()) as {
        feedback: { name: string; phone: string; photos: number; description: string };
      };
      expect(fb.feedback).toMatchObject({ name: '刘某', phone: '13900001234', photos: 1, description });

      // Staff mediate it successfully.
      const closed = await fetch(`${url}/api/cases/${c.id}/transitions`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'resolve' }),
      });
      expect(closed.status).toBe(200);

      // The resident comes back with the code and rates it.
      await page.goto(`${url}/public/${county.code}/track`);
      await page.getByLabel(/^查询码/).fill(code);
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByRole('heading', { name: '评价办理结果' }).waitFor();
      expect(await page.locator('.fact-rows').innerText()).toContain('调解成功');
      await page.getByLabel('不满意', { exact: true }).check();
      await page.getByLabel(/^评价意见/).fill('积水问题还没彻底解决');
      await page.getByRole('heading', { name: '评价办理结果' }).scrollIntoViewIfNeeded();
      await e.s.screenshot('public-feedback-rating-form');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByRole('heading', { name: '您的评价' }).waitFor({ timeout: 60_000 });
      const rated = page.locator('section', { has: page.getByRole('heading', { name: '您的评价' }) });
      expect(await rated.locator('.tag').innerText()).toBe('不满意');
      await rated.scrollIntoViewIfNeeded();
      await e.s.screenshot('public-feedback-rated');

      // The leader's dashboard: 满意率 now counts the resident's rating.
      const after = await satisfactionOnDashboard(staff.page, url);
      expect(after).not.toBe(before);
      await staff.page.locator('.ant-card', { hasText: '全部指标' }).scrollIntoViewIfNeeded();
      await staff.screenshot('feedback-dashboard-satisfaction');
      // And the case shows who to call back.
      await staff.page.goto(`${url}/cases?type=dispute&open=${c.id}`);
      const panel = staff.page.getByTestId('feedback-panel');
      await panel.waitFor();
      expect(await panel.innerText()).toContain('13900001234');
      expect(await panel.innerText()).toContain('不满意');
      await staff.screenshot('feedback-case-panel');
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.close();
    }
    expectNoConsoleErrors(e);
  });
});

describe.runIf(chromiumAvailable())('县级设置群众诉求分类', () => {
  const e = useE2E({ username: 'county' });

  it('adds a category that becomes a petition, and the public form offers it', async () => {
    const { page } = e.s;
    await openMenuPage(page, '系统管理', '群众诉求分类');
    await page.waitForURL('**/admin/feedback-rules');
    await page.getByText('使用默认分类').waitFor();
    await page.getByRole('button', { name: /新增分类/ }).click();
    await page.getByLabel('分类名称').last().fill('农村饮水安全');
    await page.getByLabel('转为').last().click();
    await chooseOption(page, '信访事项办理');
    await page.getByLabel('类型', { exact: true }).last().click();
    await chooseOption(page, '申诉求决');
    const saved = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/feedback-rules' && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('已设置').waitFor();
    await e.s.screenshot('feedback-rules');

    const county = (await portalCounties(e.server.h))[0]!;
    const form = await (await fetch(`${e.server.url}/public/${county.code}/feedback`)).text();
    expect(form).toMatch(/<option value="c[0-9a-f]{8}">农村饮水安全<\/option>/);
    expectNoConsoleErrors(e);
  });
});
