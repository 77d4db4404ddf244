import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { NOW, setup, smallCounty } from '../../testing/fixtures.ts';
import { toBytes, utc } from '../../testing/workbooks.ts';
import { importRecords } from '../ledger-batches.ts';
import { editRecord } from '../ledger-writes.ts';
import { getKind } from '../../catalogue/kinds.ts';
import { matchColumns } from './auto-header.ts';
import { yearPeriod } from '../../core/dates.ts';
import { computeIndicators } from '../indicators.ts';
import { buildReportModel } from '../report.ts';

type Orgs = Awaited<ReturnType<typeof smallCounty>>;
type Cells = readonly (string | number | Date | null)[];

/** A sheet as a township keeps it: a merged title, a 填报 line, the header, rows, maybe a 合计. */
async function townshipSheet(
  name: string,
  title: string | null,
  header: readonly Cells[],
  rows: readonly Cells[],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  const width = header[0]!.length;
  if (title) {
    ws.addRow([title]);
    ws.mergeCells(1, 1, 1, width);
    ws.addRow(['填报单位：桃源镇司法所', null, null, null, '填报时间：2025年1月6日']);
    ws.addRow([]);
  }
  for (const h of header) ws.addRow([...h]);
  for (const r of rows) ws.addRow([...r]);
  return toBytes(wb);
}

/** The sheet the clerk tried first (issue #16): title, 填报 line, 序号…备注, dates and numbers as written, 合计. */
const PUBLICITY_HEADER = [
  ['序号', '时间', '活动名称', '活动地点', '活动形式', '发放宣传资料（份）', '受众人数', '咨询人次', '备注'],
] as const;
const PUBLICITY_ROWS: readonly Cells[] = [
  [1, '2024.4.15', '全民国家安全教育日宣传', '镇文化广场', '广场宣传', '200余', '约1000人', 35, ''],
  [2, '2024年6月26日', '禁毒宣传进校园', '桃源中学', '进校园', '1,200', '800', '20', '联合派出所'],
  [3, '12月4日', '宪法日集中宣传', '桃源村', '集中宣传', 300, '１５００', '42', null],
  [4, utc('2024-09-10'), '民法典进社区', '桃源社区', '进社区宣传', 150, 300, 18, null],
  ['合计', null, null, null, null, 1850, 3600, 115, null],
];

describe('reading a sheet header as written', () => {
  it('maps synonyms and units to the kind’s fields, sets 序号 and 备注 aside', () => {
    const m = matchColumns(getKind('publicity_event'), [...PUBLICITY_HEADER[0]]);
    expect(m.map((x) => (x.column ? x.column.label : x.role))).toEqual([
      'seq',
      '活动日期',
      '活动主题',
      '地点',
      '活动形式',
      '发放资料',
      '受教育群众',
      '解答咨询',
      '备注',
    ]);
    expect(m.every((x) => x.role !== 'unknown')).toBe(true);
  });
});

