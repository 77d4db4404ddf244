import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { NOW, setup, smallCounty } from '../../testing/fixtures.ts';
import { importRecords } from '../ledger-batches.ts';
import { formatIssue } from './report.ts';
import {
  countImports,
  countRecords,
  filledTemplate,
  loadWorkbook,
  plainWorkbook,
  toBytes,
  utc,
} from '../../testing/workbooks.ts';

type Orgs = Awaited<ReturnType<typeof smallCounty>>;

const meetingRows = [
  [utc('2023-02-10'), '研究年度法治政府建设工作要点', '', '党委会', '是', '张书记', 12, '年度工作要点'],
  ['2023/6/5', '听取上半年法治建设汇报', '甲镇司法所', '政府常务会', '否', '李镇长', ' 9 人 ', ''],
  ['2023年11月20日', '依法治镇委员会会议', '东村', 'committee', true, '', 15, null],
] as const;

for (const tdb of testDatabases()) {
  describe(`ledger import on ${tdb.name}`, () => {
    let h: Db;
    let org: Orgs;
    const run = (bytes: Uint8Array, extra: Partial<Parameters<typeof importRecords>[3]> = {}) =>
      importRecords(
        h,
        setup.p,
        setup.actor,
        { townshipId: org.a.id, fileName: '台账.xlsx', bytes, ...extra },
        NOW,
      );

    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(async () => h.close());
    beforeEach(async () => {
      await h.db.deleteFrom('records').execute();
      await h.db.deleteFrom('imports').execute();
    });

    it('imports a filled template, records the import and tags its rows', async () => {
      const bytes = await filledTemplate('leadership_meeting', meetingRows);
      const r = await run(bytes);
      expect(r.errors).toEqual([]);
      expect(r).toMatchObject({ format: 'xlsx', rows: 3, inserted: 3, skipped: 0, dryRun: false });
      expect(r.sheets).toEqual([
        { sheet: '法治建设专题会议', kind: 'leadership_meeting', kindLabel: '法治建设专题会议', rows: 3 },
      ]);
      const imp = await h.db.selectFrom('imports').selectAll().executeTakeFirstOrThrow();
      expect(imp).toMatchObject({
        id: r.importId,
        township_id: org.a.id,
        file_name: '台账.xlsx',
        rows: 3,
        inserted: 3,
        skipped: 0,
      });
      expect(imp.file_sha256).toMatch(/^[0-9a-f]{64}$/);
      const rows = await h.db
        .selectFrom('records')
        .select(['date', 'title', 'org_id', 'import_id', 'data'])
        .orderBy('date')
        .execute();
      expect(rows.map((x) => [x.date, x.org_id, x.import_id])).toEqual([
        ['2023-02-10', null, r.importId],
        ['2023-06-05', org.dept.id, r.importId],
        ['2023-11-20', org.village.id, r.importId],
      ]);
      expect(h.dialect.readJson(rows[1]?.data)).toEqual({
        meetingType: 'government',
        heardReport: false,
        chair: '李镇长',
        attendees: 9,
      });
      expect(h.dialect.readJson(rows[2]?.data)).toEqual({
        meetingType: 'committee',
        heardReport: true,
        attendees: 15,
      });
    });

    it('adds nothing when the same file is imported again, and says how many rows it skipped', async () => {
      const bytes = await filledTemplate('leadership_meeting', meetingRows);
      await run(bytes);
      const again = await run(bytes);
      expect(again).toMatchObject({ rows: 3, inserted: 0, skipped: 3, errors: [] });
      expect(await countRecords(h)).toBe(3);
      const more = await filledTemplate('leadership_meeting', [
        ...meetingRows,
        ['2023-12-01', '年终会议', '', '党委会', '', '', '', ''],
      ]);
      expect(await run(more)).toMatchObject({ inserted: 1, skipped: 3 });
      expect(await countRecords(h)).toBe(4);
    });

    it('writes nothing on a dry run but reports what it would do', async () => {
      const bytes = await filledTemplate('leadership_meeting', meetingRows);
      const r = await run(bytes, { dryRun: true });
      expect(r).toMatchObject({ dryRun: true, rows: 3, inserted: 3, skipped: 0, importId: null, errors: [] });
      expect(await countRecords(h)).toBe(0);
      expect(await countImports(h)).toBe(0);
    });

    it('reads a hand-made workbook: title row, own column order, sheet found by name or headers', async () => {
      const bytes = await plainWorkbook([
        {
          name: '普法宣传活动',
          rows: [
            ['2023年甲镇普法宣传活动台账'],
            ['活动主题', '活动日期', '活动形式', '发放资料（份）', '村（社区）'],
            ['宪法日宣传', utc('2023-12-04'), '集中宣传', 200, '东村'],
            ['禁毒宣传', '2023.6.26', '进校园', '1,500', ''],
          ],
        },
        { name: 'Sheet2', rows: [] },
        {
          name: 'Sheet3',
          rows: [
            ['会议日期', '会议名称', '主持人', '参会人数'],
            [45000, '安全生产专题会议', '王镇长', 30],
          ],
        },
      ]);
      const r = await run(bytes);
      expect(r.errors).toEqual([]);
      expect(r.sheets.map((s) => [s.sheet, s.kind, s.rows])).toEqual([
        ['普法宣传活动', 'publicity_event', 2],
        ['Sheet3', 'safety_meeting', 1],
      ]);
      const rows = await h.db
        .selectFrom('records')
        .select(['kind', 'date', 'title'])
        .orderBy('date')
        .execute();
      expect(rows).toEqual([
        { kind: 'safety_meeting', date: '2023-03-15', title: '安全生产专题会议' },
        { kind: 'publicity_event', date: '2023-06-26', title: '禁毒宣传' },
        { kind: 'publicity_event', date: '2023-12-04', title: '宪法日宣传' },
      ]);
    });

    it('says so when no kind fits a sheet, and lets a kind hint take precedence over the headers', async () => {
      const unknown = await plainWorkbook([
        {
          name: 'Sheet1',
          rows: [
            ['日期', '名称'],
            ['2023-09-01', '年度学法考试'],
          ],
        },
      ]);
      expect((await run(unknown)).errors.map(formatIssue)).toEqual([
        '工作表“Sheet1”：无法确定这个工作表是哪类台账：请把工作表命名为台账类型名称（如“普法宣传活动”）、在导入时指定台账类型，或使用系统生成的模板',
      ]);
      const meeting = await plainWorkbook([
        {
          name: 'Sheet1',
          rows: [
            ['会议日期', '会议名称', '主持人'],
            ['2023-09-01', '会议', '王'],
          ],
        },
      ]);
      const hinted = await run(meeting, { kindHint: '法治建设专题会议' });
      expect(hinted.errors.map(formatIssue)).toEqual([
        '工作表“Sheet1”第 1 行【会议类型】：找不到“会议类型”列：请在表中加上这一列，或在导入界面指明哪一列是“会议类型”',
      ]);
      expect(await run(meeting)).toMatchObject({
        inserted: 1,
        errors: [],
        sheets: [{ kind: 'safety_meeting' }],
      });
      await expect(run(meeting, { kindHint: '不存在' })).rejects.toThrow('未知的台账类型“不存在”');
    });

    it('reads CSV in UTF-8 with and without BOM, and in GBK', async () => {
      const text =
        '＊活动日期,＊活动主题,村（社区）/部门,＊活动形式,发放资料\r\n2023-03-15,"消费者权益日,集中宣传",东村,集中宣传,300\r\n2023-04-15,国家安全教育日,,进校园,\r\n';
      const utf8 = await run(Buffer.from(text, 'utf8'), { fileName: '普法宣传活动.csv' });
      expect(utf8).toMatchObject({ format: 'csv', rows: 2, inserted: 2, errors: [] });
      const bom = await run(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), {
        fileName: 'x.csv',
        kindHint: 'publicity_event',
      });
      expect(bom).toMatchObject({ inserted: 0, skipped: 2, errors: [] });
      await h.db.deleteFrom('records').execute();
      const gbk = await run(iconv.encode(text, 'gbk'), { fileName: '普法.csv' });
      expect(gbk).toMatchObject({ inserted: 2, errors: [] });
      const titles = await h.db.selectFrom('records').select('title').orderBy('date').execute();
      expect(titles.map((t) => t.title)).toEqual(['消费者权益日,集中宣传', '国家安全教育日']);
    });

    describe('refuses bad input in Chinese and writes nothing', () => {
      let before: number;
      beforeEach(async () => {
        await run(await filledTemplate('leadership_meeting', meetingRows.slice(0, 1)));
        before = await countRecords(h);
      });
      const unchanged = async () => {
        expect(await countRecords(h)).toBe(before);
        expect(await countImports(h)).toBe(1);
      };

      it('a PNG named .xlsx', async () => {
        const png = Buffer.concat([
          Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
          Buffer.alloc(64, 1),
        ]);
        await expect(run(png)).rejects.toThrow('文件“台账.xlsx”不是电子表格（文件内容为 PNG 格式）');
        await unchanged();
      });

      it('random bytes named .xlsx, and an old .xls', async () => {
        const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
        await expect(run(noise)).rejects.toThrow('扩展名是 Excel，但内容不是 Excel 文件');
        await expect(run(noise, { fileName: 'x.csv' })).rejects.toThrow('不是电子表格（内容是二进制数据）');
        const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
        await expect(run(xls, { fileName: 'x.xls' })).rejects.toThrow('旧版 Excel（.xls）');
        await unchanged();
      });

      it('a truncated xlsx, and a zip that is not a workbook', async () => {
        const good = await filledTemplate('leadership_meeting', meetingRows);
        await expect(run(good.subarray(0, Math.floor(good.length / 2)))).rejects.toThrow(
          '文件“台账.xlsx”已损坏或不完整',
        );
        const { zipSync } = await import('fflate');
        await expect(run(Buffer.from(zipSync({ 'a.txt': Buffer.from('x') })))).rejects.toThrow(
          '是压缩包，但不是 Excel（.xlsx）文件',
        );
        await unchanged();
      });

      it('an empty workbook, an empty file and a template with no rows', async () => {
        await expect(run(await plainWorkbook([{ name: 'Sheet1', rows: [] }]))).rejects.toThrow(
          '没有任何数据',
        );
        await expect(run(Buffer.alloc(0))).rejects.toThrow('是空文件');
        await expect(run(await filledTemplate('dispute', []))).rejects.toThrow('只有表头，没有数据行');
        await unchanged();
      });

      it('a file over the size limit, before parsing it', async () => {
        const bytes = await filledTemplate('leadership_meeting', meetingRows);
        await expect(run(bytes, { maxBytes: bytes.length - 1 })).rejects.toThrow(
          /大小为 .* MB，超过导入上限/,
        );
        // Not even a valid file: the size is checked first.
        await expect(run(Buffer.alloc(2048), { maxBytes: 1024 })).rejects.toThrow('超过导入上限');
        await unchanged();
      });

      it('unknown and missing headers', async () => {
        const bytes = await plainWorkbook([
          {
            name: '法治建设专题会议',
            rows: [
              ['会议日期', '会议名称', '天气'],
              ['2023-01-01', '会', '晴'],
            ],
          },
        ]);
        const r = await run(bytes);
        expect(r.inserted).toBe(0);
        // Not the template's layout: read as the township laid it out, each gap named once at the header.
        expect(r.errors.map(formatIssue)).toEqual([
          '工作表“法治建设专题会议”第 1 行【会议类型】：找不到“会议类型”列：请在表中加上这一列，或在导入界面指明哪一列是“会议类型”',
          expect.stringMatching(
            /^工作表“法治建设专题会议”第 1 行【天气】：无法确定“天气”列对应法治建设专题会议的哪一项（会议日期、会议名称、村（社区）\/部门、会议类型/,
          ),
        ]);
        await unchanged();
      });

      it('wrong types and out-of-range dates, each with sheet, row, column and what was expected', async () => {
        const bytes = await filledTemplate('leadership_meeting', [
          ['2023-01-05', '好的一行', '', '党委会', '', '', 3, ''],
          ['1999-12-31', '太早', '', '党委会', '', '', '', ''],
          ['2101-01-01', '太晚', '', '常委会', '也许', '', 'abc', ''],
          ['2023-02-30', '', '', '', '', '', -1, ''],
        ]);
        const r = await run(bytes);
        expect(r).toMatchObject({ rows: 4, inserted: 0, skipped: 0, importId: null });
        expect(r.errors.map(formatIssue)).toEqual([
          '工作表“法治建设专题会议”第 4 行【会议日期】：会议日期“1999-12-31”超出范围，应在 2000-01-01 至 2100-12-31 之间',
          '工作表“法治建设专题会议”第 5 行【会议日期】：会议日期“2101-01-01”超出范围，应在 2000-01-01 至 2100-12-31 之间',
          '工作表“法治建设专题会议”第 5 行【会议类型】：“常委会”不是可选值，应为：党委会、政府常务会、党政联席会、依法治镇委员会会议、其他',
          '工作表“法治建设专题会议”第 5 行【听取法治政府建设工作汇报】：“也许”应为“是”或“否”',
          '工作表“法治建设专题会议”第 5 行【参会人数】：“abc”不是数字，应为：整数，单位：人，0—10000000',
          '工作表“法治建设专题会议”第 6 行【会议日期】：“2023-02-30”不是有效日期，应为 2024-03-15 或 2024年3月15日 的形式',
          '工作表“法治建设专题会议”第 6 行【会议名称】：不能为空，应填：文字，不超过 200 字',
          '工作表“法治建设专题会议”第 6 行【会议类型】：不能为空，应填：从下拉列表选择：党委会、政府常务会、党政联席会、依法治镇委员会会议、其他',
          '工作表“法治建设专题会议”第 6 行【参会人数】：-1 小于下限 0，应为：整数，单位：人，0—10000000',
        ]);
        await unchanged();
      });

      it('a village that is not in the township', async () => {
        const r = await run(
          await filledTemplate('leadership_meeting', [
            ['2023-01-05', '会议', '西村', '党委会', '', '', '', ''],
          ]),
        );
        expect(r.errors.map(formatIssue)).toEqual([
          '工作表“法治建设专题会议”第 3 行【村（社区）/部门】：“西村”不是甲镇的村（社区）或部门，应为：东村、甲镇司法所',
        ]);
        await unchanged();
      });

      it('duplicate rows within the file, across sheets too', async () => {
        const row = ['2023-03-01', '邻里纠纷', '东村', '邻里纠纷', '', '', '调解成功'] as const;
        const bytes = await plainWorkbook([
          {
            name: '矛盾纠纷',
            rows: [
              ['登记日期', '纠纷事由', '村（社区）/部门', '纠纷类型', '来源', '当事人', '调处状态'],
              [...row],
              ['2023-03-02', '另一起', '', '其他', '', '', '调处中'],
              [...row],
            ],
          },
          {
            name: '矛盾纠纷（补）',
            rows: [
              ['登记日期', '纠纷事由', '村（社区）/部门', '纠纷类型', '来源', '当事人', '调处状态'],
              [utc('2023-03-01'), '邻里纠纷', '东村', 'neighbour', null, null, 'resolved'],
            ],
          },
        ]);
        const r = await run(bytes, { kindHint: 'dispute' });
        expect(r.errors.map(formatIssue)).toEqual([
          '工作表“矛盾纠纷”第 4 行：与第 2 行内容完全相同（重复行）：请删去其中一行',
          '工作表“矛盾纠纷（补）”第 2 行：与工作表“矛盾纠纷”第 2 行内容完全相同（重复行）：请删去其中一行',
        ]);
        await unchanged();
      });

      it('one bad row among many good ones in several sheets: all or nothing', async () => {
        const wb = await loadWorkbook(
          await filledTemplate(
            'leadership_meeting',
            Array.from({ length: 50 }, (_, i) => [
              `2023-03-${String((i % 28) + 1).padStart(2, '0')}`,
              `会议${i}`,
              '',
              '党委会',
              '',
              '',
              '',
              '',
            ]),
          ),
        );
        wb.addWorksheet('安全生产专题会议').addRows([
          ['会议日期', '会议名称'],
          ['2023-05-01', '安全会'],
          ['2023-05-02', ''],
        ]);
        const r = await run(await toBytes(wb));
        expect(r.rows).toBe(52);
        expect(r.errors.map(formatIssue)).toEqual([
          '工作表“安全生产专题会议”第 3 行【会议名称】：不能为空，应填：文字，不超过 200 字',
        ]);
        await unchanged();
      });

      it('a township column naming another township, and an organisation that is not a township', async () => {
        const bytes = await plainWorkbook([
          {
            name: '安全生产专题会议',
            rows: [
              ['乡镇（街道）', '会议日期', '会议名称'],
              ['乙乡', '2023-05-01', '安全会'],
            ],
          },
        ]);
        expect((await run(bytes)).errors.map(formatIssue)).toEqual([
          '工作表“安全生产专题会议”第 2 行【乡镇（街道）】：“乙乡”与导入的乡镇“甲镇”不符：一个文件只能导入一个乡镇的台账',
        ]);
        await expect(run(bytes, { townshipId: org.county.id })).rejects.toThrow('“测试县”不是乡镇');
        await unchanged();
      });
    });
  });
}
