import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperKey, plus, seedBank } from '../../src/testing/exams.ts';
import { staffApi } from '../support/api.ts';
import {
  chromiumAvailable,
  drawerOpened,
  login,
  modalOpened,
  openBrowser,
  type Session,
} from '../support/browser.ts';
import { ensureBuiltOnce } from '../support/build.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';

const WIDTH = 375;
const TITLE = '本年度乡镇干部学法考试';
const MINUTE = 60_000;

interface Started {
  readonly sittingId: number;
  readonly remainingSeconds: number;
  readonly questions: readonly { position: number; type: string }[];
}

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function fitsPhone(page: Page): Promise<void> {
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(WIDTH);
}

/** An indicator's figure for this year on the phone dashboard's 全部指标 list (paged ten at a time). */
async function figure(page: Page, base: string, label: string): Promise<string> {
  await page.goto(`${base}/dashboard`);
  const list = page.getByRole('list', { name: '全部指标' });
  await list.locator('.indicator-item').first().waitFor();
  const line = list
    .locator('.indicator-item')
    .filter({ has: page.locator('.indicator-item-name', { hasText: new RegExp(`^${label}$`) }) });
  for (let n = 0; (await line.count()) === 0 && n < 8; n++)
    await page.locator('.indicator-list + .ant-pagination .ant-pagination-next').click();
  return (await line.locator('.indicator-item-figures b').innerText()).trim();
}

/** The timer's time left in seconds. */
async function timeLeft(page: Page): Promise<number> {
  const t = (await page.getByRole('timer').innerText()).trim();
  return t
    .replace(/[^\d:]/g, '')
    .split(':')
    .reduce((s, part) => s * 60 + Number(part), 0);
}

