import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import type { PaperScoreReport } from '../services/exams/exam-io.ts';
import { PAPER_HEADERS, writeExamBook } from '../services/exams/exam-xlsx.ts';
import { createExam } from '../services/exams/exams.ts';
import { testDatabases } from '../testing/databases.ts';
import { examInput, plus, seedBank } from '../testing/exams.ts';
import { setup } from '../testing/fixtures.ts';
import {
  seedWorld,
  signIn,
  testApp,
  usernameOf,
  type Client,
  type ErrorBody,
  type World,
} from '../testing/http.ts';

const MIN = 60_000;
const T0 = '2025-06-02T01:00:00.000Z';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function book(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

for (const tdb of testDatabases()) {
  describe(`an exam's spreadsheets through the API on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let w: World;
    let now = T0;
    let staff: Client;
    let examId = 0;

    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      await seedBank(h);
      app = await testApp(h, {
        clock: () => new Date(now),
        policy: { idleMs: 48 * 3_600_000, absoluteMs: 48 * 3_600_000 },
      });
      staff = await signIn(app, usernameOf('township_staff'));
      const input = examInput(w.a.id, T0, {
        title: '甲镇学法考试',
        candidates: { usernames: [usernameOf('township_staff'), usernameOf('township_leader')] },
      });
      examId = (await createExam(h, setup.p, setup.actor, input, T0)).id;
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    const upload = async (payload: Buffer | Uint8Array, name = '纸质成绩.xlsx') =>
      staff.request({
        method: 'POST',
        url: `/api/exams/${examId}/paper-scores?name=${encodeURIComponent(name)}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(payload),
      });

    it('gives the template with the candidates and takes it back filled in', async () => {
      now = plus(T0, 5 * MIN);
      const t = await staff.request({ method: 'GET', url: `/api/exams/${examId}/paper-scores/template` });
      expect(t.statusCode).toBe(200);
      expect(t.headers['content-type']).toContain(XLSX);
      expect(decodeURIComponent(String(t.headers['content-disposition']))).toContain(
        '甲镇学法考试纸质成绩模板.xlsx',
      );
      const wb = await book(t.rawPayload);
      const sheet = wb.getWorksheet('纸质成绩')!;
      expect(sheet.getRow(1).values).toEqual([undefined, ...PAPER_HEADERS]);
      expect(sheet.rowCount).toBe(3);
      // Fill in one score, leave the other person out.
      sheet.getRow(2).getCell(4).value = 85;
      sheet.spliceRows(3, 1);
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const r = await upload(filled);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ rows: 1, imported: 1, matched: 1, errors: [] });
    });

    it('answers each bad row, a file that is not .xlsx, and stores nothing', async () => {
      const bad = await writeExamBook([
        { name: '纸质成绩', headers: PAPER_HEADERS, widths: [], rows: [['张三', '甲镇', 'nobody', 95]] },
      ]);
      const r = await upload(bad);
      expect(r.statusCode).toBe(200);
      const report = r.json<PaperScoreReport>();
      expect(report.imported).toBe(0);
      expect(report.errors.map((e) => `${e.row}:${e.column}:${e.message}`)).toEqual([
        '2:成绩:成绩“95”超过总分90',
      ]);
      const csv = await upload(Buffer.from('姓名,成绩\n张三,80\n'), '成绩.csv');
      expect(csv.statusCode).toBe(415);
      const rows = await h.db
        .selectFrom('exam_sittings')
        .select('score')
        .where('exam_id', '=', examId)
        .execute();
      expect(rows.map((x) => Number(x.score))).toEqual([85]);
    });

    it('exports the results as a workbook', async () => {
      const r = await staff.request({ method: 'GET', url: `/api/exams/${examId}/results.xlsx` });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain(XLSX);
      const wb = await book(r.rawPayload);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['成绩', '分数分布', '易错题', '未参考']);
      const statuses: string[] = [];
      wb.getWorksheet('成绩')!.eachRow((row, n) => {
        if (n > 1) statuses.push(row.getCell(4).text);
      });
      expect(statuses.sort()).toEqual(['未参考', '纸质成绩'].sort());
    });

    it('refuses paper scores once the exam is closed', async () => {
      now = plus(T0, 3 * 60 * MIN);
      const closed = await staff.request({ method: 'POST', url: `/api/exams/${examId}/close` });
      expect(closed.statusCode).toBe(200);
      const file = await writeExamBook([
        { name: '纸质成绩', headers: PAPER_HEADERS, widths: [], rows: [['张三', '甲镇', null, 80]] },
      ]);
      const r = await upload(file);
      expect(r.statusCode).toBe(409);
      expect(r.json<ErrorBody>().error.message).toBe('本场考试已结束并登记了成绩，不能再导入纸质考试成绩');
    });
  });
}
