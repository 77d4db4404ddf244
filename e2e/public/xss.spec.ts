import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, todayOf } from '../../src/core/dates.ts';
import { requestByCode } from '../../src/db/public.repo.ts';
import { codeHash } from '../../src/services/public/codes.ts';
import { portalCounties, portalTownships } from '../../src/services/public/portal.ts';
import { PDF } from '../../src/testing/disclosure.ts';
import { chromiumAvailable, login, motionEnded, openBrowser, type Session } from '../support/browser.ts';
import { ensureBuiltOnce } from '../support/build.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';
import { staffApi } from '../support/api.ts';
import { expectNoConsoleErrors } from '../support/suite.ts';

const DAY_MS = 86_400_000;

/** Script that would run if any text became markup: each pushes its number into the trap. */
const P = {
  script: '<script>window.__xss.push(1)</script>',
  img: '"><img src=x onerror="window.__xss.push(2)">',
  svg: '<svg onload=window.__xss.push(3)>',
  js: 'javascript:window.__xss.push(4)',
  breakout: `'"--></style></textarea><script>window.__xss.push(5)</script>`,
  /** For fields of 30 characters. */
  short: '<svg onload=__xss.push(6)>',
} as const;
const FIVE = [P.script, P.img, P.svg, P.js, P.breakout];

/** Every payload on one line, in Chinese text. */
const oneLine = (lead: string): string =>
  `${lead}：${P.script}，${P.img}；${P.svg}。${P.js}、${P.breakout}（完）`;
/** Every payload on its own line: the pages show such text as paragraphs. */
const lines = (lead: string): string =>
  [`${lead}`, `一、${P.script}`, `二、${P.img}`, `三、${P.svg}`, `四、${P.js}`, `五、${P.breakout}`].join(
    '\n',
  );

/**
 * Installed before any page script: the dialogs and a list that every payload would write to.
 * Playwright injects it outside the page's CSP.
 */
const TRAP = `window.__xss = [];
for (const k of ['alert', 'confirm', 'prompt'])
  window[k] = (...a) => { window.__xss.push(k + '(' + a.join(',') + ')'); return k === 'confirm' ? false : null; };`;

/** Markup a payload would have made: handler attributes, inline scripts, the payload's image, script URLs. */
const INJECTED = `(() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(el.tagName + '[' + a.name + ']');
    if (el.tagName === 'SCRIPT' && !el.getAttribute('src')) found.push('inline SCRIPT');
    for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href'])
      if (/^\\s*javascript:/i.test(el.getAttribute(name) ?? '')) found.push(el.tagName + '[' + name + ']');
  }
  for (const img of document.querySelectorAll('img[src="x"]')) found.push('IMG src=x');
  return found;
})()`;

interface Watched {
  readonly s: Session;
  readonly dialogs: string[];
}

/** A browser with the trap set on every page it opens, and every dialog recorded. */
async function watchedBrowser(opts: { width: number; height: number; mobile?: boolean }): Promise<Watched> {
  const s = await openBrowser(opts);
  await s.context.addInitScript({ content: TRAP });
  const dialogs: string[] = [];
  s.page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { s, dialogs };
}

/** Nothing ran, nothing became markup, nothing was refused by the CSP (that would be a console error). */
async function expectClean(w: Watched, where: string): Promise<void> {
  const { page } = w.s;
  expect(await page.evaluate('window.__xss'), `${where}: trap`).toEqual([]);
  expect(await page.evaluate(INJECTED), `${where}: injected markup`).toEqual([]);
  expect(w.dialogs, `${where}: dialogs`).toEqual([]);
  expect(w.s.errors, `${where}: console errors`).toEqual([]);
}

/** Each payload shown as the literal text it was written as. */
function expectLiteral(text: string, payloads: readonly string[], where: string): void {
  for (const p of payloads) expect(text, `${where} shows ${p}`).toContain(p);
}

/** Submits a portal form (proof of work first) and waits for the page it leads to. */
async function submitAndWait(page: Page, button: string, next: RegExp | string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(next, { timeout: 60_000 });
}

