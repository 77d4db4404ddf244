import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinds } from '../catalogue/kinds.ts';
import { ledgerRandom, recordRowOf } from '../testing/cell-ledger.ts';
import { ALL, subtree } from '../core/scope.ts';
import { orgFilter, type Org } from '../services/orgs.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addRecord, smallCounty } from '../testing/fixtures.ts';
import type { Db } from './connect.ts';
import { insertEvidence } from './evidence.repo.ts';
import {
  countByMonthAndKind,
  countRecords,
  listRecords,
  listingOf,
  pageOfRecords,
  insertRecords,
  withinScope,
  type RecordQuery,
} from './records.repo.ts';

for (const tdb of testDatabases()) {
  describe(`records repository on ${tdb.name}`, () => {
    let h: Db;
    let county: Org;
    let a: Org;
    let b: Org;
    let village: Org;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      h = await tdb.open();
      ({ county, a, b, village } = await smallCounty(h));
      const add = async (key: string, org: Org, kind: string, date: string, title: string, data: object) => {
        ids[key] = (await addRecord(h, org, kind, { date, title, data: { ...data } }, NOW)).id;
      };
      await add('pct', a, 'publicity_event', '2024-03-15', '普法覆盖率达100%的宣传', { form: 'street' });
      await add('plain', a, 'publicity_event', '2024-03-20', '1000人参加的宣传', { form: 'street' });
      await add('under', a, 'publicity_event', '2024-05-04', '青年_普法活动', { form: 'street' });
      await add('slash', a, 'publicity_event', '2024-05-05', '路径 a\\b 的宣传', { form: 'street' });
      await add('meeting', a, 'leadership_meeting', '2024-05-10', '专题会议', { meetingType: 'government' });
      await add('last', a, 'leadership_meeting', '2023-12-31', '年底会议', { meetingType: 'government' });
      await add('other', b, 'leadership_meeting', '2024-05-11', '乙乡会议', { meetingType: 'government' });
    });
    afterAll(async () => h.close());

    const titles = async (text: string) =>
      (await listRecords(h.db, ALL, { text })).map((r) => r.title).sort();

    it('finds % _ and \\ in titles literally', async () => {
      expect(await titles('100%')).toEqual(['普法覆盖率达100%的宣传']);
      expect(await countRecords(h.db, ALL, { text: '100%' })).toBe(1);
      // Unescaped, `_` would match any one character and `100` would also find “1000人”.
      expect(await titles('年_普')).toEqual(['青年_普法活动']);
      expect(await titles('_')).toEqual(['青年_普法活动']);
      expect(await titles('a\\b')).toEqual(['路径 a\\b 的宣传']);
      expect(await titles('%')).toEqual(['普法覆盖率达100%的宣传']);
    });

    it('counts records per month and kind in one statement, within the scope and period', async () => {
      const rows = await countByMonthAndKind(h.db, subtree(a.path), {
        kinds: ['publicity_event', 'leadership_meeting'],
        from: '2024-01-01',
        to: '2024-12-31',
      });
      const sorted = [...rows].sort((x, y) => x.month - y.month || x.kind.localeCompare(y.kind));
      expect(sorted).toEqual([
        { month: 3, kind: 'publicity_event', n: 2 },
        { month: 5, kind: 'leadership_meeting', n: 1 },
        { month: 5, kind: 'publicity_event', n: 2 },
      ]);
      const county = await countByMonthAndKind(h.db, ALL, {
        org: { column: 'township_id', id: b.id, countyId: b.parentId! },
        kinds: ['leadership_meeting'],
        from: '2024-01-01',
        to: '2024-12-31',
      });
      expect(county).toEqual([{ month: 5, kind: 'leadership_meeting', n: 1 }]);
    });

    it('counts evidence per record and filters records without any', async () => {
      const ev = {
        township_id: a.id,
        county_id: county.id,
        sha256: 'a'.repeat(64),
        file_name: 'p.png',
        mime: 'image/png',
        size: 1,
      };
      await insertEvidence(h.db, { ...ev, record_id: ids.pct!, created_by: null, created_at: NOW });
      await insertEvidence(h.db, { ...ev, record_id: ids.pct!, created_by: null, created_at: NOW });
      await insertEvidence(h.db, { ...ev, record_id: ids.meeting!, created_by: null, created_at: NOW });
      const listing = await listingOf(h.db, [ids.pct!, ids.meeting!, ids.plain!]);
      expect(Object.fromEntries(listing.evidence)).toEqual({ [ids.pct!]: 2, [ids.meeting!]: 1 });
      expect(listing.states.size).toBe(0);
      const bare = await listRecords(h.db, subtree(a.path), {
        kinds: ['publicity_event', 'leadership_meeting'],
        period: { from: '2024-01-01', to: '2024-12-31' },
        withoutEvidence: true,
      });
      expect(bare.map((r) => r.title).sort()).toEqual(
        ['1000人参加的宣传', '路径 a\\b 的宣传', '青年_普法活动'].sort(),
      );
    });

    it('pages the way the list and the count do, past the end and for long pages too', async () => {
      const queries: RecordQuery[] = [
        { limit: 3 },
        { limit: 3, offset: 3 },
        { limit: 3, offset: 6 },
        { limit: 3, offset: 50 },
        { org: { column: 'township_id', id: a.id, countyId: county.id }, limit: 2, offset: 1 },
        { kinds: ['leadership_meeting'], period: { from: '2024-01-01', to: '2024-12-31' }, limit: 10 },
        { text: '宣传', limit: 1000 },
      ];
      for (const q of queries) {
        const page = await pageOfRecords(h.db, subtree(county.path), q);
        expect(page.total).toBe(await countRecords(h.db, subtree(county.path), q));
        expect(page.rows.map((r) => Number(r.id))).toEqual(
          (await listRecords(h.db, subtree(county.path), q)).map((r) => Number(r.id)),
        );
      }
      // Newest first, 7 in all: a page of three, then the last one alone.
      const all = await pageOfRecords(h.db, subtree(county.path), { limit: 3, offset: 6 });
      expect(all.total).toBe(7);
      expect(all.rows.map((r) => r.title)).toEqual(['年底会议']);
      // Another township's records stay out of a township user's page and its total.
      const mine = await pageOfRecords(h.db, subtree(b.path), { limit: 10 });
      expect({ total: mine.total, titles: mine.rows.map((r) => r.title) }).toEqual({
        total: 1,
        titles: ['乙乡会议'],
      });
    });

    it('keeps the scope whatever organisation the filter names, with or without its path', async () => {
      const inB = subtree(b.path);
      // The reader's own township lies inside the scope: its condition is left out, the answer is the same.
      expect(withinScope(inB, orgFilter(b))).toBe(true);
      expect(withinScope(inB, orgFilter(county))).toBe(false);
      expect(withinScope(inB, orgFilter(a))).toBe(false);
      expect(withinScope(subtree(village.path), orgFilter(village))).toBe(false);
      expect(withinScope(ALL, orgFilter(a))).toBe(false);
      const seen = async (q: RecordQuery) => {
        const page = await pageOfRecords(h.db, inB, { ...q, limit: 10 });
        const list = await listRecords(h.db, inB, q);
        const n = await countRecords(h.db, inB, q);
        expect(list.map((r) => r.title)).toEqual(page.rows.map((r) => r.title));
        expect(n).toBe(page.total);
        return page.rows.map((r) => r.title);
      };
      expect(await seen({ org: orgFilter(b) })).toEqual(['乙乡会议']);
      // The county above the scope, another township, a village of another township: only the scope's own.
      expect(await seen({ org: orgFilter(county) })).toEqual(['乙乡会议']);
      expect(await seen({ org: orgFilter(a) })).toEqual([]);
      expect(await seen({ org: orgFilter(village) })).toEqual([]);
      const { column, id, countyId } = orgFilter(a);
      expect(await seen({ org: { column, id, countyId } })).toEqual([]);
      // A county reader filtering one township reads all of that township's records.
      const { total } = await pageOfRecords(h.db, subtree(county.path), { org: orgFilter(a), limit: 10 });
      expect(total).toBe(6);
    });
  });
}

