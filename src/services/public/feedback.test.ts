import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_CATEGORIES } from '../../catalogue/feedback.ts';
import { yearPeriod } from '../../core/dates.ts';
import { ALL } from '../../core/scope.ts';
import * as cases from '../../db/cases.repo.ts';
import type { Db } from '../../db/connect.ts';
import { evidenceOfRecord } from '../../db/evidence.repo.ts';
import { getRecord } from '../../db/records.repo.ts';
import { testDatabases } from '../../testing/databases.ts';
import { setup } from '../../testing/fixtures.ts';
import { PNG, principalOf, seedWorld, type World } from '../../testing/http.ts';
import { closeFeedbackCase, fileFeedback, solved } from '../../testing/public-feedback.ts';
import { actorOf, listAudit } from '../audit.ts';
import { FileStore, openFileStore } from '../file-store.ts';
import { computeIndicators } from '../indicators.ts';
import { addFeedbackPhoto, normalisePhone, submitFeedback } from './feedback.ts';
import { saveFeedbackRules } from './feedback-rules.ts';
import { caseFeedback, feedbackStatus, rateFeedback } from './feedback-status.ts';

const NOW = new Date('2026-12-03T02:00:00Z');
const AT = NOW.toISOString();
const ip = '198.51.100.7';
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64),
]);

describe('contact phone', () => {
  it('accepts mobiles and landlines with separators, refuses anything else', () => {
    expect(normalisePhone('138 0013 8000')).toBe('13800138000');
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('0731-8888 6666')).toBe('073188886666');
    for (const bad of ['12345', '2380013800', '1380013800a', '<script>'])
      expect(() => normalisePhone(bad)).toThrow('联系电话');
  });
});

