import { describe, expect, it } from 'vitest';
import {
  chooseFirstOption,
  chooseOption,
  chromiumAvailable,
  login,
  modalOpened,
} from '../support/browser.ts';
import { DEMO_PASSWORD } from '../support/server.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';

describe.runIf(chromiumAvailable())('系统管理：组织和账号', () => {
  const e = useE2E({ username: 'admin' });

  it('adds a village under a township', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/admin/orgs`);
    await page.getByRole('button', { name: '新增组织' }).click();
    const modal = await modalOpened(page, '.new-org-modal');
    await modal.getByLabel('名称').fill('浏览器测试村');
    await modal.getByLabel('代码').fill('E2E-V1');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-tree-title', { hasText: '浏览器测试村' }).waitFor();
    await e.s.screenshot('admin-org-added');
    expectNoConsoleErrors(e);
  });

  it('system admin creates an account without a role, security admin grants it, the user signs in', async () => {
    const { page } = e.s;
    await page.goto(`${e.server.url}/admin/users`);
    await page.getByRole('button', { name: '新建账号' }).click();
    const modal = await modalOpened(page, '.new-user-modal');
    // 三员分立: the system administrator gives no role.
    expect(await modal.getByLabel('角色').count()).toBe(0);
    await modal.getByLabel('用户名').fill('e2e.clerk');
    await modal.getByLabel('姓名').fill('测试专干');
    await modal.getByLabel('所属组织').click();
    await chooseFirstOption(page);
    await modal.getByRole('button', { name: /创\s*建/ }).click();
    const shown = modal.getByTestId('initial-password');
    await shown.waitFor();
    const password = (await shown.innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    await e.s.screenshot('admin-user-created');
    await modal.getByRole('button', { name: '我已记下，关闭' }).click();
    const row = page.locator('.ant-table-row', { hasText: 'e2e.clerk' });
    await row.waitFor();
    expect(await row.innerText()).toContain('待分配角色');
    expectNoConsoleErrors(e);

    // Without a role the account cannot sign in.
    await e.s.context.clearCookies();
    await page.goto(`${e.server.url}/`);
    await page.getByLabel('用户名').fill('e2e.clerk');
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('尚未由安全管理员分配角色').waitFor();
    // The refused sign-in's 403 is logged by the browser; it is the answer this step expects.
    e.s.errors.length = 0;

    // The security administrator grants the role and the township (its data scope).
    await login(page, e.server.url, 'secadmin', DEMO_PASSWORD);
    await page.goto(`${e.server.url}/admin/users`);
    // The newest account is on the list's last page.
    await page.locator('.ant-pagination-item').last().click();
    await page
      .locator('.ant-table-row', { hasText: 'e2e.clerk' })
      .getByRole('button', { name: '分配角色' })
      .click();
    const grant = await modalOpened(page, '.grant-role-modal');
    await grant.getByLabel('角色').click();
    await chooseOption(page, '乡镇法治专干');
    await grant.getByLabel('数据范围（所属组织）').click();
    await chooseFirstOption(page);
    await grant.getByRole('button', { name: /分\s*配/ }).click();
    await page.getByText('已分配角色').waitFor();
    // The list reloads after the message: wait for the row to show the role it now has.
    await page
      .locator('.ant-table-row', { hasText: 'e2e.clerk' })
      .filter({ hasText: '乡镇法治专干' })
      .waitFor();
    expect(await page.locator('.ant-table-row', { hasText: 'e2e.clerk' }).innerText()).not.toContain(
      '未分配角色',
    );
    await e.s.screenshot('admin-role-granted');

    // The user signs in, must change the initial password, and reaches the ledger.
    await e.s.context.clearCookies();
    await page.goto(`${e.server.url}/`);
    await page.getByLabel('用户名').fill('e2e.clerk');
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('首次登录，请修改初始密码').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Clerk#2025e2e');
    await page.getByLabel('确认新密码').fill('Clerk#2025e2e');
    await page.getByRole('button', { name: /修改密码/ }).click();
    await page.locator('.app-shell').first().waitFor({ timeout: 20_000 });
    expectNoConsoleErrors(e);
    await e.s.context.clearCookies();
    await login(page, e.server.url, 'admin', DEMO_PASSWORD);
  });
});
