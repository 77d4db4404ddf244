import { expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');

/** True when Debian's Chromium is installed; otherwise one loud line (and in CI, a failure). */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const msg = `未找到 Chromium（${CHROMIUM}）：浏览器测试未运行。请执行 apt-get install -y chromium fonts-noto-cjk`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n!!!!! ${msg} !!!!!\n`);
  return false;
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far; a spec fails if any. */
  readonly errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, one page, and every console error collected. */
export async function openBrowser(
  opts: { width?: number; height?: number; mobile?: boolean } = {},
): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'fazhi-chromium-'));
  // A fresh profile per session: nothing carries over between specs.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
    ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Fail fast with a locator's name rather than at the test's own timeout.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    errors,
    async screenshot(name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form and waits for the app shell. */
export async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base + '/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.app-shell, .mobile-page').first().waitFor({ timeout: 20_000 });
}

/**
 * Moves the pointer off the header after clicking one of its buttons: the user menu beside them
 * opens on hover, and when the header's items shift as the next page loads, a pointer left there
 * can hold it open over the page's own top-right buttons.
 */
export async function pointerOffHeader(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.mouse.move(size ? size.width / 2 : 400, size ? size.height - 10 : 600);
  await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').first().waitFor({ state: 'hidden' });
}

/** Picks an option of the open Ant Design select and waits for its popup to close (it animates). */
export async function chooseOption(page: Page, title: string): Promise<void> {
  await dropdownOpened(page);
  await page.locator('.ant-select-dropdown:visible').getByTitle(title).click();
  await dropdownClosed(page);
}

/** Picks the open dropdown's first option and waits until the dropdown has closed. */
export async function chooseFirstOption(page: Page): Promise<void> {
  await dropdownOpened(page);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await dropdownClosed(page);
}

/** An opening dropdown slides in: an option clicked meanwhile may not be taken. Wait until it has. */
async function dropdownOpened(page: Page): Promise<void> {
  await motionEnded(page.locator('.ant-select-dropdown:visible'));
}

/**
 * The modal under `root` (its `rootClassName`), once it has zoomed in: while it grows, a click aimed at its
 * button may land on the modal's body and do nothing.
 */
export async function modalOpened(page: Page, root: string): Promise<Locator> {
  const modal = page.locator(`${root} .ant-modal`);
  await motionEnded(modal);
  return modal;
}

/**
 * `drawer` (an `.ant-drawer`), once it has slid in: while it slides, a click aimed at something in it
 * lands where that thing was a frame before.
 */
export async function drawerOpened(drawer: Locator): Promise<Locator> {
  await motionEnded(drawer.locator('.ant-drawer-content-wrapper'));
  return drawer;
}

/** A closing date picker's popup still covers the fields under it: wait until none is visible. */
export async function pickerClosed(page: Page): Promise<void> {
  await noneVisible(page, '.ant-picker-dropdown');
}

/** Waits for `el` (a modal, dropdown or popover) to be visible with its appear/enter motion classes gone. */
export async function motionEnded(el: Locator): Promise<void> {
  await el.waitFor();
  await expect
    .poll(async () => /-(appear|enter)/.test((await el.getAttribute('class')) ?? ''), { timeout: 15_000 })
    .toBe(false);
}

/**
 * Opens a group of the side menu and follows one of its pages. The group's list grows in: an item
 * clicked while it grows may be under the pointer one frame and not the next, so the click waits.
 */
export async function openMenuPage(page: Page, group: string, item: string): Promise<void> {
  const menu = page.locator('.app-sider .ant-menu');
  const sub = menu.locator('.ant-menu-submenu').filter({ has: page.getByText(group, { exact: true }) });
  if (!((await sub.getAttribute('class')) ?? '').includes('ant-menu-submenu-open'))
    await sub.locator(':scope > .ant-menu-submenu-title').click();
  const list = sub.locator(':scope > ul.ant-menu-sub');
  await motionEnded(list);
  await list.getByText(item, { exact: true }).click();
}

/** A closing dropdown still covers what lies under it: wait until none is visible. */
async function dropdownClosed(page: Page): Promise<void> {
  await noneVisible(page, '.ant-select-dropdown');
}

/** Waits until no element matching `selector` is visible (a popup has finished closing). */
async function noneVisible(page: Page, selector: string): Promise<void> {
  await expect.poll(() => page.locator(`${selector}:visible`).count(), { timeout: 15_000 }).toBe(0);
}