for (const tdb of testDatabases()) {
  describe(`群众诉求 on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let dir: string;
    let store: FileStore;
    const count = async (t: 'public_requests' | 'records') =>
      Number(
        (
          await h.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      dir = mkdtempSync(join(tmpdir(), 'fazhi-feedback-'));
      store = openFileStore(h, dir);
    });
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('opens a dispute at the village’s township with its clock, the village as its organisation', async () => {
      const f = await fileFeedback(h, w, {}, NOW);
      const c = (await cases.getCase(h.db, ALL, f.caseId))!;
      expect([c.type, c.township_id, c.org_id, c.state, c.date]).toEqual([
        'dispute',
        w.a.id,
        w.village.id,
        'registered',
        '2026-12-03',
      ]);
      const data = h.dialect.readJson(c.data);
      expect(data).toMatchObject({ disputeType: 'neighbour', source: 'platform', status: 'pending' });
      // 人民调解: settled within a month; 3 January 2027 is a Sunday, so the next working day (民法典 第203条).
      expect(c.next_due).toBe('2027-01-04');
      expect(c.title).toMatch(/^邻居在楼道堆放杂物.*（群众诉求第\d+号）$/);
      const s = await feedbackStatus(h, f.code, w.county);
      expect(s).toMatchObject({
        township: '甲镇',
        village: '东村',
        category: '邻里纠纷',
        stateLabel: '已登记',
        closed: false,
      });
      expect(s.steps).toEqual([{ label: '登记立案', date: '2026-12-03' }]);
    });

    it('routes by category to a petition, by township alone, and by the county’s own rules', async () => {
      const p = await fileFeedback(h, w, { category: 'complaint', place: `t${w.b.id}` }, NOW);
      const c = (await cases.getCase(h.db, ALL, p.caseId))!;
      expect([c.type, c.township_id, c.org_id, c.next_due]).toEqual(['petition', w.b.id, null, '2026-12-18']);
      expect(h.dialect.readJson(c.data)).toMatchObject({
        petitionType: 'report',
        form: 'online',
        forwarded: false,
      });

      const officer = principalOf(w, 'county_officer');
      const categories = [
        { id: 'property', label: '物业服务', caseType: 'petition', subtype: 'claim' },
        { label: '噪音扰民', caseType: 'dispute', subtype: 'neighbour' },
      ];
      const saved = await saveFeedbackRules(h, officer, actorOf(officer, ip), { categories }, AT);
      expect(saved.configured).toBe(true);
      const noise = saved.categories.find((x) => x.label === '噪音扰民')!;
      expect(noise.id).toMatch(/^c[0-9a-f]{8}$/);
      const prop = await fileFeedback(h, w, { category: 'property' }, NOW);
      expect((await cases.getCase(h.db, ALL, prop.caseId))!.type).toBe('petition');
      await expect(fileFeedback(h, w, { category: 'neighbour' }, NOW)).rejects.toThrow(
        '请选择反映问题的类别',
      );
      await expect(
        saveFeedbackRules(
          h,
          officer,
          actorOf(officer, ip),
          { categories: [{ label: 'x', caseType: 'dispute', subtype: 'claim' }] },
          AT,
        ),
      ).rejects.toThrow('矛盾纠纷调处的类型应为邻里纠纷');
      const staff = principalOf(w, 'township_staff');
      await expect(saveFeedbackRules(h, staff, actorOf(staff, ip), { categories }, AT)).rejects.toThrow(
        '无权',
      );
      // Back to the defaults for the other tests.
      await saveFeedbackRules(
        h,
        setup.p,
        setup.actor,
        { countyId: w.county.id, categories: DEFAULT_FEEDBACK_CATEGORIES },
        AT,
      );
    });

    it('refuses bad input with a clear message and stores nothing, leaving the challenge usable', async () => {
      const before = [await count('public_requests'), await count('records')];
      const challenge = solved(h, NOW);
      const base = {
        county: w.county.code,
        category: 'neighbour',
        place: `v${w.village.id}`,
        description: '有人占用消防通道',
        phone: '13800138000',
        challenge,
      };
      const bad: [Partial<typeof base> & { name?: string }, string][] = [
        [{ description: '   ' }, '请描述反映的问题'],
        [{ description: '字'.repeat(2001) }, '不能超过 2000 字'],
        [{ phone: '' }, '请填写联系电话'],
        [{ phone: '110' }, '联系电话'],
        [{ name: '名'.repeat(31) }, '姓名不能超过'],
        [{ place: `t${w.c.id}` }, '乡镇（街道）或村（社区）'],
        [{ place: 'x1' }, '乡镇（街道）或村（社区）'],
        [{ category: 'nothing' }, '类别'],
        [{ county: 'nowhere' }, '没有这个县'],
      ];
      for (const [over, msg] of bad)
        await expect(submitFeedback(h, { ...base, ...over }, { ip, now: NOW })).rejects.toThrow(msg);
      expect([await count('public_requests'), await count('records')]).toEqual(before);
      await expect(
        submitFeedback(h, { ...base, challenge: { ...challenge, nonce: 'x' } }, { ip, now: NOW }),
      ).rejects.toThrow('提交校验');
      // The same challenge still opens the case once, and a second identical submission is refused for 12 hours.
      await submitFeedback(h, base, { ip, now: NOW });
      const later = new Date(NOW.getTime() + 11 * 3600_000);
      const again = submitFeedback(h, { ...base, challenge: solved(h, later) }, { ip, now: later });
      await expect(again).rejects.toMatchObject({ status: 409 });
      expect(await count('public_requests')).toBe(before[0]! + 1);
    });

    it('takes up to three photos within the hour, checked by content, as the case’s evidence', async () => {
      const f = await fileFeedback(h, w, {}, NOW);
      const up = (bytes: Uint8Array, now = NOW, code = f.code) =>
        addFeedbackPhoto(h, store, { code, name: '../楼道.png', bytes }, { ip, now });
      await expect(up(Buffer.from('<html><script>alert(1)</script></html>'))).rejects.toMatchObject({
        status: 415,
      });
      await expect(up(Buffer.from('%PDF-1.4\n%…\n'))).rejects.toMatchObject({ status: 415 });
      await expect(up(Buffer.concat([PNG, Buffer.alloc(5 * 1048576)]))).rejects.toMatchObject({
        status: 413,
      });
      await expect(up(new Uint8Array(0))).rejects.toThrow('照片为空');
      expect(await up(PNG)).toEqual({ photos: 1 });
      expect(await up(JPEG)).toEqual({ photos: 2 });
      await expect(up(PNG, new Date(NOW.getTime() + 3601_000))).rejects.toThrow('一小时内');
      expect(await up(PNG, new Date(NOW.getTime() + 3599_000))).toEqual({ photos: 3 });
      await expect(up(JPEG)).rejects.toThrow('最多上传 3 张');
      await expect(up(PNG, NOW, 'ABCD-EFGH-JKMN-PQRS')).rejects.toMatchObject({ status: 404 });
      const files = await evidenceOfRecord(h.db, f.caseId);
      expect(files.map((e) => [e.mime, e.file_name, e.created_by])).toEqual([
        ['image/png', '楼道.png', null],
        ['image/jpeg', '楼道.png', null],
        ['image/png', '楼道.png', null],
      ]);
    });

    it('is rated once, only after the case closed, and the rating moves 满意率', async () => {
      const period = yearPeriod(2026);
      const rate = async () =>
        (await computeIndicators(h, w.a, period)).find((v) => v.key === 'disputes.satisfaction_rate')!.value;
      const f = await fileFeedback(h, w, {}, NOW);
      const rating = (r: string, code = f.code) =>
        rateFeedback(h, { code, rating: r, comment: '调解员很耐心' }, { ip, now: NOW });
      await expect(rating('satisfied')).rejects.toThrow('办结后才能评价');
      expect((await feedbackStatus(h, f.code)).canRate).toBe(false);
      await closeFeedbackCase(h, f.caseId, 'dispute', AT);
      const closed = await feedbackStatus(h, f.code);
      expect([closed.closed, closed.stateLabel, closed.closedOn, closed.canRate]).toEqual([
        true,
        '调解成功',
        '2026-12-03',
        true,
      ]);
      expect(closed.steps.map((s) => s.label)).toEqual(['登记立案', '调解成功']);
      await expect(rating('great')).rejects.toThrow('满意、基本满意或不满意');
      expect(await rate()).toBeNull();
      expect(await rating('dissatisfied')).toEqual({ rating: '不满意' });
      expect(await rate()).toBe(0);
      await expect(rating('satisfied')).rejects.toThrow('只能评价一次');
      expect((await feedbackStatus(h, f.code)).rating).toMatchObject({
        value: 'dissatisfied',
        label: '不满意',
      });
      const rec = (await getRecord(h.db, ALL, f.caseId))!;
      expect(h.dialect.readJson(rec.data).satisfaction).toBe('dissatisfied');

      const g = await fileFeedback(h, w, {}, NOW);
      await closeFeedbackCase(h, g.caseId, 'dispute', AT);
      await rateFeedback(h, { code: g.code, rating: 'satisfied' }, { ip, now: NOW });
      expect(await rate()).toBe(50);

      // A petition's rating feeds its own 满意率.
      const p = await fileFeedback(h, w, { category: 'environment' }, NOW);
      await closeFeedbackCase(h, p.caseId, 'petition', AT);
      await rateFeedback(h, { code: p.code, rating: 'basically' }, { ip, now: NOW });
      const pv = (await computeIndicators(h, w.a, period)).find(
        (v) => v.key === 'petitions.satisfaction_rate',
      );
      expect(pv?.value).toBe(100);
    });

    it('knows a code only in its own county', async () => {
      const f = await fileFeedback(h, w, {}, NOW);
      await expect(feedbackStatus(h, f.code, w.otherCounty)).rejects.toMatchObject({ status: 404 });
      await expect(feedbackStatus(h, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', w.county)).rejects.toMatchObject({ status: 404 });
    });

    it('shows the contact to staff within scope only, audits the read, and keeps personal data out of the log', async () => {
      const f = await fileFeedback(
        h,
        w,
        { place: `t${w.b.id}`, name: '赵某某', phone: '13912345678', description: '隔壁装修噪音一直到深夜' },
        NOW,
      );
      const staff = principalOf(w, 'township_staff');
      await expect(caseFeedback(h, staff, actorOf(staff, ip), f.caseId, AT)).rejects.toMatchObject({
        status: 404,
      });
      const officer = principalOf(w, 'county_officer');
      const seen = await caseFeedback(h, officer, actorOf(officer, ip), f.caseId, AT);
      expect(seen).toMatchObject({
        name: '赵某某',
        phone: '13912345678',
        description: '隔壁装修噪音一直到深夜',
        category: '邻里纠纷',
        village: null,
      });
      const own = await fileFeedback(h, w, {}, NOW);
      expect((await caseFeedback(h, staff, actorOf(staff, ip), own.caseId, AT))?.phone).toBe('13800138000');
      const grid = principalOf(w, 'grid_member');
      await expect(caseFeedback(h, grid, actorOf(grid, ip), own.caseId, AT)).rejects.toMatchObject({
        status: 404,
      });

      const log = await listAudit(h, { limit: 1000 });
      expect(log.filter((e) => e.action === 'feedback.contact_read').map((e) => e.targetId)).toEqual([
        String(f.caseId),
        String(own.caseId),
      ]);
      const text = JSON.stringify(log);
      for (const pii of ['赵某某', '13912345678', '13800138000', '王某', '隔壁装修', '楼道', '调解员很耐心'])
        expect(text).not.toContain(pii);
      expect(log.some((e) => e.action === 'feedback.submit')).toBe(true);
    });
  });
}
