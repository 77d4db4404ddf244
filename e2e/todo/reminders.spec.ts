import { afterAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, chooseOption, login, pointerOffHeader } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../support/server.ts';
import { expectNoConsoleErrors, useE2E } from '../support/suite.ts';
import { ReminderScheduler } from '../../src/services/jobs/scheduler.ts';
import { RobotReceiver, overdueLawsuit, townshipOf } from './helpers.ts';

describe.runIf(chromiumAvailable())('到期提醒：群机器人和消息中心', () => {
  const e = useE2E({ username: 'admin' });
  const robot = new RobotReceiver();
  afterAll(() => robot.stop());

  it('sends an overdue lawsuit to the township’s 钉钉 robot, without parties, and to the message centre', async () => {
    const { page } = e.s;
    const url = await robot.start();
    const town = await townshipOf(e.server.h, 't01.staff');

    // The system administrator sets the township's robot and sends a test message.
    await page.goto(`${e.server.url}/admin/webhooks`);
    await page.getByLabel('单位').click();
    await chooseOption(page, town.name);
    await page.getByLabel('类型').click();
    await chooseOption(page, '钉钉群机器人');
    await page.getByLabel('Webhook 地址').fill(url);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: town.name });
    await row.waitFor();
    expect(await row.innerText()).not.toContain('e2e-token');
    await row.getByText('发送测试消息').click();
    await expect.poll(() => robot.posts.length).toBe(1);
    expect(robot.posts[0]).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '法治政府建设平台测试消息' },
    });

    // The scheduler the server runs, started here on the same database with the test's own sender.
    const id = await overdueLawsuit(e.server.h, town.id, '张某某诉本镇行政处罚案');
    const live = new ReminderScheduler(e.server.h, { intervalMs: 500 });
    live.start();
    try {
      await expect
        .poll(() => robot.posts.some((p) => JSON.stringify(p).includes(`#${id}（${town.name}）`)), {
          timeout: 30_000,
        })
        .toBe(true);
    } finally {
      await live.stop();
    }
    const notice = robot.posts.find((p) => JSON.stringify(p).includes(`#${id}`)) as {
      msgtype: string;
      markdown: { title: string; text: string };
    };
    expect(notice.msgtype).toBe('markdown');
    expect(notice.markdown.text).toContain('行政应诉');
    expect(notice.markdown.text).not.toContain('张某某');

    // The township's staff finds it in the message centre, unread, and marks everything read.
    await page.context().clearCookies();
    await login(page, e.server.url, 't01.staff', DEMO_PASSWORD);
    await page.getByRole('button', { name: '消息中心' }).click();
    await page.waitForURL(/\/messages$/);
    await pointerOffHeader(page);
    const msg = page.locator('.message-unread').filter({ hasText: '张某某诉本镇行政处罚案' });
    await msg.first().waitFor();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.locator('.message-unread').first().waitFor({ state: 'detached' });
    expectNoConsoleErrors(e);
  });
});
