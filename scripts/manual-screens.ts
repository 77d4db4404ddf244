/**
 * Screenshots for docs/用户手册.md: each role's main work on the demo county, taken with Debian's
 * Chromium against a server of its own on a fresh demo database. Run: node bin/run-ts.js scripts/manual-screens.ts
 * Writes docs/images/manual/*.png (small: one device pixel per CSS pixel).
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuild } from '../src/cli/web-build.ts';
import { CHROMIUM } from '../e2e/support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../e2e/support/server.ts';

const OUT = resolve(import.meta.dirname, '../docs/images/manual');

interface Shot {
  readonly name: string;
  readonly user: string;
  readonly path: string;
  /** What must be on screen before the shot. */
  readonly ready: string;
  readonly phone?: boolean;
  readonly act?: (page: Page, server: TestServer) => Promise<void>;
}

/** Opens an Ant Design select by its label and picks the option with this title. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option).click();
}

const SHOTS: readonly Shot[] = [
  // 乡镇工作人员: the ledger and its entry form, cases with their deadlines, the year's report.
  {
    name: 'staff-ledger',
    user: 't01.staff',
    path: '/ledger/publicity_event',
    ready: '.ant-table-row',
    act: async (page) => {
      await page.getByRole('button', { name: /新\s*增/ }).click();
      await page.locator('.ant-drawer-body form, .ant-modal-body form').first().waitFor();
    },
  },
  {
    name: 'staff-cases',
    user: 't01.staff',
    path: '/cases?type=dispute',
    ready: '.case-board, .cases-page .ant-table-row',
  },
  { name: 'staff-report', user: 't01.staff', path: '/report/cycle', ready: '.cycle-page' },
  // 乡镇负责人: the dashboard, a figure's explanation, the same on a phone, signing the report.
  { name: 'leader-dashboard', user: 't01.leader', path: '/dashboard', ready: '.echart[data-drawn]' },
  {
    name: 'leader-explain',
    user: 't01.leader',
    path: '/dashboard',
    ready: '.echart[data-drawn]',
    act: async (page) => {
      await page.locator('.indicator-card[data-key="disputes.resolution_rate"]').click();
      await page.locator('.explain-table tr.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'leader-phone',
    user: 't01.leader',
    path: '/dashboard',
    ready: '.indicator-list',
    phone: true,
    act: async (page) => {
      await page.locator('.indicator-list').scrollIntoViewIfNeeded();
    },
  },
  // 县级部门: the county's dashboard and the townships' reports in the cycle.
  { name: 'county-dashboard', user: 'county', path: '/dashboard', ready: '.echart[data-drawn]' },
  { name: 'county-cycle', user: 'county', path: '/cycle', ready: '.ant-table-row' },
  // 网格员: the phone form with a photo, and 我的上报.
  {
    name: 'grid-report',
    user: 't01.grid',
    path: '/m/dispute',
    ready: '.mobile-body form',
    phone: true,
    act: async (page) => {
      await page.getByLabel('纠纷事由').fill('张某与李某因宅基地界址发生争执');
      await choose(page, '纠纷类型', '土地山林纠纷');
      await page.getByLabel('当事人').fill('张某、李某');
    },
  },
  {
    name: 'grid-mine',
    user: 't01.grid',
    path: '/m/dispute',
    ready: '.mobile-body form',
    phone: true,
    act: async (page, server) => {
      await page.getByLabel('纠纷事由').fill('两户因排水沟堵塞发生争执');
      await choose(page, '纠纷类型', '邻里纠纷');
      await page.getByRole('button', { name: /上\s*报/ }).click();
      await page.getByTestId('dispute-deadline').waitFor();
      await page.goto(server.url + '/m/mine');
      await page.locator('.mobile-report').first().waitFor();
    },
  },
  // 系统管理员: accounts (created without a role) and the holiday calendar.
  { name: 'admin-users', user: 'admin', path: '/admin/users', ready: '.ant-table-row' },
  { name: 'admin-calendar', user: 'admin', path: '/admin/calendar', ready: '.calendar-page' },
  // 安全管理员: granting a role and data scope.
  {
    name: 'secadmin-grant',
    user: 'secadmin',
    path: '/admin/users',
    ready: '.ant-table-row',
    act: async (page) => {
      await page.getByRole('button', { name: '分配角色' }).first().click();
      await page.locator('.ant-modal-body form').waitFor();
    },
  },
  // 审计员: the audit log.
  { name: 'auditor-audit', user: 'auditor', path: '/admin/audit', ready: '.ant-table-row' },
];

async function take(browser: Browser, server: TestServer, shot: Shot): Promise<void> {
  const context = await browser.newContext({
    viewport: shot.phone ? { width: 375, height: 740 } : { width: 1280, height: 760 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    ...(shot.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  try {
    await page.goto(server.url + '/');
    await page.getByLabel('用户名').fill(shot.user);
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('.app-shell, .mobile-page').first().waitFor();
    await page.goto(server.url + shot.path);
    await page.locator(shot.ready).first().waitFor();
    await shot.act?.(page, server);
    await page.waitForLoadState('networkidle');
    // Animations (drawers, dropdowns) settle before the picture.
    await page.waitForTimeout(600);
    const file = join(OUT, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(`${shot.name}.png ${Math.round(statSync(file).size / 1024)} KB`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await ensureWebBuild();
  const server = await startServer({ townships: 6 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const only = process.argv.slice(2);
  let failed = 0;
  try {
    for (const shot of SHOTS.filter((s) => only.length === 0 || only.includes(s.name)))
      await take(browser, server, shot).catch((e: unknown) => {
        failed++;
        console.error(`${shot.name}：${e instanceof Error ? e.message : String(e)}`);
      });
  } finally {
    await browser.close();
    await server.close();
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
