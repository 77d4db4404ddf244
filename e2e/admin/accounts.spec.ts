import { describe, expect, it } from 'vitest';
import { chromiumAvailable, login } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../support/server.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('系统管理：组织和账号', () => {
  const e = useE2E({ username: 'admin' });

  it('adds a village under a township', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/admin/orgs`);
    await page.getByRole('button', { name: '新增组织' }).click();
    const modal = page.locator('.new-org-modal .ant-modal');
    await modal.getByLabel('名称').fill('浏览器测试村');
    await modal.getByLabel('代码').fill('E2E-V1');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-tree-title', { hasText: '浏览器测试村' }).waitFor();
    await e.s.screenshot('admin-org-added');
    expectNoConsoleErrors(e);
  });

  it('creates an account, shows the initial password once, and the new user must change it', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/admin/users`);
    await page.getByRole('button', { name: '新建账号' }).click();
    const modal = page.locator('.new-user-modal .ant-modal');
    await modal.getByLabel('用户名').fill('e2e.clerk');
    await modal.getByLabel('姓名').fill('测试专干');
    await modal.getByLabel('角色').click();
    const roles = page.locator('.ant-select-dropdown:visible');
    // The security roles (三员) are created on the server only.
    expect(await roles.innerText()).not.toContain('安全管理员');
    await roles.getByTitle('乡镇法治专干').click();
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 15_000 })
      .toBe(0);
    await modal.getByLabel('所属组织').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await modal.getByRole('button', { name: /创\s*建/ }).click();
    const shown = modal.getByTestId('initial-password');
    await shown.waitFor();
    const password = (await shown.innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    await e.s.screenshot('admin-user-created');
    await modal.getByRole('button', { name: '我已记下，关闭' }).click();
    await page.locator('.ant-table-row', { hasText: 'e2e.clerk' }).waitFor();
    expect(await page.locator('.ant-table-row', { hasText: 'e2e.clerk' }).innerText()).toContain(
      '待修改初始密码',
    );
    expectNoConsoleErrors(e);

    await e.s.context.clearCookies();
    await page.goto(`${e.server.url}/`);
    await page.getByLabel('用户名').fill('e2e.clerk');
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('首次登录，请修改初始密码').waitFor();
    // The admin's own session is gone; signing back in still works.
    await e.s.context.clearCookies();
    await login(page, e.server.url, 'admin', DEMO_PASSWORD);
  });
});
