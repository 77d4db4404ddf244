import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../../core/dates.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { NOW, recordAdder, setup, smallCounty } from '../../testing/fixtures.ts';
import { computeIndicators } from '../indicators.ts';
import type { Org } from '../orgs.ts';
import { plainCell } from './cells.ts';
import { exportLedger } from './export.ts';
import { importRecords } from '../ledger-batches.ts';
import { formatIssue } from './report.ts';
import { countRecords, loadWorkbook } from '../../testing/workbooks.ts';

type Orgs = Awaited<ReturnType<typeof smallCounty>>;

const importInto = (h: Db, t: Org, fileName: string, bytes: Uint8Array, dryRun = false) =>
  importRecords(h, setup.p, setup.actor, { townshipId: t.id, fileName, bytes, dryRun }, NOW);

/** A year of varied work: every field type, villages, registry kinds starting and ending. */
async function seed(h: Db, org: Orgs): Promise<void> {
  const add = recordAdder(h, NOW);
  await add(
    org.a,
    'dispute',
    '2023-03-01',
    '宅基地边界纠纷',
    { disputeType: 'land', status: 'resolved', satisfaction: 'satisfied', closedDate: '2023-03-20' },
    { org: '东村' },
  );
  await add(org.a, 'dispute', '2023-05-10', '邻里噪音纠纷', {
    disputeType: 'neighbour',
    status: 'resolved',
    preLitigation: true,
    parties: '张某、李某',
  });
  await add(org.a, 'dispute', '2023-12-20', '债务纠纷', {
    disputeType: 'debt',
    status: 'pending',
    dueDate: '2024-01-20',
    preLitigation: false,
  });
  await add(org.a, 'dispute', '2022-12-31', '上年纠纷', { disputeType: 'other', status: 'failed' });
  await add(org.a, 'publicity_event', '2023-12-04', '国家宪法日集中宣传', {
    form: 'street',
    publicityDay: 'd1204',
    materials: 1600,
    audience: 800,
    banners: 12,
    partners: '司法所,派出所',
  });
  await add(org.a, 'exam', '2023-09-01', '年度学法考试', { required: 4, form: 'online' });
  await add(org.a, 'exam_score', '2023-09-01', '年度学法考试', {
    person: '张三',
    grade: 'excellent',
    score: 95.5,
  });
  await add(org.a, 'exam_score', '2023-09-01', '年度学法考试', { person: '李四', grade: 'fail', score: 50 });
  await add(org.a, 'model_household', '2021-05-01', '刘大', { level: 'county' }, { org: '东村' });
  await add(org.a, 'model_household', '2022-01-01', '刘三', {}, { endDate: '2023-06-30' });
  await add(org.a, 'model_household', '2023-02-01', '刘五', {}, { endDate: '2024-03-01' });
  await add(org.a, 'legal_literate', '2023-04-01', '陈明', { phone: '013800000000', mediator: true });
  await add(org.a, 'petition', '2023-02-01', '土地补偿', {
    petitionType: 'claim',
    status: 'closed',
    dueDate: '2023-04-02',
    closedDate: '2023-03-30',
    resolved: true,
  });
  await add(org.a, 'inspection', '2023-04-12', '烟花爆竹专项检查', {
    area: 'fireworks',
    problemsFound: 8,
    problemsRectified: 7,
    rectifyDeadline: '2023-05-01',
  });
  await add(org.a, 'penalty', '2023-06-01', '违法占地', {
    status: 'decided',
    fine: 1250.5,
    decidedDate: '2023-07-01',
  });
  await add(org.a, 'lawsuit_hearing', '2023-05-01', '（2023）湘1228行初1号', {
    leaderRank: 'principal',
    leaderName: '王镇长',
  });
  await add(org.a, 'commitment', '2023-12-25', '完善合法性审查机制', {
    targetYear: 2024,
    status: 'planned',
    progress: '第一行\n第二行',
  });
  await add(org.b, 'publicity_event', '2023-03-15', '消费者权益日', { form: 'street', materials: 500 });
}

const sheetNames = async (bytes: Uint8Array) =>
  (await loadWorkbook(bytes)).worksheets.filter((w) => w.state === 'visible').map((w) => w.name);

