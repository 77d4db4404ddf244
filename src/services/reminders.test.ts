import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { addAccount, setup, smallCounty } from '../testing/fixtures.ts';
import type { Principal } from './access.ts';
import { listAudit } from './audit.ts';
import { registerCase } from './case-writes.ts';
import { ReminderScheduler } from './jobs/scheduler.ts';
import { listMessages, markMessagesRead, noteImportOutcome } from './messages.ts';
import type { Org } from './orgs.ts';
import { DEFAULT_REMINDERS, reminderSettings } from './reminders.ts';
import { todoList } from './todo.ts';
import {
  deliverQueued,
  listWebhookConfigs,
  saveWebhookConfig,
  testWebhook,
  webhookPayload,
} from './webhooks.ts';

/** 08:10 in China: before the 08:30 digest. */
const MORNING = new Date('2024-03-20T00:10:00.000Z');
const AFTER_DIGEST = new Date('2024-03-20T00:31:00.000Z');
const PLAINTIFF = '原告张三丰';

/** A local robot: records every JSON body posted to /<name>, answers with `status`. */
class Receiver {
  readonly posts: { path: string; body: Record<string, unknown> }[] = [];
  status = 200;
  readonly #server: Server;
  constructor() {
    this.#server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        if (this.status === 200)
          this.posts.push({ path: req.url ?? '', body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.status === 200 ? { errcode: 0, errmsg: 'ok' } : { errcode: 1 }));
      });
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((ok) => this.#server.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    return new Promise((ok) => this.#server.close(() => ok()));
  }
}

const principal = (id: number, role: string, o: Org): Principal => ({
  id,
  username: `u${id}`,
  role,
  orgId: o.id,
  orgPath: o.path,
});

