import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/cli/web-build.ts';
import { ensureBuiltOnce } from '../support/build.ts';
import {
  chooseOption,
  chromiumAvailable,
  login,
  modalOpened,
  openBrowser,
  SCREENSHOTS,
} from '../support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';

/** Set FAZHI_DOC_SCREENSHOTS=1 to refresh docs/screenshots; otherwise shots go to e2e/screenshots. */
const OUT = process.env.FAZHI_DOC_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : SCREENSHOTS;
const MAX_BYTES = 250 * 1024;
/** The sign-in page's JavaScript, gzip -9: what a township on a slow line downloads before anything shows. */
const FIRST_LOAD_JS_BUDGET = 350 * 1024;

interface Shot {
  readonly name: string;
  readonly user: string;
  readonly path: string;
  /** What must be on screen before the shot. */
  readonly ready: string;
  readonly mobile?: boolean;
  /** A step that fills the page before the shot. */
  readonly act?: (page: Page) => Promise<void>;
}

const CORPUS = resolve(import.meta.dirname, '../../src/review/testdata/corpus');

const SHOTS: readonly Shot[] = [
  { name: 'dashboard-township', user: 't01.staff', path: '/dashboard', ready: '.echart[data-drawn]' },
  { name: 'dashboard-county', user: 'county', path: '/dashboard', ready: '.echart[data-drawn]' },
  {
    name: 'ledger',
    user: 't01.staff',
    path: '/ledger/publicity_event',
    ready: '.record-table .ant-table-row',
  },
  { name: 'cases', user: 't01.staff', path: '/cases?type=petition', ready: '.case-table .ant-table-row' },
  {
    name: 'cases-board',
    user: 't01.staff',
    path: '/cases?type=petition&view=board',
    ready: '.case-column .case-card',
  },
  {
    name: 'report',
    user: 't01.leader',
    path: '/report',
    ready: '.report-controls',
    act: async (page) => {
      await page.getByRole('button', { name: '生成报告' }).click();
      await page.locator('.report-preview').waitFor();
    },
  },
  {
    name: 'review',
    user: 'county',
    path: '/review',
    ready: '.ant-upload-drag',
    act: async (page) => {
      const files = readdirSync(CORPUS)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .slice(0, 2);
      await page.locator('.ant-upload input[type=file]').setInputFiles(files.map((f) => join(CORPUS, f)));
      await page.locator('.review-result').first().waitFor({ timeout: 30_000 });
    },
  },
  { name: 'admin-orgs', user: 'admin', path: '/admin/orgs', ready: '.ant-tree-title' },
  { name: 'admin-users', user: 'admin', path: '/admin/users', ready: '.ant-table-row' },
  {
    name: 'admin-user-new',
    user: 'admin',
    path: '/admin/users',
    ready: '.ant-table-row',
    act: async (page) => {
      await page.getByRole('button', { name: '新建账号' }).click();
      const modal = await modalOpened(page, '.new-user-modal');
      await modal.getByLabel('用户名').fill('t01.wang');
      await modal.getByLabel('姓名').fill('王明');
      // 三员分立: the system administrator creates the account; the security administrator grants its role.
      await modal.getByLabel('所属组织').fill('南湖街道');
      await chooseOption(page, '南湖街道');
    },
  },
  { name: 'admin-audit', user: 'auditor', path: '/admin/audit', ready: '.ant-table' },
  { name: 'dispute-mobile', user: 't01.grid', path: '/m/dispute', ready: '.mobile-body form', mobile: true },
  {
    name: 'dispute-case-mobile',
    user: 't01.grid',
    path: '/m/dispute',
    ready: '.mobile-body form',
    mobile: true,
    act: async (page) => {
      await page.getByLabel('纠纷事由').fill('张某与李某因宅基地界址发生争执');
      await page.getByLabel('纠纷类型').click();
      await chooseOption(page, '土地山林纠纷');
      await page.getByRole('button', { name: /上\s*报/ }).click();
      await page.getByTestId('dispute-deadline').waitFor();
    },
  },
];

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  expect(statSync(file).size).toBeLessThanOrEqual(MAX_BYTES);
}

describe.runIf(chromiumAvailable())('界面截图与首屏性能', () => {
  let server: TestServer;
  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer({ townships: 6 });
  });
  afterAll(async () => server?.close());

  it('shoots the login page', async () => {
    const s = await openBrowser();
    await s.page.goto(server.url + '/');
    await s.page.getByLabel('用户名').waitFor();
    await shoot(s.page, 'login');
    expect(s.errors).toEqual([]);
    await s.close();
  });

  for (const shot of SHOTS) {
    it(`shoots ${shot.name}`, async () => {
      const s = await openBrowser(shot.mobile ? { width: 375, height: 740, mobile: true } : {});
      await login(s.page, server.url, shot.user, DEMO_PASSWORD);
      await s.page.goto(server.url + shot.path);
      await s.page.locator(shot.ready).first().waitFor({ timeout: 20_000 });
      await shot.act?.(s.page);
      await s.page.waitForLoadState('networkidle');
      // Nothing may push the page wider than the screen.
      const width = Number(await s.page.evaluate('document.documentElement.scrollWidth'));
      expect(width).toBeLessThanOrEqual(shot.mobile ? 375 : 1366);
      await shoot(s.page, shot.name);
      expect(s.errors).toEqual([]);
      await s.close();
    });
  }

  it('keeps the first load within its budget', async () => {
    const s = await openBrowser();
    await s.page.goto(server.url + '/');
    await s.page.getByLabel('用户名').waitFor();
    await s.page.waitForLoadState('networkidle');
    const paths = await s.page.evaluate<string[]>(
      "performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js'))",
    );
    // The entry script is in the document, not a resource entry of its own on every engine: add it.
    const entry = await s.page.evaluate<string[]>(
      "[...document.querySelectorAll('script[src]')].map((e) => new URL(e.src).pathname)",
    );
    const scripts = [...new Set([...entry, ...paths])];
    expect(scripts.length).toBeGreaterThan(0);
    const gz = scripts.map((p) => gzipSync(readFileSync(join(WEB_DIST, p)), { level: 9 }).length);
    const total = gz.reduce((a, b) => a + b, 0);
    console.log(`首屏脚本 ${scripts.length} 个，gzip 后 ${(total / 1024).toFixed(0)} KB`);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
    expect(s.errors).toEqual([]);
    await s.close();
  });

  it('measures the first load and the time to the dashboard charts', async () => {
    const s = await openBrowser();
    await login(s.page, server.url, 't01.staff', DEMO_PASSWORD);
    // A fresh navigation with the session in place: from request to the chart's first full drawing.
    await s.page.goto(server.url + '/dashboard');
    await s.page.locator('.echart[data-drawn]').first().waitFor({ timeout: 30_000 });
    const ms = Number(await s.page.evaluate('performance.now()'));
    const js = await s.page.evaluate(
      "performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => ({ name: e.name.split('/').pop(), bytes: e.transferSize }))",
    );
    const figure = { dashboardChartsMs: Math.round(ms), scripts: js };
    writeFileSync(join(SCREENSHOTS, 'perf.json'), JSON.stringify(figure, null, 2));
    console.log(`工作台图表绘制完成：导航后 ${figure.dashboardChartsMs} ms`);
    expect(s.errors).toEqual([]);
    await s.close();
  });
});