describe.runIf(chromiumAvailable())('乡镇工作人员用手机参加学法考试', () => {
  // The server's clock runs this far ahead of the real one; moved on to close the exam after its window.
  let offset = 0;
  let server: TestServer;
  let s: Session;
  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer({ clock: () => new Date(Date.now() + offset) });
    await seedBank(server.h, ['civil_code', 'constitution'], 6);
    s = await openBrowser({ width: WIDTH, height: 740, mobile: true });
    await login(s.page, server.url, 't01.staff', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await s?.close();
    await server?.close();
  });

  it('sits an exam on a phone through a reload; closing it moves 参考率 and 合格率, whose explanation names the people', async () => {
    const { page } = s;
    const leader = await staffApi(server.url, 't01.leader');
    const { user } = await leader<{ user: { orgId: number } }>('GET', '/api/auth/me');
    const me = await page.evaluate(async () => {
      const r = await fetch('/api/auth/me');
      return ((await r.json()) as { user: { name: string } }).user.name;
    });
    const before = {
      rate: await figure(page, server.url, '参考率'),
      pass: await figure(page, server.url, '合格率'),
    };

    const now = new Date().toISOString();
    const exam = await leader<{ id: number; closesAt: string }>('POST', '/api/exams', {
      orgId: user.orgId,
      title: TITLE,
      opensAt: plus(now, -MINUTE),
      closesAt: plus(now, 15 * MINUTE),
      durationMin: 12,
      display: 'one',
      mode: 'random',
      rules: [
        { law: 'civil_code', type: 'single', count: 2, points: 25 },
        { law: 'civil_code', type: 'multiple', count: 1, points: 25 },
        { law: 'constitution', type: 'judge', count: 1, points: 25 },
      ],
      passMark: 60,
      excellentMark: 90,
      // Two must sit, one does: the township's 参考率 counts both.
      candidates: { usernames: ['t01.staff', 't01.leader'] },
    });

    // 我的考试: the exam as a card one can open on the phone.
    await page.goto(`${server.url}/exams/mine`);
    const card = page.locator('.my-exam-card', { hasText: TITLE });
    await card.waitFor();
    expect(await card.locator('.ant-tag').first().innerText()).toBe('可作答');
    await fitsPhone(page);
    await s.screenshot('exam-mine-phone');

    const startResponse = () =>
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/exams/${exam.id}/sittings`) && r.request().method() === 'POST',
      );
    const [first] = await Promise.all([
      startResponse(),
      card.getByRole('button', { name: '开始考试' }).click(),
    ]);
    expect(first.ok(), await first.text()).toBe(true);
    const sitting = (await first.json()) as Started;
    await page.waitForURL(`**/exams/${exam.id}/sit`);
    expect(sitting.questions.length).toBe(4);
    // The right answers, read from the database as only the server can: the page never has them.
    const key = new Map((await paperKey(server.h, sitting.sittingId)).map((q) => [q.position, q]));

    const question = page.locator('.exam-question');
    /** Answers the question on screen (its position on the paper), right or wrong, and waits until saved. */
    const answer = async (position: number, right: boolean) => {
      const q = key.get(position)!;
      await expect.poll(() => question.getAttribute('data-position')).toBe(String(position));
      const picks = right ? q.answer : [q.options.findIndex((_o, i) => !q.answer.includes(i))];
      for (const i of picks) {
        const saved = page.waitForResponse(
          (r) => r.url().endsWith(`/answers/${position}`) && r.request().method() === 'PUT' && r.ok(),
        );
        await question.locator('.exam-options label').filter({ hasText: q.options[i]! }).click();
        await saved;
      }
      await page.locator('.exam-save-done').waitFor();
    };

    const pos = sitting.questions.map((q) => q.position);
    await page.getByRole('timer').waitFor();
    await answer(pos[0]!, true);
    await page.getByRole('button', { name: '下一题' }).click();
    // The connection drops as the second is answered: the page says so and saves it once it is back.
    const second = key.get(pos[1]!)!;
    await expect.poll(() => question.getAttribute('data-position')).toBe(String(pos[1]));
    await page.route('**/answers/*', (r) => r.abort('internetdisconnected'));
    await question
      .locator('.exam-options label')
      .filter({ hasText: second.options[second.answer[0]!]! })
      .click();
    await page.getByText('网络中断，正在重试保存').waitFor();
    await page.unroute('**/answers/*');
    await page.locator('.exam-save-done').waitFor();
    await fitsPhone(page);
    await s.screenshot('exam-sitting-phone');
    const leftBefore = await timeLeft(page);

    // A reload in the middle: the same paper, its answers, the server's time left, the same question.
    const [again] = await Promise.all([startResponse(), page.reload()]);
    const resumed = (await again.json()) as Started;
    expect(resumed.sittingId).toBe(sitting.sittingId);
    expect(resumed.remainingSeconds).toBeLessThanOrEqual(leftBefore);
    expect(resumed.remainingSeconds).toBeGreaterThan(0);
    await expect.poll(() => question.getAttribute('data-position')).toBe(String(pos[1]));
    const nav = page.getByRole('navigation', { name: '答题卡' });
    await nav.getByRole('button', { name: '第1题（已答）' }).waitFor();
    await nav.getByRole('button', { name: '第2题（已答）' }).waitFor();
    await nav.getByRole('button', { name: '第3题（未答）' }).waitFor();
    expect(await timeLeft(page)).toBeLessThanOrEqual(leftBefore);
    const checked = await question.locator('.ant-radio-wrapper-checked').innerText();
    expect(checked).toContain(key.get(pos[1]!)!.options[key.get(pos[1]!)!.answer[0]!]);

    // A second window takes the sitting over: this one stops at its next save, then takes it back.
    const other = await s.context.newPage();
    await other.goto(`${server.url}/exams/${exam.id}/sit`);
    await other.getByRole('timer').waitFor();
    await page.getByRole('button', { name: '下一题' }).click();
    await question.locator('.exam-options label').first().click();
    await page.getByText('本场考试已在其他窗口继续作答，此窗口已停止作答').waitFor();
    await s.screenshot('exam-taken-over-phone');
    await other.close();
    await Promise.all([startResponse(), page.getByRole('button', { name: '在此窗口继续' }).click()]);
    await nav.getByRole('button', { name: '第3题（未答）' }).waitFor();

    // The last two wrong: 50 of 100, 不合格, so the township's 合格率 falls.
    await answer(pos[2]!, false);
    await page.getByRole('button', { name: '下一题' }).click();
    await answer(pos[3]!, false);

    await page
      .locator('.exam-steps')
      .getByRole('button', { name: /^交\s*卷$/ })
      .click();
    const confirm = await modalOpened(page, '.exam-submit-confirm');
    expect(await confirm.innerText()).toContain('已全部作答');
    await confirm.getByRole('button', { name: /^交\s*卷$/ }).click();
    const score = page.getByLabel('得分');
    await score.waitFor();
    expect(await score.innerText()).toBe('50 / 100 分');
    expect(await page.locator('.exam-grade-tag').innerText()).toBe('不合格');
    // Right answers come only after the window has closed.
    await page.getByText('考试（含补考）结束后，可在此查看正确答案和法条依据').waitFor();
    await fitsPhone(page);
    await s.screenshot('exam-result-phone');

    // 我的考试 now shows the score, and the result opens from it.
    await page.goto(`${server.url}/exams/mine`);
    await card.getByText('已交卷').waitFor();
    expect(await card.locator('.my-exam-score').innerText()).toContain('50 分');
    await card.getByRole('button', { name: '查看成绩' }).click();
    await page.waitForURL(`**/exams/${exam.id}/result`);
    await page.locator('.exam-result-title', { hasText: TITLE }).waitFor();

    // The organiser closes the exam once its window is over: the ledger gets the exam and the score.
    // (The jump stays within the sessions' 30 minutes of idle time.)
    offset = Date.parse(exam.closesAt) - Date.now() + MINUTE;
    const closed = await leader<{ state: string; required: number }>('POST', `/api/exams/${exam.id}/close`);
    expect(closed.state).toBe('closed');
    expect(closed.required).toBe(2);

    // With the window closed, the result shows each question's right answer and its article.
    await page.goto(`${server.url}/exams/${exam.id}/result`);
    const review = page.getByRole('list', { name: '答题情况' });
    await review.waitFor();
    expect(await review.locator('li').count()).toBe(4);
    expect(await review.innerText()).toMatch(/依据：《民法典》第[一二三四五六七八九十]+条/);
    expect(await review.locator('.exam-review-wrong').count()).toBe(2);
    await fitsPhone(page);
    await s.screenshot('exam-review-phone');

    const after = {
      rate: await figure(page, server.url, '参考率'),
      pass: await figure(page, server.url, '合格率'),
    };
    expect(after.rate).not.toBe(before.rate);
    expect(after.pass).not.toBe(before.pass);

    // 参考率's explanation lists the people who sat, each by name.
    await page
      .locator('.indicator-item')
      .filter({ has: page.locator('.indicator-item-name', { hasText: /^参考率$/ }) })
      .locator('.indicator-item-name')
      .click();
    const drawer = await drawerOpened(
      page.locator('.ant-drawer').filter({ has: page.locator('.explain-table') }),
    );
    await drawer.locator('.explain-table tbody tr.ant-table-row').first().waitFor();
    const row = drawer.locator('.explain-table tbody tr.ant-table-row', { hasText: `${me}：${TITLE}` });
    const next = drawer.locator('.ant-pagination-next');
    for (let n = 0; (await row.count()) === 0 && n < 20 && (await next.count()) > 0; n++) await next.click();
    expect(await row.innerText()).toContain('计入');
    await s.screenshot('exam-explain-phone');
    // The browser logs the saves refused offline and the taken-over save's 409 itself; nothing else.
    const offline = s.errors.filter((x) => x.includes('net::ERR_INTERNET_DISCONNECTED'));
    expect(offline.length).toBeGreaterThan(0);
    expect(s.errors.filter((x) => !offline.includes(x))).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
  });

  it('submits the paper by itself when the time is up', async () => {
    const { page } = s;
    s.errors.length = 0;
    const leader = await staffApi(server.url, 't01.leader');
    const { user } = await leader<{ user: { orgId: number } }>('GET', '/api/auth/me');
    const at = new Date(Date.now() + offset).toISOString();
    const exam = await leader<{ id: number }>('POST', '/api/exams', {
      orgId: user.orgId,
      title: '限时五分钟的学法考试',
      opensAt: plus(at, -MINUTE),
      closesAt: plus(at, 15 * MINUTE),
      durationMin: 5,
      display: 'all',
      mode: 'random',
      rules: [{ law: 'constitution', type: 'judge', count: 4, points: 25 }],
      passMark: 60,
      excellentMark: 90,
      candidates: { usernames: ['t01.staff'] },
    });
    // The page counts down on a clock the test can move; the server's own clock moves with it.
    await page.clock.install();
    await page.goto(`${server.url}/exams/${exam.id}/sit`);
    await page.getByRole('timer').waitFor();
    await page.locator('.exam-question').first().locator('.exam-options label').first().click();
    await page.locator('.exam-save-done').waitFor();
    offset += 5 * MINUTE + 1000;
    await page.clock.fastForward('05:01');
    await page.getByLabel('得分').waitFor();
    expect(await page.locator('.exam-result-meta').innerText()).toContain('考试时间到，系统自动交卷');
    await fitsPhone(page);
    await s.screenshot('exam-time-up-phone');
    // The submission after the deadline is answered with 409 time_up, which the browser logs.
    expect(s.errors.filter((x) => !x.includes('409 (Conflict)'))).toEqual([]);
  });
});