for (const tdb of testDatabases()) {
  describe(`待办 and reminders on ${tdb.name}`, () => {
    let h: Db;
    let org: Awaited<ReturnType<typeof smallCounty>>;
    let staffA: Principal;
    let staffB: Principal;
    let officer: Principal;
    let admin: Principal;
    let overdueId: number;
    let soonId: number;
    let disputeId: number;
    const robot = new Receiver();
    let base: string;

    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
      base = await robot.start();
      const acct = async (username: string, role: string, o: Org) =>
        principal(
          (await addAccount(h, { username, name: username, role, orgId: o.id, password: 'Clerk#2025pw' })).id,
          role,
          o,
        );
      staffA = await acct('staff.a', 'township_staff', org.a);
      staffB = await acct('staff.b', 'township_staff', org.b);
      officer = await acct('officer', 'county_officer', org.county);
      admin = await acct('sysadmin', 'system_admin', org.county);
      const open = async (t: Org, type: string, date: string, title: string, data: Record<string, string>) =>
        (
          await registerCase(
            h,
            setup.p,
            setup.actor,
            { type, townshipId: t.id, draft: { date, title, data }, role: 'township_staff' },
            MORNING.toISOString(),
          )
        ).id;
      // 行政应诉: the answer is due 15 days after the complaint was served.
      overdueId = await open(org.a, 'lawsuit', '2024-02-26', `${PLAINTIFF}诉甲镇政府行政强制案`, {
        plaintiff: PLAINTIFF,
        caseNo: '（2024）测1228行初1号',
      });
      disputeId = await open(org.a, 'dispute', '2023-12-01', `${PLAINTIFF}与邻居宅基地纠纷`, {
        disputeType: 'other',
      });
      soonId = await open(org.b, 'lawsuit', '2024-03-07', '李四诉乙乡政府信息公开案', { plaintiff: '李四' });
    });
    afterAll(async () => {
      await robot.stop();
      await h.close();
    });

    it("puts a township's overdue lawsuit at the top of its 待办, with its township and a link", async () => {
      const list = await todoList(h, staffA, MORNING.toISOString());
      const first = list.items[0]!;
      expect(first).toMatchObject({
        category: 'overdue',
        typeLabel: '行政应诉',
        township: '甲镇',
        link: `/cases?type=lawsuit&open=${overdueId}`,
      });
      expect(first.daysLeft).toBeLessThan(0);
      expect(list.items.map((i) => i.key).some((k) => k.startsWith(`case:${soonId}:`))).toBe(false);
      // The dispute's mediation period ran out months earlier, yet the lawsuit's answer comes first.
      const dispute = list.items.find((i) => i.key.startsWith(`case:${disputeId}:`))!;
      expect(dispute.category).toBe('overdue');
      expect(dispute.daysLeft!).toBeLessThan(first.daysLeft!);
      expect(list.counts.overdue).toBeGreaterThanOrEqual(1);
    });

    it('gives the county officer every township with names, and administrators no business items', async () => {
      const county = await todoList(h, officer, MORNING.toISOString());
      const cases = county.items.filter((i) => i.category === 'overdue' || i.category === 'due');
      expect(cases.find((i) => i.key.startsWith(`case:${overdueId}:`))?.township).toBe('甲镇');
      expect(cases.find((i) => i.key.startsWith(`case:${soonId}:`))).toMatchObject({
        township: '乙乡',
        category: 'due',
      });
      const own = await todoList(h, staffB, MORNING.toISOString());
      expect(own.items.every((i) => i.townshipId === org.b.id)).toBe(true);
      expect(await todoList(h, admin, MORNING.toISOString())).toMatchObject({ total: 0, items: [] });
    });

    it('keeps the last failed import in the 待办 until an import goes through', async () => {
      const errors = [{ sheet: '学法', row: 3, column: '日期', message: '不是日期' }];
      await noteImportOutcome(
        h,
        staffA,
        { fileName: '台账.xlsx', dryRun: false, errors },
        MORNING.toISOString(),
      );
      const failed = (await todoList(h, staffA, MORNING.toISOString(), { category: 'import' })).items;
      expect(failed).toHaveLength(1);
      expect(failed[0]!.title).toContain('台账.xlsx');
      await noteImportOutcome(
        h,
        staffA,
        { fileName: '台账.xlsx', dryRun: false, errors: [] },
        MORNING.toISOString(),
      );
      expect((await todoList(h, staffA, MORNING.toISOString(), { category: 'import' })).items).toEqual([]);
    });

    it('refuses a webhook address that is not http(s), and audits a config with the key masked', async () => {
      await expect(
        saveWebhookConfig(
          h,
          admin,
          setup.actor,
          { orgId: org.county.id, kind: 'wecom', url: 'ftp://x/y', enabled: true },
          MORNING.toISOString(),
        ),
      ).rejects.toThrow('http://');
      await expect(
        saveWebhookConfig(
          h,
          staffA,
          setup.actor,
          { orgId: org.a.id, kind: 'wecom', url: `${base}/a`, enabled: true },
          MORNING.toISOString(),
        ),
      ).rejects.toThrow('无权');
      await saveWebhookConfig(
        h,
        admin,
        setup.actor,
        { orgId: org.county.id, kind: 'wecom', url: `${base}/county?key=secret-robot-key`, enabled: true },
        MORNING.toISOString(),
      );
      await saveWebhookConfig(
        h,
        admin,
        setup.actor,
        { orgId: org.a.id, kind: 'dingtalk', url: `${base}/a`, enabled: true },
        MORNING.toISOString(),
      );
      const saved = await listWebhookConfigs(h, admin);
      expect(saved.map((w) => [w.org, w.kind])).toEqual([
        ['测试县', 'wecom'],
        ['甲镇', 'dingtalk'],
      ]);
      expect(saved[0]!.url).not.toContain('secret-robot-key');
      const entries = (await listAudit(h, { limit: 1000 })).filter((e) => e.action === 'webhook.save');
      expect(entries).toHaveLength(2);
      expect(JSON.stringify(entries)).not.toContain('secret-robot-key');
      const test = await testWebhook(h, admin, setup.actor, saved[1]!.id, MORNING.toISOString());
      expect(test).toEqual({ ok: true, error: null });
      expect(robot.posts.pop()).toMatchObject({
        path: '/a',
        body: { msgtype: 'markdown', markdown: { title: '法治政府建设平台测试消息' } },
      });
    });

    it('notices due and overdue cases once, in the message centre and to each webhook, without parties', async () => {
      const scheduler = new ReminderScheduler(h, { clock: () => MORNING, settings: DEFAULT_REMINDERS });
      const first = await scheduler.tick();
      expect(first?.digest).toBeNull();
      expect(first?.delivered).toEqual({ sent: 2, retried: 0, failed: 0 });
      const county = robot.posts.find((p) => p.path.startsWith('/county'))!.body as {
        markdown: { content: string };
      };
      const town = robot.posts.find((p) => p.path === '/a')!.body as {
        markdown: { title: string; text: string };
      };
      expect(county.markdown.content).toContain(`#${overdueId}（甲镇）`);
      expect(county.markdown.content).toContain(`#${soonId}（乙乡）`);
      expect(town.markdown.text).toContain(`#${overdueId}（甲镇）`);
      expect(town.markdown.text).not.toContain('乙乡');
      for (const p of robot.posts) expect(JSON.stringify(p.body)).not.toMatch(/张三丰|李四/);
      const mine = await listMessages(h, staffA);
      expect(mine.unread).toBe(1);
      expect(mine.items[0]!.body).toContain(PLAINTIFF);
      expect(mine.items[0]!.body).not.toContain('乙乡');
      expect((await listMessages(h, officer)).unread).toBe(1);
      expect((await listMessages(h, admin)).total).toBe(0);

      // Another tick, and a second server on the same database: nothing is told twice.
      const other = new ReminderScheduler(h, { clock: () => MORNING });
      await Promise.all([scheduler.tick(), other.tick()]);
      expect(robot.posts).toHaveLength(2);
      expect((await listMessages(h, staffA, { kind: 'overdue' })).total).toBe(1);
      expect(disputeId).toBeGreaterThan(0);
    });

    it("sends the day's digest once after the set China time, and marks read only the user's own", async () => {
      robot.posts.length = 0;
      const s = new ReminderScheduler(h, {
        clock: () => AFTER_DIGEST,
        settings: reminderSettings({ digestAt: '08:30' }),
      });
      const r = await s.tick();
      expect(r?.digest?.messages).toBeGreaterThanOrEqual(3);
      expect(r?.delivered.sent).toBe(2);
      await new ReminderScheduler(h, { clock: () => AFTER_DIGEST }).tick();
      expect(robot.posts).toHaveLength(2);
      const mine = await listMessages(h, staffA, { kind: 'digest' });
      expect(mine.items).toHaveLength(1);
      expect(mine.items[0]!.title).toContain('已逾期');
      const officers = await listMessages(h, officer);
      await markMessagesRead(
        h,
        staffA,
        officers.items.map((m) => m.id),
        AFTER_DIGEST.toISOString(),
      );
      expect((await listMessages(h, officer)).unread).toBe(officers.unread);
      expect(await markMessagesRead(h, staffA, 'all', AFTER_DIGEST.toISOString())).toEqual({
        changed: 2,
        unread: 0,
      });
    });

    it('retries a failed delivery with back-off, kept in the database, and sends it once when the robot answers', async () => {
      robot.posts.length = 0;
      robot.status = 500;
      const later = new Date('2024-03-21T00:00:00.000Z');
      await registerCase(
        h,
        setup.p,
        setup.actor,
        {
          type: 'lawsuit',
          townshipId: org.a.id,
          draft: { date: '2024-03-06', title: '王五诉甲镇案', data: {} },
          role: 'township_staff',
        },
        later.toISOString(),
      );
      const s = new ReminderScheduler(h, { clock: () => later });
      expect((await s.tick())?.delivered).toEqual({ sent: 0, retried: 2, failed: 0 });
      robot.status = 200;
      // Within the minute's back-off nothing is tried; after it, each delivery is sent once, however many servers try.
      expect(await deliverQueued(h, new Date(later.getTime() + 30_000), 'x')).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
      const retryAt = new Date(later.getTime() + 61_000);
      const both = await Promise.all([
        deliverQueued(h, retryAt, 'server-1'),
        deliverQueued(h, retryAt, 'server-2'),
      ]);
      expect(both[0].sent + both[1].sent).toBe(2);
      expect(robot.posts).toHaveLength(2);
      expect(webhookPayload('wecom', 't', 'x')).toEqual({ msgtype: 'markdown', markdown: { content: 'x' } });
    });
  });
}
