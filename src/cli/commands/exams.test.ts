import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createExam } from '../../services/exams/exams.ts';
import { examInput, plus, seedBank } from '../../testing/exams.ts';
import { addAccount, setup, smallCounty } from '../../testing/fixtures.ts';
import { runFazhi } from '../../testing/cli.ts';

const HOUR = 3_600_000;

describe('fazhi exam', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  let pastExam = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-exam-'));
    db = `sqlite:${join(dir, 'fazhi.db')}`;
    const h = openDb(db);
    await migrateToLatest(h);
    const { a } = await smallCounty(h);
    await seedBank(h);
    await addAccount(h, {
      username: 'zhang.san',
      name: '张三',
      role: 'township_staff',
      orgId: a.id,
      password: 'Exam#2025pw',
    });
    // An exam whose window ended an hour ago, made back then.
    const opened = plus(new Date().toISOString(), -3 * HOUR);
    const input = examInput(a.id, opened, {
      title: '上半年学法考试',
      candidates: { usernames: ['zhang.san'] },
    });
    pastExam = (await createExam(h, setup.p, setup.actor, input, opened)).id;
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an exam from a file naming the organiser, and lists it', async () => {
    const file = join(dir, 'exam.json');
    const body = {
      ...examInput(0, plus(new Date().toISOString(), HOUR), { title: '下半年学法考试' }),
      org: '甲镇',
    };
    writeFileSync(
      file,
      JSON.stringify({
        ...body,
        orgId: undefined,
        candidates: { orgs: ['甲镇'], roles: ['township_staff'] },
      }),
    );
    const r = await runFazhi(['exam', 'create', '--file', file, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('已创建考试。');
    expect(r.stdout).toContain('民法典单选2题×10分');
    expect(r.stdout).toContain('应参考 1 人');
    const list = await runFazhi(['exam', 'list', '--org', '甲镇', '--db', db]);
    expect(list.stdout).toContain('下半年学法考试');
    expect(list.stdout).toContain('上半年学法考试');
  });

  it('says in Chinese what is wrong with a file', async () => {
    const file = join(dir, 'short.json');
    // More than any bank here holds (each start brings the shipped starter bank back).
    const rules = [{ law: '民法典', type: 'single', count: 120, points: 1 }];
    writeFileSync(
      file,
      JSON.stringify({
        ...examInput(0, plus(new Date().toISOString(), HOUR)),
        org: '甲镇',
        rules,
        passMark: 60,
        excellentMark: 100,
      }),
    );
    const r = await runFazhi(['exam', 'create', '--file', file, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/题库题目不足：民法典单选题只有 \d+ 道，试卷要求 120 道/);
  });

  it('closes an exam whose window is over and prints its results', async () => {
    const r = await runFazhi(['exam', 'close', String(pastExam), '--db', db]);
    expect(r.stdout).toBe(
      '已结束考试 ' + pastExam + '“上半年学法考试”：应参考 1 人，参考 0 人，成绩已登记入台账。\n',
    );
    expect((await runFazhi(['exam', 'close', String(pastExam), '--db', db])).stderr).toContain(
      '不能重复结束',
    );
    const res = await runFazhi(['exam', 'results', String(pastExam), '--db', db]);
    expect(res.stdout).toContain('应参考 1 人，参考 0 人，合格 0 人，优秀 0 人');
    expect(res.stdout).toContain('参考率 0%，合格率 —，优秀率 —');
    expect(res.stdout).toContain('未参考（1 人）：张三（甲镇）');
  });

  it('exports the results as a workbook', async () => {
    const out = join(dir, '成绩.xlsx');
    const r = await runFazhi(['exam', 'results', String(pastExam), '-o', out, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`已导出考试 ${pastExam} 的成绩 1 人：${out}\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['成绩', '分数分布', '易错题', '未参考']);
    expect(wb.getWorksheet('成绩')!.getRow(2).values).toEqual([undefined, '张三', '甲镇', '甲镇', '未参考']);
  });
});
