import { describe, expect, it } from 'vitest';
import { createUsers } from '../../src/services/users.ts';
import { PNG } from '../../src/testing/http.ts';
import { chooseOption, chromiumAvailable } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../support/server.ts';
import { useE2E } from '../support/suite.ts';

/** Signs in over HTTP (no browser) and returns a function making requests as that user. */
async function apiAs(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('fazhi_csrf='))!.split('=')[1]!);
  return (path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

describe.runIf(chromiumAvailable())('网格员：我的上报、现场照片、只见本人上报', () => {
  const e = useE2E({ username: 't01.grid', width: 375, height: 740, mobile: true });

  it('reports with a photo, follows it under 我的上报, and cannot reach another member’s report', async () => {
    const { page } = e.s;
    await page.waitForURL('**/m/dispute');
    // Another grid member of the same township reports a dispute of its own.
    const me = await page.evaluate(async () => {
      const r = await fetch('/api/auth/me');
      return ((await r.json()) as { user: { orgId: number } }).user;
    });
    await createUsers(
      e.server.h,
      [
        {
          username: 't01.grid2',
          name: '另一网格员',
          role: 'grid_member',
          orgId: me.orgId,
          password: DEMO_PASSWORD,
          mustChangePassword: false,
        },
      ],
      new Date().toISOString(),
    );
    const other = await apiAs(e.server.url, 't01.grid2');
    const theirs = await other('/api/cases', {
      type: 'dispute',
      date: new Date().toISOString().slice(0, 10),
      title: '另一网格员上报：承包地边界争议',
      data: { disputeType: 'land', source: 'grid', parties: '王某、赵某' },
    });
    expect(theirs.status).toBe(201);
    const theirId = ((await theirs.json()) as { id: number }).id;

    // The report, with a photo taken on the phone.
    const title = '浏览器测试：楼上漏水引发邻里争执';
    await page.getByLabel('纠纷事由').fill(title);
    await page.getByLabel('纠纷类型').click();
    await chooseOption(page, '邻里纠纷');
    const camera = page.getByTestId('report-photo');
    expect(await camera.getAttribute('capture')).toBe('environment');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('picked-photos').waitFor();
    const opened = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cases');
    const photo = page.waitForResponse((r) =>
      /\/api\/records\/\d+\/evidence$/.test(new URL(r.url()).pathname),
    );
    await page.getByRole('button', { name: /上\s*报/ }).click();
    expect((await opened).status()).toBe(201);
    expect((await photo).status()).toBe(201);
    await page.getByText('已附照片 1 张', { exact: false }).waitFor();

    // 我的上报: this report with its state and progress, the photo shown; another one added.
    await page.getByRole('button', { name: '查看我的上报' }).click();
    await page.waitForURL(/\/m\/mine\/\d+$/);
    expect(await page.getByTestId('report-progress').innerText()).toMatch(
      /^已上报，等待司法所安排调解，调处期限 \d{4}-\d{2}-\d{2}$/,
    );
    const shown = page.getByTestId('report-photos').locator('img');
    await shown.first().waitFor();
    // The photo came back from the server and decoded: it has a width of its own.
    const decoded = "document.querySelector('[data-testid=report-photos] img').naturalWidth";
    await expect.poll(() => page.evaluate(decoded)).toBeGreaterThan(0);
    await page
      .getByTestId('detail-photo')
      .setInputFiles({ name: '补拍.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => shown.count()).toBe(2);
    await e.s.screenshot('grid-report-detail');

    await page.getByRole('link', { name: /我的上报/ }).click();
    await page.waitForURL('**/m/mine');
    const list = page.getByRole('list', { name: '我的上报' });
    await list.getByText(title).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    expect(await list.innerText()).not.toContain('另一网格员上报');
    expect(await list.innerText()).toContain('已上报，等待司法所安排调解');
    await e.s.screenshot('grid-my-reports');

    // Another member's report, and the township's own cases, are not found through the API.
    const township = await (await apiAs(e.server.url, 't01.staff'))('/api/cases?type=dispute&limit=50');
    const townshipId = ((await township.json()) as { items: { id: number; title: string }[] }).items.find(
      (c) => c.title !== title && c.id !== theirId,
    )!.id;
    for (const id of [theirId, townshipId]) {
      const status = await page.evaluate(async (n) => {
        const urls = [`/api/cases/${n}`, `/api/records/${n}`, `/api/records/${n}/evidence`];
        return Promise.all(urls.map(async (u) => (await fetch(u)).status));
      }, id);
      expect(status, String(id)).toEqual([404, 404, 404]);
    }
    // Nor through the web app: no township case board, no administration, in the menu or by address.
    for (const path of ['/cases', '/admin/orgs', '/ledger/dispute', `/m/mine/${theirId}`]) {
      await page.goto(`${e.server.url}${path}`);
      await page.locator('.mobile-page').waitFor();
      if (path.startsWith('/m/mine/')) await page.locator('.ant-alert-error').waitFor();
      else await page.waitForURL('**/m/dispute');
      const text = await page.locator('body').innerText();
      expect(text, path).not.toMatch(/系统管理|案件办理|工作台账|王某/);
    }
    const nav = await page.getByRole('navigation', { name: '网格员菜单' }).getByRole('link').allInnerTexts();
    expect(nav.map((t) => t.trim())).toEqual(['上报矛盾纠纷', '我的上报', '我的考试']);
    // The browser logs each refused request (six above, two from the page of the other's report); nothing else.
    const refused = e.s.errors.filter((m) => m.includes('status of 404'));
    expect(refused).toHaveLength(8);
    expect(e.s.errors.filter((m) => !refused.includes(m))).toEqual([]);
  });
});
