import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltOnce } from '../support/build.ts';
import {
  chooseOption,
  chromiumAvailable,
  drawerOpened,
  login,
  modalOpened,
  motionEnded,
  openBrowser,
  SCREENSHOTS,
  type Session,
} from '../support/browser.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';

/** Set FAZHI_DOC_SCREENSHOTS=1 to refresh docs/screenshots (as e2e/screens does); otherwise e2e/screenshots. */
const OUT = process.env.FAZHI_DOC_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : SCREENSHOTS;
const MAX_SHOT_BYTES = 250 * 1024;

interface Row {
  readonly townshipId: number;
  readonly township: string;
  readonly code: string;
  readonly state: string;
}

/** The signed-in user's view of the year's reports, straight from the API. */
const cycleRows = (page: Page, year: number): Promise<Row[]> =>
  page.evaluate(async (y) => {
    const res = await fetch(`/api/cycle?year=${y}`);
    return ((await res.json()) as { items: Row[] }).items;
  }, year);

/** A write through the API with the session's CSRF token, as the app's own client sends it. */
async function apiWrite(page: Page, method: string, path: string, body: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'fazhi_csrf')?.value ?? '';
  return page.evaluate(
    async ({ method, path, body, token }) => {
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(token) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    },
    { method, path, body, token: csrf },
  );
}