for (const tdb of testDatabases()) {
  describe(`ledger export on ${tdb.name}`, () => {
    let src: Db;
    let dst: Db;
    let a: Orgs;
    let b: Orgs;
    beforeAll(async () => {
      [src, dst] = await Promise.all([tdb.open(), tdb.open()]);
      a = await smallCounty(src);
      b = await smallCounty(dst);
      await seed(src, a);
    });
    afterAll(async () => Promise.all([src.close(), dst.close()]));

    it('writes one sheet per kind with records in the year, in the template layout', async () => {
      const bytes = await exportLedger(src, a.a, 2023);
      expect(await sheetNames(bytes)).toEqual([
        '学法考试',
        '考试成绩',
        '普法宣传活动',
        '学法用法示范户',
        '法律明白人',
        '矛盾纠纷',
        '信访事项',
        '执法检查',
        '行政处罚案件',
        '出庭应诉',
        '下一年度工作安排',
      ]);
      const wb = await loadWorkbook(bytes);
      const ws = wb.getWorksheet('学法用法示范户');
      const rows = (ws?.getSheetValues() ?? [])
        .slice(1)
        .map((r) => Array.from({ length: 5 }, (_, i) => plainCell(Array.isArray(r) ? r[i + 1] : null)));
      expect(rows[0]).toEqual(['＊认定日期', '＊户主姓名', '村（社区）/部门', '撤销日期', '认定级别']);
      // 刘三 left in June and is not on the register at the year's end.
      expect(rows.slice(2)).toEqual([
        [new Date('2021-05-01T00:00:00Z'), '刘大', '东村', null, '县级'],
        [new Date('2023-02-01T00:00:00Z'), '刘五', null, new Date('2024-03-01T00:00:00Z'), null],
      ]);
      await expect(exportLedger(src, a.a, 2019)).rejects.toThrow('甲镇 2019 年没有台账记录');
      await expect(exportLedger(src, a.village, 2023)).rejects.toThrow(
        '只能导出乡镇（街道）或县（区）的台账',
      );
    });

    it('round-trips: export, import into an empty database, identical indicators', async () => {
      const bytes = await exportLedger(src, a.a, 2023);
      const r = await importInto(dst, b.a, '甲镇2023年台账.xlsx', bytes);
      expect(r.errors.map(formatIssue)).toEqual([]);
      expect(r.inserted).toBe(r.rows);
      expect(await computeIndicators(dst, b.a, yearPeriod(2023))).toEqual(
        await computeIndicators(src, a.a, yearPeriod(2023)),
      );
      // Same content, same identity: the exported rows are recognised as already in the source ledger.
      const back = await importInto(src, a.a, 'again.xlsx', bytes, true);
      expect(back).toMatchObject({ inserted: 0, skipped: r.rows, errors: [] });
      const keys = async (h: Db, t: Org) =>
        (await h.db.selectFrom('records').select('dedup_key').where('township_id', '=', t.id).execute())
          .map((x) => x.dedup_key)
          .sort();
      const exported = new Set(await keys(dst, b.a));
      expect((await keys(src, a.a)).filter((k) => exported.has(k))).toHaveLength(r.rows);
    });

    it('adds a township column for a county; each township row must match the township imported into', async () => {
      const bytes = await exportLedger(src, a.county, 2023);
      const wb = await loadWorkbook(bytes);
      const ws = wb.getWorksheet('普法宣传活动');
      expect(plainCell(ws?.getCell('A1').value)).toBe('＊乡镇（街道）');
      expect([plainCell(ws?.getCell('A3').value), plainCell(ws?.getCell('A4').value)]).toEqual([
        '甲镇',
        '乙乡',
      ]);
      const before = await countRecords(dst);
      const r = await importInto(dst, b.a, '测试县.xlsx', bytes);
      expect(r.errors.map(formatIssue)).toEqual([
        '工作表“普法宣传活动”第 4 行【乡镇（街道）】：“乙乡”与导入的乡镇“甲镇”不符：一个文件只能导入一个乡镇的台账',
      ]);
      expect(await countRecords(dst)).toBe(before);
    });
  });
}
