import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestByCode } from '../../src/db/public.repo.ts';
import { actorOf } from '../../src/services/audit.ts';
import { takeCaseStep } from '../../src/services/case-writes.ts';
import type { Principal } from '../../src/services/access.ts';
import { codeHash } from '../../src/services/public/codes.ts';
import { PDF } from '../../src/testing/disclosure.ts';
import { join } from 'node:path';
import { SCREENSHOTS, chromiumAvailable, login, openBrowser, type Session } from '../support/browser.ts';
import { ensureBuiltOnce } from '../support/build.ts';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server.ts';

/**
 * 依申请公开 end to end, the public side on a 375 px phone without logging in: the request filed in
 * the form, 补正 asked by the township and submitted online (the reply period restarts), the reply
 * document uploaded in the staff app's case drawer, the reply shown and downloaded. The server's
 * clock is moved between the steps so the restarted date differs from the first one.
 */
describe.runIf(chromiumAvailable())('依申请公开（公开平台）', () => {
  let clock = new Date('2025-03-03T02:00:00Z');
  let server: TestServer;
  let phone: Session;
  let county = '';
  let township = '';
  let staff: Principal;
  beforeAll(async () => {
    await ensureBuiltOnce();
    server = await startServer({ townships: 2, clock: () => clock });
    phone = await openBrowser({ width: 375, height: 740, mobile: true });
    // The portal's pages name no icon, so Chromium asks for /favicon.ico, which the server lacks.
    await phone.context.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
    const user = await server.h.db
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select([
        'users.id',
        'users.display_name',
        'users.org_id',
        'orgs.path',
        'orgs.name as org',
        'orgs.parent_id',
      ])
      .where('users.username', '=', 't01.staff')
      .executeTakeFirstOrThrow();
    const parent = await server.h.db
      .selectFrom('orgs')
      .select('code')
      .where('id', '=', user.parent_id!)
      .executeTakeFirstOrThrow();
    county = parent.code;
    township = user.org;
    staff = {
      id: user.id,
      username: 't01.staff',
      name: user.display_name,
      role: 'township_staff',
      orgId: user.org_id,
      orgPath: user.path,
    };
  });
  afterAll(async () => {
    await phone?.close();
    await server?.close();
  });

  /** The whole page, not only the part in view: the form is long on a phone. */
  const shoot = (name: string) =>
    phone.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const noWiderThanPhone = async () =>
    expect(Number(await phone.page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      375,
    );

  it('files a request, is asked for 补正, corrects it online, and downloads the reply', async () => {
    const { page } = phone;
    const base = server.url;
    await page.goto(`${base}/public/${county}/disclosure/apply`);
    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('证件号码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('13900139000');
    await page.getByLabel('通信地址').fill('县城人民路8号');
    await page.getByLabel('受理机关').selectOption({ label: township });
    await page
      .getByLabel('所需信息的名称、文号或者便于查询的其他特征性描述')
      .fill('本镇2024年农村公路养护资金使用情况');
    await page.getByLabel('网上下载').check();
    await page.getByLabel('电子文档').check();
    // The organisation's fields stay hidden while 公民 is chosen.
    expect(await page.getByLabel('统一社会信用代码').isVisible()).toBe(false);
    await noWiderThanPhone();
    await shoot('public-disclosure-apply');
    await page.getByRole('button', { name: '提交申请' }).click();

    await page.waitForURL(/\/disclosure\/status\?code=.*&new=1$/, { timeout: 30_000 });
    const code = await page.getByTestId('tracking-code').innerText();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await page.getByTestId('state').innerText()).toBe('办理中');
    // 3月4日起20个工作日：3月31日。
    expect(await page.getByTestId('reply-due').innerText()).toBe('2025年3月31日');
    const text = await page.locator('main').innerText();
    expect(text).toContain('王*');
    expect(text).not.toMatch(/王小明|13900139000|人民路/);
    await noWiderThanPhone();
    await shoot('public-disclosure-filed');

    // The township asks for 补正 two days later.
    const row = await requestByCode(server.h.db, 'disclosure', codeHash(code));
    const caseId = Number(row?.record_id);
    clock = new Date('2025-03-05T02:00:00Z');
    await takeCaseStep(
      server.h,
      staff,
      actorOf(staff, null),
      caseId,
      {
        action: 'ask_correction',
        reason: '请写明需要哪一条道路、哪一年度的养护资金，以及需要的是拨付文件还是使用明细',
      },
      clock.toISOString(),
    );

    clock = new Date('2025-03-10T02:00:00Z');
    const statusUrl = `${base}/public/${county}/disclosure/status?code=${encodeURIComponent(code)}`;
    await page.goto(statusUrl);
    expect(await page.getByTestId('state').innerText()).toBe('需要补正');
    expect(await page.getByTestId('correction-what').innerText()).toContain('哪一条道路');
    expect(await page.getByTestId('tracking-code').count()).toBe(0);
    await noWiderThanPhone();
    await shoot('public-disclosure-correction');
    await page.getByLabel('补正后的申请内容').fill('2024年度县道X012线（本镇段）养护资金的拨付文件');
    await page.getByRole('button', { name: '提交补正' }).click();
    await page.getByTestId('state').filter({ hasText: '办理中' }).waitFor({ timeout: 30_000 });
    // 自3月10日收到补正起重新计算20个工作日：清明节4月4日至6日放假，4月8日届满。
    expect(await page.getByTestId('reply-due').innerText()).toBe('2025年4月8日');
    expect(await page.locator('main').innerText()).toContain(
      '自收到补正后的申请之日（2025年3月10日）起重新计算',
    );
    await shoot('public-disclosure-corrected');

    // The township's staff see the request in the case drawer and upload the reply document there.
    clock = new Date('2025-03-20T02:00:00Z');
    const desk = await openBrowser({ width: 1366, height: 900 });
    try {
      await login(desk.page, base, 't01.staff', DEMO_PASSWORD);
      await desk.page.goto(`${base}/cases?type=disclosure_request&open=${caseId}`);
      const panel = desk.page.getByTestId('public-request');
      await panel.waitFor();
      expect(await panel.innerText()).toContain('王小明');
      expect(await panel.innerText()).toContain('县道X012线');
      await desk.page.locator('[data-testid=public-request] input[type=file]').setInputFiles({
        name: '政府信息公开申请答复书.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await panel.getByRole('button', { name: /政府信息公开申请答复书\.pdf/ }).waitFor();
      await desk.screenshot('public-disclosure-staff-panel');
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.close();
    }
    await takeCaseStep(
      server.h,
      staff,
      actorOf(staff, null),
      caseId,
      { action: 'reply', values: { replyType: 'disclosed' } },
      clock.toISOString(),
    );

    await page.goto(statusUrl);
    expect(await page.getByTestId('state').innerText()).toBe('已答复');
    const replied = await page.locator('main').innerText();
    expect(replied).toContain('2025年3月20日');
    expect(replied).toContain('予以公开');
    await noWiderThanPhone();
    await shoot('public-disclosure-replied');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载答复文书' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('政府信息公开申请答复书.pdf');
    expect(Buffer.compare(readFileSync(await download.path()), PDF)).toBe(0);
    expect(phone.errors).toEqual([]);
  });
});