/** Screenshots the page, or only `part` of it: a dialog over a page of text, or a region of the window. */
async function shoot(
  page: Page,
  name: string,
  part?: Locator | { x: number; y: number; width: number; height: number },
): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.png`);
  if (part && 'screenshot' in part) await part.screenshot({ path: file });
  else await page.screenshot({ path: file, ...(part ? { clip: part } : {}) });
  expect(statSync(file).size).toBeLessThanOrEqual(MAX_SHOT_BYTES);
}

describe.runIf(chromiumAvailable())('年度报告报送流程', () => {
  let server: TestServer;
  let s: Session;
  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer();
    s = await openBrowser({ height: 900 });
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  /** Signs out whoever is signed in and signs in as `username`. */
  async function as(username: string): Promise<Page> {
    await s.context.clearCookies();
    await login(s.page, server.url, username, DEMO_PASSWORD);
    return s.page;
  }

  /** The state badge of the page or drawer shows `label`. */
  const stateIs = (page: Page, scope: string, label: string) =>
    page
      .locator(`${scope} .cycle-state`)
      .filter({ hasText: new RegExp(`^${label}$`) })
      .waitFor();

  /** Takes a step through its button and its modal. */
  async function step(page: Page, label: string, fill?: (page: Page) => Promise<void>): Promise<void> {
    await page.getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) }).click();
    const modal = await modalOpened(page, '.cycle-step-modal');
    await fill?.(page);
    await modal.getByRole('button', { name: `确认${label}` }).click();
    // Either the modal closes or the server's refusal shows in it: fail with that refusal.
    const refusal = modal.locator('.cycle-step-error');
    // Signing renders the .docx and submitting reviews it on the worker pool: allow them their time.
    await Promise.race([
      modal.waitFor({ state: 'hidden', timeout: 90_000 }),
      refusal.waitFor({ timeout: 90_000 }),
    ]).catch(async (e: unknown) => {
      // Say whether the request was still pending (the button loading) or never went out.
      const pending = await modal.locator('.ant-btn-loading').count();
      throw new Error(`${label}：对话框未关闭（${pending ? '请求仍在等待服务器' : '请求未发出'}）`, {
        cause: e,
      });
    });
    if (await refusal.isVisible()) throw new Error(`${label}被拒绝：${await refusal.innerText()}`);
  }

  /** Opens a paragraph's editor, writes `text`, saves, and waits for the saved text on the page. */
  async function editParagraph(page: Page, key: string, text: (old: string) => string): Promise<string> {
    const para = page.locator(`.cycle-para[data-key="${key}"]`);
    await para.locator('p').click();
    const box = para.getByRole('textbox');
    const next = text(await box.inputValue());
    await box.fill(next);
    await para.getByRole('button', { name: /保\s*存/ }).click();
    await para
      .locator('p')
      .filter({ hasText: next.slice(-12) })
      .waitFor();
    return next;
  }

  it('walks a township report from draft to publication and shows it to the public', async () => {
    let page = await as('t01.staff');
    const [own] = await cycleRows(page, server.year);
    expect(own).toBeDefined();
    // The demo may have started its report year's cycle: then the year before, whose ledger it also holds.
    const year = own!.state === 'not_started' ? server.year : server.year - 1;
    const town = (await cycleRows(page, year))[0]!;
    expect(town.state).toBe('not_started');
    const reportPath = `/api/cycle/${town.townshipId}/${year}`;

    await page.goto(`${server.url}/report/cycle`);
    await page.getByRole('combobox', { name: '年度' }).click();
    await chooseOption(page, `${year} 年度`);
    await page.getByRole('heading', { name: `${town.township}${year}年度法治政府建设情况报告` }).waitFor();
    await stateIs(page, '.cycle-head', '未开始');
    // The generator stays one tab away.
    await page.getByRole('tab', { name: '生成与下载' }).waitFor();

    // 1. A paragraph edited in place becomes version 1 and the report is being drafted.
    // The first count in the opening is overstated by 2, for the review on arrival to find against the ledger.
    // A figure is a chip bound to its indicator: it opens the ledger records behind it.
    const chips = page.locator('.cycle-para[data-key="intro"] .cycle-figure');
    const chipCount = await chips.count();
    expect(chipCount).toBeGreaterThan(1);
    await chips.first().click();
    const explain = await drawerOpened(
      page.locator('.ant-drawer').filter({ has: page.locator('.explain-table') }),
    );
    await explain.locator('.explain-table tbody tr.ant-table-row').first().waitFor();
    await explain.getByText('依据记录').waitFor();
    await explain.locator('.ant-drawer-close').click();
    await explain.waitFor({ state: 'hidden' });
    let stated = '';
    const intro = await editParagraph(page, 'intro', (old) => {
      const m = /(\d+)件/.exec(old);
      expect(m, '开头段落应有以“件”计的数据').not.toBeNull();
      stated = `${Number(m![1]) + 2}件`;
      return `${old.replace(m![0], stated)}全年工作经党委会专题研究部署。`;
    });
    await stateIs(page, '.cycle-head', '起草中');
    await page.locator('.cycle-versions li[data-seq="1"]').waitFor();
    // Rewritten by hand, the paragraph keeps its other figures bound; the changed count is plain text.
    expect(await chips.filter({ hasText: new RegExp(`^${stated}$`) }).count()).toBe(0);
    expect(await chips.count()).toBe(chipCount - 1);

    // A save built on a version someone else has since changed in the same paragraph is refused; the text stays.
    const para = page.locator('.cycle-para[data-key="intro"]');
    await para.locator('p').click();
    const mine = `${intro}（第二次修改）`;
    await para.getByRole('textbox').fill(mine);
    const other = await apiWrite(page, 'PUT', `${reportPath}/draft`, {
      baseVersion: 1,
      edits: { paragraphs: { intro: `${intro}（他人修改）` } },
    });
    expect(other.status).toBe(200);
    await para.getByRole('button', { name: /保\s*存/ }).click();
    await para.locator('.cycle-save-error').filter({ hasText: '保存失败' }).waitFor();
    expect(await para.getByRole('textbox').inputValue()).toBe(mine);
    // Built again on the latest version, the same text saves.
    await para.getByRole('button', { name: '载入最新版本' }).click();
    await page.locator('.cycle-versions li[data-seq="2"]').waitFor();
    await para.getByRole('button', { name: /保\s*存/ }).click();
    await para.locator('p').filter({ hasText: '（第二次修改）' }).waitFor();
    await page.locator('.cycle-versions li[data-seq="3"]').waitFor();

    await step(page, '提请签发');
    await stateIs(page, '.cycle-head', '待签发');
    // Awaiting signature, the draft is no longer editable.
    await page.locator('.cycle-document').getByText('当前状态下不能修改').waitFor();

    // 2. The leader signs.
    page = await as('t01.leader');
    await page.goto(`${server.url}/report/cycle`);
    await stateIs(page, '.cycle-head', '待签发');
    await step(page, '签发');
    await stateIs(page, '.cycle-head', '已签发');
    await page.locator('.cycle-versions li').filter({ hasText: '签发稿' }).first().waitFor();

    // 3. The staff submits it; it is reviewed on arrival.
    page = await as('t01.staff');
    await page.goto(`${server.url}/report/cycle`);
    await step(page, '报送县依法治县办');
    await stateIs(page, '.cycle-head', '已报送');
    await page.locator('.cycle-review').waitFor();
    // The overstated count is named with both values: the report's and the ledger's.
    const mismatch = page.locator('.cycle-review .cycle-cross').filter({ hasText: stated }).first();
    await mismatch.waitFor();
    expect(await mismatch.innerText()).toMatch(/台账\s*\d+件/);

    // 4. The county office returns it with a comment.
    const comment = '第一部分请补充年度法治督察发现问题的整改情况，并核实待补充事项。';
    page = await as('county');
    await page.goto(`${server.url}/cycle`);
    const row = page.locator('.cycle-table .ant-table-row').filter({ hasText: town.township });
    await row.locator('.cycle-state').filter({ hasText: '已报送' }).waitFor();
    await row.click();
    const drawer = await drawerOpened(page.locator('.cycle-drawer'));
    await stateIs(page, '.cycle-drawer', '已报送');
    await drawer.locator('.cycle-review').waitFor();
    await shoot(page, 'cycle-county-review');
    // A return with neither a comment nor a paragraph note is not sent.
    await drawer.getByRole('button', { name: /^退\s*回\s*乡\s*镇\s*修\s*改$/ }).click();
    const modal = await modalOpened(page, '.cycle-step-modal');
    await modal.getByRole('button', { name: '确认退回乡镇修改' }).click();
    await modal.getByText('请写明意见，或在正文段落旁写批注').waitFor();
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
    // A note written beside one paragraph of the text goes out with the return.
    const note = '此段数据请与台账逐项核对后再报。';
    await drawer.getByRole('tab', { name: '报告正文' }).click();
    const notedPara = drawer.locator('.cycle-para').nth(2);
    const notedKey = (await notedPara.getAttribute('data-key'))!;
    await notedPara.getByRole('button', { name: /^批注/ }).click();
    await notedPara.getByRole('textbox').fill(note);
    await notedPara.getByRole('button', { name: '保存批注' }).click();
    await notedPara.locator('.cycle-note.staged').filter({ hasText: note }).waitFor();
    await shoot(page, 'cycle-county-note', notedPara);
    await step(page, '退回乡镇修改', async (p) => {
      await p.locator('.cycle-outgoing-notes').filter({ hasText: note }).waitFor();
      await p.getByLabel('退回意见').fill(comment);
    });
    await stateIs(page, '.cycle-drawer', '已退回');
    await row.locator('.cycle-state').filter({ hasText: '已退回' }).waitFor();

    // 5. The staff sees the comment, fixes a paragraph found from the checklist, and sends it again.
    page = await as('t01.staff');
    await page.goto(`${server.url}/report/cycle`);
    await page.locator('.cycle-returned').filter({ hasText: comment }).waitFor();
    // The note stands under its paragraph, and the notice links to it.
    await page.locator(`.cycle-note[data-note-key="${notedKey}"]`).filter({ hasText: note }).waitFor();
    await page.locator('.cycle-returned-notes').filter({ hasText: note }).waitFor();
    // A step out of order is refused and kept in the history, in red with its reason.
    const refused = await apiWrite(page, 'POST', `${reportPath}/steps`, { step: 'sign' });
    expect(refused.status).toBe(403);
    const early = await apiWrite(page, 'POST', `${reportPath}/steps`, { step: 'request_signature' });
    expect(early.status).toBe(409);
    const checklist = page.locator('.cycle-placeholders li');
    const before = await checklist.count();
    const target = checklist.filter({ has: page.locator('.ant-btn-link') }).first();
    let key = 'intro';
    if (before > 0 && (await target.count()) > 0) {
      await target.locator('.ant-btn-link').click();
      key = (await page.locator('.cycle-para.flash').getAttribute('data-key')) ?? 'intro';
    }
    const fixed = await editParagraph(
      page,
      key,
      (old) => `${old.replace(/【待[^】]*】/g, '')}年度督察发现问题已全部整改。`,
    );
    expect(fixed).not.toMatch(/【待/);
    await stateIs(page, '.cycle-head', '起草中');
    // The county's comment stays beside the draft until it is sent again.
    await page.locator('.cycle-returned').filter({ hasText: comment }).waitFor();
    await page.reload();
    await page.locator('.cycle-event.refused').filter({ hasText: '原因：' }).first().waitFor();
    if (key !== 'intro') expect(await checklist.count()).toBeLessThan(before);
    await shoot(page, 'cycle-township');

    // The first draft and the latest compared: the fixed paragraph shows as changed, its new words marked.
    const versions = page.locator('.cycle-versions li');
    const latest = Number(await versions.first().getAttribute('data-seq'));
    await page.getByRole('checkbox', { name: '选择第 1 版' }).check();
    await page.getByRole('checkbox', { name: `选择第 ${latest} 版` }).check();
    await page.getByRole('button', { name: /比\s*较$/ }).click();
    const compare = await modalOpened(page, '.cycle-compare-modal');
    const changed = compare
      .locator('.cycle-change[data-kind="changed"]')
      .filter({ hasText: '年度督察发现问题已全部整改。' });
    await changed.waitFor();
    expect(await changed.locator('ins').innerText()).toContain('年度督察发现问题已全部整改');
    await compare.getByText(`比较第 1 版与第 ${latest} 版`).waitFor();
    await shoot(page, 'cycle-compare', compare);
    await compare.locator('.ant-modal-close').click();
    await compare.waitFor({ state: 'hidden' });

    // Version 1 restored is a new version without the later changes; the latest restored brings them back.
    const versionsCard = page.locator('.cycle-side .ant-card').filter({ has: versions });
    const restore = async (seq: number, next: number) => {
      await page
        .locator(`.cycle-versions li[data-seq="${seq}"]`)
        .getByRole('button', { name: '恢复此版本' })
        .click();
      const confirm = page.locator('.ant-popconfirm').filter({ hasText: `恢复第 ${seq} 版？` });
      // It zooms in: a click on its button before that may land beside it and do nothing.
      await motionEnded(confirm);
      if (seq === 1) {
        // The versions card with the confirmation beside it (pushed left of the button by the window's edge).
        const box = await versionsCard.boundingBox();
        const pop = await confirm.boundingBox();
        expect(box && pop).toBeTruthy();
        // The part of the card in the window, below the fixed top bar.
        const x = Math.min(box!.x, pop!.x);
        const y = Math.max(box!.y, 64);
        const bottom = Math.min(box!.y + box!.height, page.viewportSize()!.height);
        await shoot(page, 'cycle-versions', { x, y, width: box!.x + box!.width - x, height: bottom - y });
      }
      await confirm.getByRole('button', { name: /^恢\s*复$/ }).click();
      await page
        .locator(`.cycle-versions li[data-seq="${next}"]`)
        .filter({ hasText: `恢复第 ${seq} 版` })
        // A restore saves a new version and reloads the list: slow when another suite shares the cores.
        .waitFor({ timeout: 60_000 });
    };
    await restore(1, latest + 1);
    const introPara = page.locator('.cycle-para[data-key="intro"] p');
    await introPara.filter({ hasText: '（第二次修改）' }).waitFor({ state: 'detached' });
    await page
      .locator('.cycle-para p')
      .filter({ hasText: '年度督察发现问题已全部整改。' })
      .waitFor({ state: 'detached' });
    expect(await introPara.innerText()).toContain('全年工作经党委会专题研究部署。');
    await restore(latest, latest + 2);
    await page
      .locator('.cycle-para p')
      .filter({ hasText: fixed.slice(-12) })
      .waitFor();

    // A dispute entered in the ledger after the save changes the draft's figures: the page says so and lists them.
    const entered = await apiWrite(page, 'POST', '/api/records', {
      kind: 'dispute',
      date: `${year}-06-15`,
      title: '村民宅基地边界纠纷（补录）',
      data: { disputeType: 'other', status: 'pending' },
    });
    expect(entered.status, entered.body).toBe(201);
    await page.reload();
    const notice = page
      .locator('.cycle-ledger-notice')
      .filter({ hasText: new RegExp(`台账自第 ${latest + 2} 版保存以来有变动，草稿中 \\d+ 段随之更新`) });
    await notice.waitFor();
    await notice.getByRole('button', { name: /查\s*看/ }).click();
    const ledgerModal = await modalOpened(page, '.cycle-ledger-modal');
    await ledgerModal.locator('.cycle-change').first().waitFor();
    const listed = await ledgerModal.locator('.cycle-change').count();
    expect(await notice.innerText()).toContain(`草稿中 ${listed} 段随之更新`);
    await shoot(page, 'cycle-ledger-changes', ledgerModal);
    await ledgerModal.locator('.ant-modal-close').click();
    await ledgerModal.waitFor({ state: 'hidden' });

    await step(page, '提请签发');
    await stateIs(page, '.cycle-head', '待签发');

    page = await as('t01.leader');
    await page.goto(`${server.url}/report/cycle`);
    await stateIs(page, '.cycle-head', '待签发');
    // The leader reviews the draft as it would be signed: the overstated count is found before 签发.
    await page.getByRole('button', { name: '签发前审阅' }).click();
    const preview = page.locator('.cycle-draft-review .cycle-review').filter({ hasText: '与台账核对' });
    await preview.waitFor({ timeout: 90_000 });
    await preview.locator('.cycle-cross').filter({ hasText: stated }).first().waitFor();
    await shoot(page, 'cycle-draft-review');
    await step(page, '签发');
    await stateIs(page, '.cycle-head', '已签发');

    page = await as('t01.staff');
    await page.goto(`${server.url}/report/cycle`);
    await step(page, '报送县依法治县办');
    await stateIs(page, '.cycle-head', '已报送');

    // 6. The county office accepts it, records the 保密审查 and publishes it.
    page = await as('county');
    await page.goto(`${server.url}/cycle`);
    await row.click();
    await drawerOpened(drawer);
    await stateIs(page, '.cycle-drawer', '已报送');
    await step(page, '审核通过');
    await stateIs(page, '.cycle-drawer', '已通过');
    await step(page, '保密审查', async (p) => {
      await p.getByLabel('审查人').fill('周敏');
    });
    await stateIs(page, '.cycle-drawer', '已保密审查');
    await step(page, '公开发布');
    await stateIs(page, '.cycle-drawer', '已公开');
    const link = drawer.locator('.cycle-public-link');
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/public/reports/${town.code}/${year}`);
    await drawer.getByRole('tab', { name: /版本与流程记录/ }).click();
    await drawer.locator('.cycle-event').filter({ hasText: '审查人 周敏' }).waitFor();
    // The table, read afresh, shows the township published with its public link.
    await page.goto(`${server.url}/cycle`);
    await row.locator('.cycle-state').filter({ hasText: '已公开' }).waitFor();
    expect(await row.getByRole('link', { name: /查看/ }).getAttribute('href')).toBe(href);
    await shoot(page, 'cycle-county');
    // The browser logs the refusals this walk provoked (the conflicting save, the two steps out of turn); nothing else.
    expect(s.errors).toHaveLength(3);
    [409, 403, 409].forEach((n, i) => expect(s.errors[i]).toContain(`status of ${n}`));

    // 7. Anyone, without signing in, reads the published report.
    const pub = await openBrowser();
    try {
      const res = await pub.page.goto(server.url + href!);
      expect(res?.status()).toBe(200);
      const body = await pub.page.locator('body').innerText();
      expect(body).toContain(`${town.township} · ${year}年度`);
      expect(body).toContain('全年工作经党委会专题研究部署。（第二次修改）');
      expect(body).toContain('年度督察发现问题已全部整改。');
      // The page's own <style> is refused by the API's CSP (default-src 'none', src/http/security.ts), so it
      // shows unstyled; the text is all there. Any other error fails.
      expect(
        pub.errors.filter((m) => !/Applying inline style violates .*Content Security Policy/.test(m)),
      ).toEqual([]);
    } finally {
      await pub.close();
    }
  }, 300_000);
});