for (const tdb of testDatabases()) {
  describe(`import of ledgers laid out as townships keep them on ${tdb.name}`, () => {
    let h: Db;
    let org: Orgs;
    const run = (
      bytes: Uint8Array,
      fileName = '台账.xlsx',
      extra: {
        dryRun?: boolean;
        kindHint?: string;
        layout?: Record<string, { kind: string; columns: Record<string, string> }>;
      } = {},
    ) => importRecords(h, setup.p, setup.actor, { townshipId: org.a.id, fileName, bytes, ...extra }, NOW);
    const records = () =>
      h.db.selectFrom('records').select(['kind', 'date', 'title', 'data']).orderBy('date').execute();

    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(async () => h.close());
    beforeEach(async () => {
      await h.db.deleteFrom('records').execute();
      await h.db.deleteFrom('imports').execute();
    });

    it('imports the sheet as it is: kind from the title, columns by meaning, values as written, 合计 checked', async () => {
      const bytes = await townshipSheet(
        'Sheet1',
        '桃源镇2024年普法宣传活动台账',
        PUBLICITY_HEADER,
        PUBLICITY_ROWS,
      );
      const r = await run(bytes);
      expect(r.errors).toEqual([]);
      expect(r).toMatchObject({ rows: 4, inserted: 4 });
      expect(r.sheets).toMatchObject([
        {
          sheet: 'Sheet1',
          kind: 'publicity_event',
          kindLabel: '普法宣传活动',
          rows: 4,
          layout: { source: 'auto' },
        },
      ]);
      const rows = await records();
      expect(rows.map((x) => [x.kind, x.date, x.title])).toEqual([
        ['publicity_event', '2024-04-15', '全民国家安全教育日宣传'],
        ['publicity_event', '2024-06-26', '禁毒宣传进校园'],
        ['publicity_event', '2024-09-10', '民法典进社区'],
        ['publicity_event', '2024-12-04', '宪法日集中宣传'],
      ]);
      const data = rows.map(
        (x) => (typeof x.data === 'string' ? JSON.parse(x.data) : x.data) as Record<string, unknown>,
      );
      expect(data[0]).toMatchObject({
        form: 'street',
        location: '镇文化广场',
        materials: 200,
        audience: 1000,
        consultations: 35,
      });
      expect(data[1]).toMatchObject({ form: 'school', materials: 1200, audience: 800 });
      expect(data[2]).toMatchObject({ form: 'village', materials: 150 });
      expect(data[3]).toMatchObject({ form: 'street', audience: 1500 });
      // Numbers written 200余 / 约1000人 are kept as approximate, and the figures built on them say so.
      expect(data[0]).toMatchObject({ approxFields: ',materials,audience,' });
      expect(data[1]?.approxFields).toBeUndefined();
      const values = await computeIndicators(h, org.a, yearPeriod(2024));
      const byKey = new Map(values.map((v) => [v.key, v]));
      expect(byKey.get('publicity.materials')).toMatchObject({ value: 1850, approx: true });
      expect(byKey.get('publicity.events')?.approx).toBeUndefined();
      const model = await buildReportModel(h, org.a, 2024, '2025-02-01T00:00:00.000Z');
      expect(model.figures.map((f) => f.text)).toContain('1850余份');
      // Importing the same file again adds nothing.
      const again = await run(bytes);
      expect(again.inserted).toBe(0);
      expect(await records()).toHaveLength(4);
      // A hand edit keeps the mark of a number it leaves as it was, and drops that of one it changes.
      const first = await h.db
        .selectFrom('records')
        .select(['id', 'data'])
        .where('date', '=', '2024-04-15')
        .executeTakeFirstOrThrow();
      const stored = (typeof first.data === 'string' ? JSON.parse(first.data) : first.data) as Record<
        string,
        unknown
      >;
      // The form sends the fields it shows; the marks are the server's to keep.
      const fields = Object.fromEntries(Object.entries(stored).filter(([k]) => k !== 'approxFields'));
      const edited = await editRecord(
        h,
        setup.p,
        setup.actor,
        first.id,
        { date: '2024-04-15', title: '全民国家安全教育日集中宣传', data: { ...fields, materials: 260 } },
        NOW,
      );
      expect(edited.data).toMatchObject({ materials: 260, audience: 1000, approxFields: ',audience,' });
    });

    it('reads a two-row header under merged parents, the kind from its columns and sheet name', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('矛盾纠纷排查调处');
      ws.addRow(['2024年矛盾纠纷排查调处台账']);
      ws.addRow(['序号', '登记时间', '当事人', '纠纷类型', '简要情况', '调处情况', null, '备注']);
      ws.addRow([null, null, null, null, null, '调处时间', '调处结果', null]);
      ws.mergeCells('F2:G2');
      ws.addRow([1, '2024.3.2', '张某、李某', '邻里', '宅基地滴水纠纷', '2024.3.10', '调解成功', null]);
      ws.addRow([2, '2024.5.20', '王某', '借款', '借款纠纷', null, '调处中', null]);
      const r = await run(await toBytes(wb));
      expect(r.errors).toEqual([]);
      expect(r.inserted).toBe(2);
      const rows = await records();
      const data = rows.map(
        (x) => (typeof x.data === 'string' ? JSON.parse(x.data) : x.data) as Record<string, unknown>,
      );
      expect(rows.map((x) => [x.kind, x.date, x.title])).toEqual([
        ['dispute', '2024-03-02', '宅基地滴水纠纷'],
        ['dispute', '2024-05-20', '借款纠纷'],
      ]);
      expect(data[0]).toMatchObject({
        disputeType: 'neighbour',
        status: 'resolved',
        closedDate: '2024-03-10',
        parties: '张某、李某',
      });
      expect(data[1]).toMatchObject({ disputeType: 'debt', status: 'pending' });
    });

    it('imports nothing and says where when a 合计 disagrees, a number cannot be read or a date has no year', async () => {
      const bad = PUBLICITY_ROWS.map((row, i) =>
        i === 0
          ? [1, '2024.4.15', '全民国家安全教育日宣传', '镇文化广场', '广场宣传', '若干', 900, 35, '']
          : row,
      );
      const r = await run(
        await townshipSheet('Sheet1', '桃源镇2024年普法宣传活动台账', PUBLICITY_HEADER, bad),
      );
      expect(r.inserted).toBe(0);
      const messages = r.errors.map((e) => `${e.row ?? ''} ${e.column ?? ''} ${e.message}`);
      expect(messages).toContainEqual(expect.stringMatching(/^5 发放资料 F5 无法读出数字“若干”/));
      expect(messages).toContainEqual(
        expect.stringMatching(/^9 受教育群众 合计行与各行之和不符：“受教育群众”合计为 3600，各行相加为 3500/),
      );
      expect(await records()).toHaveLength(0);

      const noYear = await run(
        await townshipSheet('Sheet1', '桃源镇普法宣传活动台账', PUBLICITY_HEADER, PUBLICITY_ROWS.slice(2, 3)),
        '台账.xlsx',
      );
      expect(noYear.errors.map((e) => e.message)).toContainEqual(
        expect.stringContaining('“12月4日”没有写年份'),
      );
      // The file's name may carry the year.
      const named = await run(
        await townshipSheet('Sheet1', '桃源镇普法宣传活动台账', PUBLICITY_HEADER, PUBLICITY_ROWS.slice(2, 3)),
        '2024年普法台账.xlsx',
      );
      expect(named.errors).toEqual([]);
      expect((await records()).map((x) => x.date)).toEqual(['2024-12-04']);
    });

    it('says which column it cannot place, and which two columns claim one field', async () => {
      const header = [['序号', '时间', '活动名称', '活动形式', '天气情况', '发放资料', '资料数']] as const;
      const rows = [[1, '2024.4.15', '宣传', '集中宣传', '晴', 100, 100]];
      const r = await run(await townshipSheet('普法宣传', null, header, rows));
      expect(r.inserted).toBe(0);
      expect(r.errors.map((e) => e.message)).toContainEqual(
        expect.stringContaining('无法确定“天气情况”列对应普法宣传活动的哪一项（活动日期、活动主题'),
      );
      expect(r.errors.map((e) => e.message)).toContainEqual(
        expect.stringContaining('“资料数”列与“发放资料”列都对应“发放资料”'),
      );
    });

    it('takes a person’s choice of columns once, remembers it, and reads the next file of that layout without questions', async () => {
      const header = [['编号', '哪天', '做了什么', '活动形式', '天气', '发出资料']] as const;
      const month = (rows: readonly Cells[]) =>
        townshipSheet('Sheet1', '桃源镇2024年普法宣传活动台账', header, rows);
      const april = await month([[1, '4月15日', '国家安全教育日宣传', '集中宣传', '晴', 100]]);
      const first = await run(april);
      expect(first.inserted).toBe(0);
      expect(first.errors.map((e) => e.message)).toContainEqual(
        expect.stringContaining('找不到“活动日期”列'),
      );
      expect(first.sheets[0]?.layout?.source).toBe('auto');
      expect(first.sheets[0]?.choices?.map((c) => c.id)).toContain('data.materials');

      const layout = { Sheet1: { kind: 'publicity_event', columns: { B: 'date', C: 'title', E: 'ignore' } } };
      // Two columns for one field is refused.
      const twice = await run(april, '台账.xlsx', {
        layout: { Sheet1: { kind: 'publicity_event', columns: { B: 'date', C: 'date' } } },
      });
      expect(twice.errors.map((e) => e.message)).toContainEqual(
        '第 B 列和第 C 列都选了“活动日期”，只能选一列',
      );
      // A dry run with the choice imports nothing and remembers nothing.
      const dry = await run(april, '台账.xlsx', { layout, dryRun: true });
      expect(dry).toMatchObject({ errors: [], inserted: 1 });
      expect(await h.db.selectFrom('import_layouts').selectAll().execute()).toHaveLength(0);
      const chosen = await run(april, '台账.xlsx', { layout });
      expect(chosen).toMatchObject({ errors: [], inserted: 1 });
      expect(chosen.sheets[0]?.mapping?.map((m) => [m.column, m.to])).toEqual([
        ['A', '（序号，不导入）'],
        ['B', '活动日期'],
        ['C', '活动主题'],
        ['D', '活动形式'],
        ['E', '（不导入）'],
        ['F', '发放资料'],
      ]);

      // Next month's file of the same layout: read by the remembered choice, nothing asked.
      const may = await month([
        [1, '5月20日', '民法典宣传月集中宣传', '广场宣传', '多云', '300余'],
        [2, '5月28日', '法律进校园', '进校园', '雨', 50],
      ]);
      const next = await run(may, '5月台账.xlsx');
      expect(next.errors).toEqual([]);
      expect(next).toMatchObject({ inserted: 2 });
      expect(next.sheets[0]?.layout?.source).toBe('remembered');
      expect((await records()).map((x) => [x.date, x.title])).toEqual([
        ['2024-04-15', '国家安全教育日宣传'],
        ['2024-05-20', '民法典宣传月集中宣传'],
        ['2024-05-28', '法律进校园'],
      ]);
      await h.db.deleteFrom('import_layouts').execute();
    });
  });
}
