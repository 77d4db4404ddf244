import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseOption, chromiumAvailable, login, modalOpened, motionEnded } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../support/server.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

/** Signs in through the API (another device), returning the session's cookie header. */
async function apiSession(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Confirms the open Popconfirm once it has zoomed in. */
async function confirm(page: Page): Promise<void> {
  const popover = page.locator('.ant-popover:visible');
  await motionEnded(popover);
  await popover.getByRole('button', { name: /确\s*定|OK/ }).click();
}

describe.runIf(chromiumAvailable())('账号停用、启用和组织维护', () => {
  const e = useE2E({ username: 'admin' });

  it('an account disabled by the security administrator cannot sign in, and can again once enabled', async () => {
    const { page } = e.s;
    const url = e.server.url;
    // The system administrator keeps accounts; disabling one is the security administrator's.
    await page.goto(`${url}/admin/users`);
    await page.getByLabel('搜索账号').fill('t02.staff');
    await page.getByLabel('搜索账号').press('Enter');
    await page.locator('.accounts-table .ant-table-row', { hasText: 't02.staff' }).waitFor();
    expect(await page.locator('.accounts-table').getByRole('button', { name: '停用' }).count()).toBe(0);
    await page.goto('about:blank');
    await e.s.context.clearCookies();
    await login(page, url, 'secadmin', DEMO_PASSWORD);
    const elsewhere = await apiSession(url, 't02.staff');
    await page.goto(`${url}/admin/users`);
    await page.getByLabel('搜索账号').fill('t02.staff');
    await page.getByLabel('搜索账号').press('Enter');
    const rows = page.locator('.accounts-table .ant-table-row');
    await expect.poll(async () => (await rows.allInnerTexts()).length).toBe(1);
    const row = rows.filter({ hasText: 't02.staff' });
    // An account that has acted is never deleted: it is disabled instead.
    expect(await row.getByRole('button', { name: '删除' }).count()).toBe(0);
    await row.getByRole('button', { name: '停用' }).click();
    await confirm(page);
    await row.filter({ hasText: '已停用' }).waitFor();
    await e.s.screenshot('admin-user-disabled');
    // Its session on another device ended at once.
    expect((await fetch(`${url}/api/auth/me`, { headers: { cookie: elsewhere } })).status).toBe(401);

    await page.goto('about:blank');
    await e.s.context.clearCookies();
    await page.goto(`${url}/`);
    await page.getByLabel('用户名').fill('t02.staff');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('该账号已停用，请联系安全管理员').waitFor();
    // The refused sign-in's 403 is logged by the browser; it is the answer this step expects.
    e.s.errors.length = 0;

    await login(page, url, 'secadmin', DEMO_PASSWORD);
    await page.goto(`${url}/admin/users`);
    await page.getByLabel('按状态筛选').click();
    await chooseOption(page, '已停用');
    const disabled = page.locator('.accounts-table .ant-table-row', { hasText: 't02.staff' });
    await disabled.getByRole('button', { name: '启用' }).click();
    await confirm(page);
    await page.getByText('已启用').waitFor();
    await expect
      .poll(async () => page.locator('.accounts-table .ant-table-row', { hasText: 't02.staff' }).count())
      .toBe(0);

    await page.goto('about:blank');
    await e.s.context.clearCookies();
    await login(page, url, 't02.staff', DEMO_PASSWORD);
    expect(await page.locator('.app-shell').count()).toBe(1);
    expectNoConsoleErrors(e);
    await page.goto('about:blank');
    await e.s.context.clearCookies();
    await login(page, url, 'admin', DEMO_PASSWORD);
  });

  it('edits an account’s name, and finds and renames an organisation', async () => {
    const { page } = e.s;
    const url = e.server.url;
    await page.goto(`${url}/admin/users`);
    await page.getByLabel('搜索账号').fill('t03.adviser');
    await page.getByLabel('搜索账号').press('Enter');
    const row = page.locator('.accounts-table .ant-table-row', { hasText: 't03.adviser' });
    await row.getByRole('button', { name: '编辑' }).click();
    const modal = await modalOpened(page, '.edit-user-modal');
    await modal.getByLabel('姓名').fill('改名顾问');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await row.filter({ hasText: '改名顾问' }).waitFor();
    // A new name keeps the role.
    expect(await row.innerText()).toContain('法律顾问');

    await page.goto(`${url}/admin/orgs`);
    const titles = page.locator('.ant-tree-title');
    await titles.first().waitFor();
    // The kind sits beside the name: never 南湖街道（乡镇（街道））.
    for (const t of await titles.allInnerTexts()) expect(t).not.toMatch(/（[^）]*（/);
    const village = await e.server.h.db
      .selectFrom('orgs')
      .select(['name', 'code'])
      .where('kind', '=', 'village')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await page.getByLabel('搜索组织').fill(village.name);
    await page.getByLabel('搜索组织').press('Enter');
    await page.locator('.ant-card-head', { hasText: /找到 \d+ 个/ }).waitFor();
    await titles.filter({ hasText: village.name }).first().click();
    await page.getByRole('button', { name: '修改名称' }).click();
    const rename = await modalOpened(page, '.rename-org-modal');
    await rename.getByLabel('新名称').fill(`${village.name}新`);
    await rename.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已改名为“${village.name}新”`).waitFor();
    await page.getByLabel('搜索组织').fill(`${village.name}新`);
    await page.getByLabel('搜索组织').press('Enter');
    await titles
      .filter({ hasText: `${village.name}新` })
      .first()
      .waitFor();
    await e.s.screenshot('admin-org-renamed');
    expectNoConsoleErrors(e);
  });
});
