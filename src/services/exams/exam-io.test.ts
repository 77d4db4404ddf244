import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearPeriod } from '../../core/dates.ts';
import type { Db } from '../../db/connect.ts';
import { testDatabases } from '../../testing/databases.ts';
import { examInput, paperKey, plus, seedBank } from '../../testing/exams.ts';
import { addAccount } from '../../testing/fixtures.ts';
import { PASSWORD, principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import { computeIndicators } from '../indicators.ts';
import { closeExam } from './close.ts';
import { exportExamResults, importPaperScores, paperScoreTemplate } from './exam-io.ts';
import { PAPER_HEADERS, writeExamBook } from './exam-xlsx.ts';
import { createExam } from './exams.ts';
import { saveAnswer, startSitting, submitSitting } from './sitting.ts';

const T0 = '2025-09-01T01:00:00.000Z';
const MIN = 60_000;

async function book(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows below the header, as text (empty cells as ''). */
function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) cells.push(r.getCell(i).text);
    out.push(cells);
  });
  return out;
}

const paperFile = (rows: (string | number | null)[][]) =>
  writeExamBook([{ name: '纸质成绩', headers: PAPER_HEADERS, widths: [], rows }]);

for (const tdb of testDatabases()) {
  describe(`an exam's spreadsheets on ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let officer: Principal;
    let examId = 0;
    let unitB = '';

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      await seedBank(h);
      officer = principalOf(w, 'county_officer');
      for (const [username, name] of [
        ['b.li', '李四'],
        ['b.wang', '王五'],
      ] as const)
        await addAccount(h, { username, name, role: 'township_staff', orgId: w.b.id, password: PASSWORD });
      unitB = w.b.name;
    });
    afterAll(async () => {
      await h.close();
    });

    const act = (p: Principal) => actorOf(p, '10.0.0.1');

    it('pre-fills the paper template with the candidates', async () => {
      const input = examInput(w.county.id, T0, {
        candidates: { orgIds: [w.county.id], roles: ['county_officer', 'township_staff'] },
      });
      examId = (await createExam(h, officer, act(officer), input, T0)).id;
      const t = await paperScoreTemplate(h, officer, examId);
      const wb = await book(t.bytes);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['纸质成绩', '填写说明']);
      expect(wb.getWorksheet('纸质成绩')!.getRow(1).values).toEqual([undefined, ...PAPER_HEADERS]);
      expect(
        rowsOf(wb.getWorksheet('纸质成绩')!)
          .map((r) => r.slice(0, 3).join('|'))
          .sort(),
      ).toEqual(
        [
          'county_officer|测试县|county.officer',
          'township_staff|甲镇|township.staff',
          `李四|${unitB}|b.li`,
          `王五|${unitB}|b.wang`,
        ].sort(),
      );
    });

    it('refuses a file with bad rows, naming each, and stores nothing', async () => {
      const bytes = await paperFile([
        ['李四', unitB, 'b.li', 105],
        ['', '某村', null, 50],
        ['某人', '', 'nobody', 50],
        ['王五', unitB, null, 50],
        ['王五', unitB, null, 60],
        ['county_officer', '测试县', 'b.li', 70],
        ['赵六', '某村', null, '八十'],
      ]);
      const r = await importPaperScores(h, officer, act(officer), examId, { fileName: 'x.xlsx', bytes }, T0);
      expect(r.imported).toBe(0);
      expect(r.rows).toBe(7);
      expect(r.errors.map((e) => `${e.row}:${e.message}`)).toEqual([
        '2:成绩“105”超过总分90',
        '3:姓名为空',
        '4:账号“nobody”不是本次考试的应考人员',
        '6:与第 5 行是同一人（王五），每人只能有一个纸质成绩',
        '7:账号“b.li”是“李四”，与姓名“county_officer”不符',
        '8:成绩“八十”不是数字',
      ]);
      const n = await h.db.selectFrom('exam_sittings').select('id').where('exam_id', '=', examId).execute();
      expect(n).toEqual([]);
    });

    it('stores paper scores, exports the results, and the close puts them into the ledger', async () => {
      // 甲镇's staff sits online and gets everything right: 90, better than the 60 on paper.
      const staff = principalOf(w, 'township_staff');
      const at = plus(T0, 5 * MIN);
      const s = await startSitting(h, staff, act(staff), examId, at);
      for (const q of await paperKey(h, s.sittingId))
        await saveAnswer(
          h,
          staff,
          { examId, sittingId: s.sittingId, position: q.position, token: s.token, answer: [...q.answer] },
          at,
        );
      await submitSitting(h, staff, act(staff), { examId, sittingId: s.sittingId, token: s.token }, at);

      const bytes = await paperFile([
        ['李四', unitB, 'b.li', 75],
        ['王五', unitB, null, 50],
        ['township_staff', '甲镇', null, 60],
        ['赵六', '某村委会', null, 88],
      ]);
      const first = await importPaperScores(
        h,
        officer,
        act(officer),
        examId,
        { fileName: 'p.xlsx', bytes },
        at,
      );
      expect(first).toMatchObject({ rows: 4, imported: 4, matched: 3, replaced: 0, errors: [] });
      const again = await importPaperScores(
        h,
        officer,
        act(officer),
        examId,
        { fileName: 'p.xlsx', bytes },
        at,
      );
      expect(again).toMatchObject({ imported: 4, replaced: 4 });
      const rows = await h.db
        .selectFrom('exam_sittings')
        .select(['source', 'user_id', 'score', 'grade'])
        .where('exam_id', '=', examId)
        .execute();
      expect(rows.filter((r) => r.source === 'paper')).toHaveLength(4);
      expect(rows.filter((r) => r.source === 'online')).toHaveLength(1);
      const entry = (await listAudit(h, { limit: 1, order: 'desc' }))[0]!;
      expect(entry).toMatchObject({
        action: 'exam.paper_scores',
        targetType: 'exam',
        targetId: String(examId),
      });
      expect(entry.after).toMatchObject({ rows: 4, matched: 3, unmatched: 1, replaced: 4 });
      expect(JSON.stringify(entry.after)).not.toContain('李四');

      const x = await exportExamResults(h, officer, act(officer), examId, at);
      const wb = await book(x.bytes);
      expect(wb.worksheets.map((ws) => ws.name)).toEqual(['成绩', '分数分布', '易错题', '未参考']);
      const scores = rowsOf(wb.getWorksheet('成绩')!).map((r) => [r[0], r[3], r[4], r[5], r[7]].join('|'));
      expect(scores.sort()).toEqual(
        [
          'county_officer|未参考|||',
          'township_staff|已交卷|90|优秀|1',
          '李四|纸质成绩|75|合格|',
          '王五|纸质成绩|50|不合格|',
          '赵六|纸质成绩|88|优秀|',
        ].sort(),
      );
      expect(rowsOf(wb.getWorksheet('未参考')!)).toEqual([['county_officer', '测试县', '测试县']]);
      expect(rowsOf(wb.getWorksheet('分数分布')!).map((r) => r.join(':'))).toEqual([
        '0-59:1',
        '60-69:0',
        '70-79:0',
        '80-89:1',
        '90-100:2',
      ]);
      expect(wb.getWorksheet('易错题')!.getRow(1).values).toEqual([
        undefined,
        '题号',
        '法律法规',
        '题干',
        '条文出处',
        '作答人次',
        '答错人次',
        '错误率',
      ]);
      expect((await listAudit(h, { limit: 1, order: 'desc' }))[0]).toMatchObject({
        action: 'exam.results_export',
        after: { rows: 5 },
      });

      await closeExam(h, officer, act(officer), examId, plus(T0, 3 * 60 * MIN));
      const records = await h.db
        .selectFrom('exam_records')
        .innerJoin('records', 'records.id', 'exam_records.record_id')
        .innerJoin('orgs', 'orgs.id', 'records.township_id')
        .select(['orgs.name', 'records.kind', 'records.data'])
        .where('exam_records.exam_id', '=', examId)
        .execute();
      const scored = records
        .filter((r) => r.kind === 'exam_score')
        .map((r) => {
          const raw: unknown = r.data;
          const d = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { person: string; score: number };
          return `${r.name}:${d.person}:${d.score}`;
        });
      expect(scored.sort()).toEqual(
        [`${unitB}:李四:75`, `${unitB}:王五:50`, '甲镇:township_staff:90', '测试县:赵六:88'].sort(),
      );
      const b = await computeIndicators(h, w.b, yearPeriod(2025));
      const v = (key: string) => b.find((i) => i.key === key)?.value;
      expect([v('study.exam_participation_rate'), v('study.exam_pass_rate')]).toEqual([100, 50]);
      const county = await computeIndicators(h, w.county, yearPeriod(2025));
      const cv = (key: string) => county.find((i) => i.key === key)?.value;
      expect([cv('study.exam_participation_rate'), cv('study.exam_pass_rate')]).toEqual([100, 75]);

      await expect(
        importPaperScores(
          h,
          officer,
          act(officer),
          examId,
          { fileName: 'p.xlsx', bytes },
          plus(T0, 4 * 60 * MIN),
        ),
      ).rejects.toMatchObject({ status: 409, message: '本场考试已结束并登记了成绩，不能再导入纸质考试成绩' });
    });
  });
}
