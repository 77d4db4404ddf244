import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { readDocx } from '../../report/render/docx-read.ts';
import { seedSampleYear } from '../../report/sample.ts';
import { NOW, smallCounty } from '../../testing/fixtures.ts';
import { runFazhi } from '../../testing/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-report-'));
const db = `sqlite:${join(dir, 'ledger.db')}`;
const fazhi = async (...args: string[]) => {
  const r = await runFazhi([...args, '--db', db]);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};

describe('fazhi report', () => {
  beforeAll(async () => {
    const h = openDb(db);
    await migrateToLatest(h);
    const { a } = await smallCounty(h);
    await seedSampleYear(h, a, 2024, NOW);
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one township report', async () => {
    const out = join(dir, 'a.docx');
    const r = await fazhi('report', '--org', '甲镇', '--year', '2024', '-o', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已生成');
    expect(readDocx(readFileSync(out)).document).toContain('甲镇人民政府关于2024年度');
    const md = join(dir, 'a.md');
    expect(
      (await fazhi('report', '--org', '430001', '--year', '2024', '--format', 'md', '-o', md)).status,
    ).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('## 一、主要举措和成效');
  });

  it('writes one file per township for a county', async () => {
    const out = join(dir, 'batch');
    mkdirSync(out);
    const r = await fazhi('report', '--county', '测试县', '--year', '2024', '--all', '-o', out);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '乙乡2024年度法治政府建设情况报告.docx',
      '甲镇2024年度法治政府建设情况报告.docx',
    ]);
  });

  it('refuses bad input in Chinese, exits non-zero and leaves no file behind', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    const cases: [string[], RegExp][] = [
      [['--org', '丙镇', '--year', '2024', '-o', join(bad, 'x.docx')], /找不到/],
      [['--org', '甲镇', '--year', '1999', '-o', join(bad, 'x.docx')], /--year 应为 2000 至 2100/],
      [
        ['--org', '甲镇', '--year', '2024', '--format', 'pdf', '-o', join(bad, 'x.docx')],
        /--format 应为 docx、md 或 html/,
      ],
      [['--org', '东村', '--year', '2024', '-o', join(bad, 'x.docx')], /找不到/],
      [['--org', '甲镇', '--year', '2024', '-o', join(bad, 'missing', 'x.docx')], /输出目录不存在/],
      [['--county', '测试县', '--year', '2024', '--all', '-o', join(bad, 'missing')], /输出目录不存在/],
    ];
    for (const [args, message] of cases) {
      const r = await fazhi('report', ...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    writeFileSync(join(bad, 'file'), 'x');
    const r = await fazhi('report', '--org', '甲镇', '--year', '2024', '-o', join(bad, 'file', 'x.docx'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('输出目录不存在');
    expect(readdirSync(bad)).toEqual(['file']);
    expect(existsSync(join(bad, 'missing'))).toBe(false);
  });
});
