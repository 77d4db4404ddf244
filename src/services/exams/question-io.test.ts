import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_BANK } from '../../catalogue/question-bank/index.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import { formatIssue } from '../ledger-io/report.ts';
import { exportQuestions, importQuestions, questionTemplate } from './question-io.ts';
import { QUESTION_HEADERS } from './question-xlsx.ts';
import { createQuestion, listQuestions } from './questions.ts';

const AT = '2026-03-02T02:00:00.000Z';

async function sheetsOf(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet): string[][] => {
  const out: string[][] = [];
  ws.eachRow((r) => {
    const cells: string[] = [];
    for (let i = 1; i <= QUESTION_HEADERS.length; i++) cells.push(r.getCell(i).text);
    out.push(cells);
  });
  return out;
};

/** A 题库 workbook with these data rows under the template's header. */
async function book(rows: readonly (readonly (string | number | null)[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow([...QUESTION_HEADERS]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 题号, 法律法规, 题型, 难度, 题干, 选项A–F, 答案, 条文出处, 解析. */
const row = (
  code: string,
  law: string,
  type: string,
  stem: string,
  options: readonly string[],
  answer: string,
  article: string,
) => [
  code,
  law,
  type,
  '中等',
  stem,
  ...[0, 1, 2, 3, 4, 5].map((i) => options[i] ?? null),
  answer,
  article,
  null,
];

for (const tdb of testDatabases()) {
  describe(`question bank .xlsx on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let staff: Principal;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      staff = principalOf(w, 'township_staff');
    });
    afterAll(() => h.close());
    const act = actorOf({ id: null, username: 'x', role: 'township_staff', orgId: null, orgPath: '/' }, null);
    const imp = (bytes: Uint8Array, fileName = '题库.xlsx', dryRun = false) =>
      importQuestions(h, staff, actorOf(staff, '10.0.0.1'), { fileName, bytes, dryRun }, AT);
    const stored = () => h.db.selectFrom('questions').selectAll().orderBy('id').execute();

    it('writes a template with the 题库 sheet, two examples and the 填写说明 with the law list', async () => {
      const wb = await sheetsOf(await questionTemplate());
      expect(wb.worksheets.map((s) => s.name)).toEqual(['题库', '填写说明']);
      const rows = rowsOf(wb.getWorksheet('题库')!);
      expect(rows[0]).toEqual([...QUESTION_HEADERS]);
      expect(rows).toHaveLength(3);
      expect(rows[1]?.[1]).toBe('行政处罚法');
      expect(rows[1]?.[11]).toBe('ABC');
      expect(rows[2]?.[11]).toBe('正确');
      const guide = wb.getWorksheet('填写说明')!;
      const text: string[] = [];
      guide.eachRow((r) => text.push(r.getCell(1).text));
      expect(text).toEqual(expect.arrayContaining(['答案', '民法典', '信访工作条例', '土地管理法']));
      // The template imports as it is: its two examples become questions.
      const r = await imp(await questionTemplate(), '模板.xlsx', true);
      expect(r).toMatchObject({ rows: 2, created: 2, errors: [] });
    });

    it('round-trips the bank: export, import the same file, nothing changes', async () => {
      await createQuestion(
        h,
        staff,
        actorOf(staff, null),
        {
          draft: {
            law: 'civil_code',
            type: 'multiple',
            difficulty: 'hard',
            stem: '下列属于民事法律行为有效条件的是（　）。',
            options: [
              '行为人具有相应的民事行为能力',
              '意思表示真实',
              '不违反法律、行政法规的强制性规定，不违背公序良俗',
              '经过公证',
            ],
            answer: [0, 1, 2],
            article: '第一百四十三条',
            note: '公证不是有效条件。',
          },
        },
        AT,
      );
      const exported = await exportQuestions(h, staff, act, undefined, AT);
      expect(exported).toMatchObject({ fileName: '甲镇题库.xlsx', count: STARTER_BANK.length + 1 });
      const rows = rowsOf((await sheetsOf(exported.bytes)).getWorksheet('题库')!);
      expect(rows).toHaveLength(STARTER_BANK.length + 2);
      const mine = rows.find((r) => r[0] === `${w.a.code}-0001`)!;
      expect(mine).toEqual([
        `${w.a.code}-0001`,
        '民法典',
        '多选题',
        '较难',
        '下列属于民事法律行为有效条件的是（　）。',
        '行为人具有相应的民事行为能力',
        '意思表示真实',
        '不违反法律、行政法规的强制性规定，不违背公序良俗',
        '经过公证',
        '',
        '',
        'ABC',
        '第一百四十三条',
        '公证不是有效条件。',
        '1',
        '甲镇',
      ]);
      expect(rows.filter((r) => r[15] === '入门题库')).toHaveLength(STARTER_BANK.length);

      const before = await stored();
      const r = await imp(exported.bytes);
      expect(r).toMatchObject({
        rows: STARTER_BANK.length + 1,
        created: 0,
        corrected: 0,
        unchanged: 1,
        skipped: STARTER_BANK.length,
        errors: [],
      });
      expect(await stored()).toEqual(before);
      const audit = (await listAudit(h, { limit: 5, order: 'desc' })).map((e) => e.action);
      expect(audit.slice(0, 2)).toEqual(['question.import', 'question.export']);
    });

    it('imports new rows, corrects a known 题号 as a new version, refuses a changed starter question', async () => {
      const code = `${w.a.code}-0001`;
      const starter = STARTER_BANK[0]!;
      const fixed = row(
        code,
        '民法典',
        '单选题',
        '民事法律行为有效的条件不包括（　）。',
        ['意思表示真实', '经过公证'],
        'B',
        '第一百四十三条',
      );
      const fresh = row(
        '',
        '《中华人民共和国土地管理法》',
        '判断',
        '农村村民一户只能拥有一处宅基地。',
        [],
        '对',
        '第六十二条第一款',
      );
      const r = await imp(await book([fixed, fresh]));
      expect(r).toMatchObject({ rows: 2, created: 1, corrected: 1, errors: [] });
      const versions = await h.db
        .selectFrom('questions')
        .select(['version', 'current'])
        .where('code', '=', code)
        .orderBy('version')
        .execute();
      expect(versions).toEqual([
        { version: 1, current: 0 },
        { version: 2, current: 1 },
      ]);
      const land = (await listQuestions(h, staff, { q: `${w.a.code}-0002` })).items[0];
      expect(land).toMatchObject({
        code: `${w.a.code}-0002`,
        type: 'judge',
        options: ['正确', '错误'],
        answer: [0],
      });

      const changed = row(starter.code, '宪法', '单选题', '改过的入门题', ['甲', '乙'], 'A', '第二条');
      const refused = await imp(await book([changed]));
      expect(refused.errors.map(formatIssue)).toEqual([
        `工作表“题库”第 2 行【题号】：题号“${starter.code}”属于入门题库，不能在本单位修改；如需改动，请清空题号作为本单位的新题导入`,
      ]);
    });

    it('reports every malformed row and stores nothing', async () => {
      const before = await stored();
      const audit = (await listAudit(h, { limit: 1000 })).length;
      const bytes = await book([
        row('', '行政处罚法', '单选题', '没有答案的题', ['甲', '乙'], '', '第九条'),
        row('', '行政处罚法', '单选题', '答案不在选项中', ['甲', '乙', '丙', '丁'], 'E', '第九条'),
        row('', '治安法', '单选题', '法律不认识', ['甲', '乙'], 'A', '第九条'),
        row('', '行政处罚法', '单选题', '这一行没有问题', ['甲', '乙'], 'A', '第九条'),
        row('', '行政处罚法', '多选题', '多选只有一个答案', ['甲', '乙'], 'A', '第九条'),
        row('', '行政处罚法', '问答题', '题型不认识', ['甲', '乙'], 'A', '第九条'),
      ]);
      const r = await imp(bytes);
      expect(r.errors.map(formatIssue)).toEqual([
        '工作表“题库”第 2 行：缺少答案',
        '工作表“题库”第 3 行：答案“E”不在选项中',
        '工作表“题库”第 4 行：未知的法律法规“治安法”：请填“填写说明”所列名称',
        '工作表“题库”第 6 行：多选题至少要有两个正确答案；只有一个答案的请改为单选题',
        '工作表“题库”第 7 行【题型】：未知的题型“问答题”：应为单选题、多选题、判断题',
      ]);
      expect(r).toMatchObject({ rows: 6, created: 0 });
      expect(await stored()).toEqual(before);
      expect(await listAudit(h, { limit: 1000 })).toHaveLength(audit);
    });

    it('refuses a file that is not an .xlsx, and an import without an organisation from the console', async () => {
      await expect(imp(Buffer.from('题号,题干\r\n1,题\r\n'), '题库.csv')).rejects.toMatchObject({
        status: 415,
      });
      const op = { id: null, username: 'op', role: 'system', orgId: null, orgPath: '/' };
      await expect(
        importQuestions(h, op, actorOf(op, null), { fileName: 'x.xlsx', bytes: await book([]) }, AT),
      ).rejects.toThrow('须指定单位');
    });
  });
}
