import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFazhi } from '../../../testing/cli.ts';

const NOTICE = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月20日（周六）上班。`;

describe('fazhi calendar', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-cal-'));
    db = `sqlite:${join(dir, 'fazhi.db')}`;
    writeFileSync(join(dir, 'notice.txt'), NOTICE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks, imports a notice (dry run first) and shows the year', { timeout: 120_000 }, async () => {
    const before = await runFazhi(['calendar', 'check', '--year', '2027', '--db', db]);
    expect(before.code).toBe(2);
    expect(before.stdout).toContain('2027年尚无官方放假安排');
    expect(before.stdout).toContain('按法定节日推算，未含调休');
    const file = join(dir, 'notice.txt');
    const dry = await runFazhi(['calendar', 'import', file, '--notice', '--dry-run', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2027年（来源：国务院办公厅通知（2027年））：放假10天，调休上班1天');
    expect(dry.stdout).toContain('未保存');
    const done = await runFazhi(['calendar', 'import', file, '--notice', '--db', db]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('已保存：2027年');
    const after = await runFazhi(['calendar', 'check', '--year', '2027', '--db', db]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('放假10天，调休上班1天');
    const show = await runFazhi(['calendar', 'show', '--year', '2027', '--db', db]);
    expect(show.stdout).toMatch(/2027-02-20\s+调休上班\s+春节/);
    const due = await runFazhi([
      'deadline',
      'disclosure.reply',
      '--from',
      '2027-01-25',
      '--db',
      db,
      '--json',
    ]);
    expect(JSON.parse(due.stdout)).toMatchObject({ mark: null, calendarBasis: 'official' });
  });
});