/**
 * Script in every text the public writes, and in the staff's text the public reads, never runs:
 * not on the portal (server-rendered, strict CSP) nor in the staff app (React). Each text is
 * shown as the literal characters written. The server's clock is moved past a consultation's
 * window, so the server is started here rather than by useE2E.
 */
describe.runIf(chromiumAvailable())('公开平台：跨站脚本（XSS）', () => {
  let clock = new Date('2025-03-03T02:00:00Z');
  let server: TestServer;
  let phone: Watched;
  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer({ townships: 2, clock: () => clock });
    phone = await watchedBrowser({ width: 375, height: 740, mobile: true });
  });
  afterAll(async () => {
    await phone?.s.close();
    await server?.close();
  });

  it('shows script in every public and staff text as text, on the portal and in the staff app', async () => {
    const { page } = phone.s;
    const { url, h } = server;
    const county = (await portalCounties(h))[0]!;
    const township = (await portalTownships(h, county))[0]!;
    const village = township.villages[0]!;
    const users = await h.db
      .selectFrom('users')
      .select(['username', 'role'])
      .where('org_id', '=', township.id)
      .execute();
    const staffName = users.find((u) => u.role === 'township_staff')!.username;
    const leaderName = users.find((u) => u.role === 'township_leader')!.username;
    const base = `${url}/public/${county.code}`;
    let leader = await staffApi(url, leaderName);
    let staff = await staffApi(url, staffName);

    // 依申请公开, a citizen: every text field carries script.
    const citizen = {
      name: `王${P.svg}`,
      address: `县城人民路8号${P.breakout}${P.img}`,
      email: `o'neil&x@example.cn`,
      description: lines('本镇2024年农村公路养护资金使用情况'),
    };
    await page.goto(`${base}/disclosure/apply`);
    await page.locator('#name').fill(citizen.name);
    await page.locator('#idNumber').fill('11010519491231002X');
    await page.locator('#phone').fill('13900139000');
    await page.locator('#address').fill(citizen.address);
    await page.locator('#email').fill(citizen.email);
    await page.locator('#township').selectOption({ label: township.name });
    await page.locator('#description').fill(citizen.description);
    await page.getByLabel('网上下载').check();
    await page.getByLabel('电子文档').check();
    await submitAndWait(page, '提交申请', /\/disclosure\/status\?code=.*&new=1$/);
    const citizenCode = await page.getByTestId('tracking-code').innerText();
    expect(await page.getByTestId('state').innerText()).toBe('办理中');
    await expectClean(phone, '依申请公开（公民）已提交');

    // 依申请公开, an organisation.
    const organisation = {
      orgName: `某某农业合作社${P.img}`,
      legalRep: `李${P.script}`,
      contact: `张${P.js}`,
      address: `县城建设路1号${P.svg}${P.breakout}`,
      description: oneLine('本镇2024年度农业补贴发放名单'),
    };
    await page.goto(`${base}/disclosure/apply`);
    await page.locator('input[name=applicantType][value=organisation]').check();
    await page.locator('#orgName').fill(organisation.orgName);
    await page.locator('#creditCode').fill('91430100MA4L12340T');
    await page.locator('#legalRep').fill(organisation.legalRep);
    await page.locator('#contact').fill(organisation.contact);
    await page.locator('#phone').fill('0731-12345678');
    await page.locator('#address').fill(organisation.address);
    await page.locator('#township').selectOption({ label: township.name });
    await page.locator('#description').fill(organisation.description);
    await page.getByLabel('当面领取').check();
    await page.getByLabel('纸质文本').check();
    await submitAndWait(page, '提交申请', /\/disclosure\/status\?code=.*&new=1$/);
    const organisationCode = await page.getByTestId('tracking-code').innerText();
    await expectClean(phone, '依申请公开（组织）已提交');

    const caseOf = async (kind: string, code: string) =>
      Number((await requestByCode(h.db, kind, codeHash(code)))?.record_id);
    const citizenCase = await caseOf('disclosure', citizenCode);
    const organisationCase = await caseOf('disclosure', organisationCode);

    // The township asks for 补正 with a reason the applicant reads.
    const correctionReason = lines('请写明需要哪一条道路的养护资金');
    await leader('POST', `/api/cases/${citizenCase}/transitions`, {
      action: 'ask_correction',
      reason: correctionReason,
    });
    const statusUrl = `${base}/disclosure/status?code=${encodeURIComponent(citizenCode)}`;
    await page.goto(statusUrl);
    expect(await page.getByTestId('state').innerText()).toBe('需要补正');
    await expectClean(phone, '需要补正');
    expectLiteral(await page.getByTestId('correction-what').innerText(), FIVE, '补正事项');

    const correction = {
      description: lines('2024年度县道X012线养护资金的拨付文件'),
      note: oneLine('补充说明'),
    };
    await page.getByLabel('补正后的申请内容').fill(correction.description);
    await page.getByLabel('补充说明（选填）').fill(correction.note);
    await page.getByRole('button', { name: '提交补正' }).click();
    await page.getByTestId('state').filter({ hasText: '办理中' }).waitFor({ timeout: 60_000 });
    await expectClean(phone, '补正已提交');

    // The leader extends the period; the reason is shown to the applicant.
    const extensionReason = lines('所需信息涉及多个年度的档案');
    await leader('POST', `/api/cases/${citizenCase}/transitions`, {
      action: 'extend',
      reason: extensionReason,
      values: { extension: 5 },
    });
    await page.goto(statusUrl);
    await expectClean(phone, '延长答复期限');
    expectLiteral(await page.locator('main .quote').innerText(), FIVE, '延长理由');

    // The reply document's name is shown too (the server drops < > : " / from file names).
    const fileName = `答复书'&amp;&#39;window.__xss.push(7).pdf`;
    await leader(
      'POST',
      `/api/cases/${citizenCase}/public-reply?name=${encodeURIComponent(fileName)}`,
      undefined,
      PDF,
    );
    await leader('POST', `/api/cases/${citizenCase}/transitions`, {
      action: 'reply',
      values: { replyType: 'disclosed' },
    });
    await page.goto(statusUrl);
    expect(await page.getByTestId('state').innerText()).toBe('已答复');
    await expectClean(phone, '已答复');
    expect(await page.locator('main').innerText()).toContain(fileName);

    // 公众参与: the township publishes a draft whose every text carries script, with a short window.
    const today = todayOf(clock.toISOString());
    const decisionTitle = `浏览器测试镇集贸市场搬迁${P.script}`;
    const consultation = {
      title: `关于《集贸市场搬迁方案${P.svg}（征求意见稿）》公开征求意见的公告`,
      explanation: lines('一、起草背景'),
      draft: lines('第一条 为改善群众购物环境，制定本方案'),
      shortReason: oneLine('汛期临近，需尽快搬迁'),
    };
    const decision = await staff<{ id: number }>('POST', '/api/cases', {
      type: 'major_decision',
      date: today,
      title: decisionTitle,
      data: {},
    });
    const published = await staff<{ id: number }>('POST', '/api/consultations', {
      caseId: decision.id,
      ...consultation,
      closesOn: addDays(today, 10),
    });

    await page.goto(`${base}/`);
    await expectClean(phone, '首页');
    expect(await page.locator('main').innerText()).toContain(consultation.title);
    await page.goto(`${base}/consultations`);
    await expectClean(phone, '意见征集列表');
    expect(await page.locator('main').innerText()).toContain(consultation.title);
    await page.locator('.list a').filter({ hasText: '集贸市场搬迁方案' }).click();
    await page.locator('h1').filter({ hasText: '集贸市场搬迁方案' }).waitFor();
    await expectClean(phone, '征求意见稿');
    const open = await page.locator('main').innerText();
    expectLiteral(
      open,
      [consultation.title, consultation.shortReason, ...consultation.explanation.split('\n')],
      '征求意见稿',
    );
    expectLiteral(open, consultation.draft.split('\n'), '草案文本');
    expect(await page.title()).toContain(consultation.title);

    const comment = {
      body: lines('建议搬迁期间设置临时摊位'),
      name: `赵${P.svg}`,
      contact: `${P.js} 13700001111`,
    };
    await page.locator('#body').fill(comment.body);
    await page.locator('#name').fill(comment.name);
    await page.locator('#contact').fill(comment.contact);
    const sent = page.waitForResponse((r) =>
      r.url().endsWith(`/api/public/consultations/${published.id}/comments`),
    );
    await page.getByRole('button', { name: '提交意见' }).click();
    expect((await sent).status()).toBe(201);
    await page.locator('.form-message.ok').waitFor();
    await expectClean(phone, '意见已提交');

    // 群众诉求: description and name carry script; the phone is a phone.
    const feedback = { description: lines('村道边的排水沟被填埋'), name: `刘${P.short}` };
    await page.goto(`${base}/feedback`);
    await page.locator('#category').selectOption({ label: '邻里纠纷' });
    await page.locator('#place').selectOption({ label: village.name });
    await page.locator('#description').fill(feedback.description);
    await page.locator('#name').fill(feedback.name);
    await page.locator('#phone').fill('139 0000 1234');
    await submitAndWait(page, '提交', '**/feedback/status?code=*');
    const feedbackCode = (await page.locator('.code').innerText()).trim();
    await expectClean(phone, '群众诉求已提交');
    const feedbackCase = await caseOf('feedback', feedbackCode);
    await leader('POST', `/api/cases/${feedbackCase}/transitions`, { action: 'resolve' });

    const ratingComment = oneLine('积水问题还没彻底解决');
    await page.reload();
    await page.getByLabel('不满意', { exact: true }).check();
    await page.locator('#comment').fill(ratingComment);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '您的评价' }).waitFor({ timeout: 60_000 });
    await expectClean(phone, '评价已提交');

    // The window closes; the comment is handled and the 意见采纳情况 published, script in each text.
    clock = new Date(clock.getTime() + 12 * DAY_MS);
    staff = await staffApi(url, staffName);
    leader = await staffApi(url, leaderName);
    const detail = await staff<{ items: { id: number; body: string; name: string; contact: string }[] }>(
      'GET',
      `/api/consultations/${published.id}`,
    );
    expect(detail.items.map((i) => [i.body, i.name, i.contact])).toEqual([
      [comment.body, comment.name, comment.contact],
    ]);
    const handling = {
      digest: oneLine('搬迁期间设置临时摊位'),
      reason: oneLine('在市场东侧空地设置临时摊位'),
    };
    await staff('PUT', `/api/consultations/${published.id}/comments/${detail.items[0]!.id}`, {
      decision: 'partly',
      ...handling,
    });
    const summary = lines('征求意见期间共收到意见1条，部分采纳1条');
    await staff('POST', `/api/consultations/${published.id}/summary`, { text: summary });

    await page.goto(`${base}/consultations/${published.id}`);
    await page.getByRole('heading', { name: '意见采纳情况' }).waitFor();
    await expectClean(phone, '意见采纳情况');
    const closed = await page.locator('main').innerText();
    expectLiteral(
      closed,
      [handling.digest, `理由：${handling.reason}`, ...summary.split('\n')],
      '意见采纳情况',
    );
    await page.locator('#summary').scrollIntoViewIfNeeded();
    await phone.s.screenshot('xss-consultation-summary');
    // The resident's own words, name and contact are never published.
    expect(closed).not.toContain('建议搬迁期间设置临时摊位');
    await page.goto(`${base}/consultations`);
    await expectClean(phone, '意见征集列表（已结束）');
    expect(await page.locator('main').innerText()).toContain(consultation.title);

    // Script in the address bar: what the portal echoes back it echoes as text.
    const reflected = `"><svg onload=window.__xss.push(8)>`;
    const q = encodeURIComponent(reflected);
    // A county's code is at most 30 characters.
    const countyQ = encodeURIComponent(P.short);
    // The refused page's own status is logged as a console error; a CSP refusal reads otherwise.
    const ownStatus = /^Failed to load resource: the server responded with a status of 4\d\d/;
    const addresses: [path: string, echoesCode: boolean][] = [
      [`${base}/track?code=${q}`, true],
      [`${base}/disclosure/status?code=${q}`, true],
      [`${base}/feedback/status?code=${q}`, false],
      [`${base}/disclosure?category=${q}`, false],
      [`${url}/public/${countyQ}/`, false],
      [`${url}/public/${countyQ}/consultations`, false],
      [`${url}/public/${countyQ}/disclosure/status?code=${q}`, false],
    ];
    for (const [path, echoesCode] of addresses) {
      await page.goto(path);
      const errors = phone.s.errors.filter((e) => !ownStatus.test(e));
      phone.s.errors.splice(0, phone.s.errors.length, ...errors);
      await expectClean(phone, path);
      if (echoesCode) expect(await page.locator('#code').inputValue(), path).toBe(reflected);
    }
    expectNoConsoleErrors({ server, s: phone.s });

    // The township's staff read the public's text in the staff app.
    const desk = await watchedBrowser({ width: 1366, height: 900 });
    try {
      const d = desk.s.page;
      await login(d, url, staffName, DEMO_PASSWORD);

      await d.goto(`${url}/cases?type=disclosure_request&open=${citizenCase}`);
      const request = d.getByTestId('public-request');
      await request.getByText('网上补正').waitFor();
      await expectClean(desk, '案件：网上申请（公民）');
      expectLiteral(
        await request.innerText(),
        [citizen.name, citizen.address, citizen.email, ...citizen.description.split('\n')],
        '网上申请（公民）',
      );
      expectLiteral(
        await request.innerText(),
        [...correction.description.split('\n'), `补充说明：${correction.note}`],
        '网上补正',
      );

      await d.goto(`${url}/cases?type=disclosure_request&open=${organisationCase}`);
      await request.getByText(organisation.legalRep).waitFor();
      await expectClean(desk, '案件：网上申请（组织）');
      expectLiteral(
        await request.innerText(),
        [
          organisation.orgName,
          organisation.legalRep,
          organisation.contact,
          organisation.address,
          organisation.description,
        ],
        '网上申请（组织）',
      );

      await d.goto(`${url}/cases?type=dispute&open=${feedbackCase}`);
      const panel = d.getByTestId('feedback-panel');
      await panel.getByText('不满意').waitFor();
      await expectClean(desk, '案件：群众诉求');
      expectLiteral(
        await panel.innerText(),
        [feedback.name, ratingComment, ...feedback.description.split('\n')],
        '群众诉求',
      );

      await d.goto(`${url}/consultations`);
      await d.getByText(consultation.title).first().waitFor();
      await expectClean(desk, '公众参与');
      await d.goto(`${url}/consultations/${published.id}`);
      const row = d.locator('.comments-table .ant-table-row').first();
      await row.waitFor();
      await row.locator('.ant-typography-expand').click();
      await expectClean(desk, '公众意见');
      expectLiteral(
        await row.innerText(),
        [comment.name, comment.contact, handling.digest, handling.reason, ...comment.body.split('\n')],
        '公众意见',
      );
      // Each panel has grown open before the next header is clicked: while 起草说明 grows, the header
      // below it moves down, and a click aimed at it lands on the growing text.
      for (const label of ['起草说明', '草案文本']) {
        const item = d
          .locator('.ant-collapse-item')
          .filter({ has: d.locator('.ant-collapse-header', { hasText: label }) });
        await item.locator('.ant-collapse-header').click();
        await motionEnded(item.locator('.ant-collapse-panel'));
      }
      await d.locator('.consultation-text').filter({ hasText: '第一条' }).waitFor({ timeout: 60_000 });
      await expectClean(desk, '公众参与详情');
      const view = await d.locator('.consultation-detail').innerText();
      expectLiteral(
        view,
        [
          consultation.title,
          decisionTitle,
          consultation.shortReason,
          ...consultation.explanation.split('\n'),
          ...consultation.draft.split('\n'),
          ...summary.split('\n'),
        ],
        '公众参与详情',
      );
      await desk.s.screenshot('xss-staff-consultation');
    } finally {
      await desk.s.close();
    }
  }, 240_000);
});