for (const tdb of testDatabases()) {
  describe(`a township's newest page on ${tdb.name}`, () => {
    let h: Db;
    let county: Org;
    let a: Org;
    let b: Org;
    beforeAll(async () => {
      h = await tdb.open();
      ({ county, a, b } = await smallCounty(h));
      // Many records a day, so the order among records of one date (by id) decides pages too.
      const r = ledgerRandom(7);
      const rows = Array.from({ length: 500 }, (_, i) => {
        const row = r.row();
        const date = `${row.date.slice(0, 8)}${String(1 + (i % 3)).padStart(2, '0')}`;
        return recordRowOf({ ...row, date }, county.id, (i % 5 === 0 ? b : a).id, i);
      });
      await h.db.transaction().execute((trx) => insertRecords(trx, rows));
    });
    afterAll(async () => h.close());

    const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);
    const everyKind = kinds.map((k) => k.id);

    it('holds the records and total the list and count give, for every period, offset and scope', async () => {
      let compared = 0;
      for (const period of [
        { from: '2023-01-01', to: '2023-12-31' },
        { from: '2025-01-01', to: '2025-12-31' },
        { from: '2024-03-01', to: '2024-03-31' },
      ])
        for (const offset of [0, 20, 90, 400])
          for (const scope of [subtree(a.path), subtree(county.path)])
            for (const kindList of [undefined, everyKind]) {
              const q: RecordQuery = {
                org: orgFilter(a),
                period,
                registryKinds,
                ...(kindList ? { kinds: kindList } : {}),
                limit: 25,
                offset,
              };
              const page = await pageOfRecords(h.db, scope, q);
              const list = await listRecords(h.db, scope, q);
              expect(page.rows.map((x) => Number(x.id))).toEqual(list.map((x) => Number(x.id)));
              expect(page.total).toBe(await countRecords(h.db, scope, q));
              if (page.rows.length > 0) compared++;
            }
      // Most of those pages hold records: the comparison is not between empty pages.
      expect(compared).toBeGreaterThan(20);
      // Registry records active at the period's end are on the page whatever their start date.
      const y2025 = await pageOfRecords(h.db, subtree(a.path), {
        org: orgFilter(a),
        period: { from: '2025-01-01', to: '2025-12-31' },
        registryKinds,
        limit: 500,
      });
      expect(y2025.rows.some((x) => registryKinds.includes(x.kind) && String(x.date) < '2025-01-01')).toBe(
        true,
      );
      expect(y2025.rows.every((x) => Number(x.township_id) === a.id)).toBe(true);
    });
  });
}
