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

  it("keeps the township's own edits at every regeneration: confirmed causes, added shortcomings, part 5", async () => {
    const md = join(dir, 'edited.md');
    const first = await fazhi('report', '--org', '甲镇', '--year', '2024', '--format', 'md', '-o', md);
    expect(first.status).toBe(0);
    const ids = [...first.stdout.matchAll(/^ {2}([a-z_]+(?::[a-z_.]+)?)：/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    const edits = join(dir, 'edits.json');
    writeFileSync(
      edits,
      JSON.stringify({
        causes: { [ids[0]!]: '承办人员年中调整，交接不到位' },
        shortcomings: [{ heading: '法治宣传阵地建设滞后', text: '部分村法治文化阵地设施陈旧' }],
        other: ['本年度无其他需要报告的情况。'],
      }),
    );
    for (let i = 0; i < 2; i++) {
      const r = await fazhi(
        'report',
        '--org',
        '甲镇',
        '--year',
        '2024',
        '--format',
        'md',
        '-o',
        md,
        '--edits',
        edits,
      );
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain(`  ${ids[0]!}：`);
      const text = readFileSync(md, 'utf8');
      expect(text).toContain('主要原因是：承办人员年中调整，交接不到位。');
      expect(text).toContain('法治宣传阵地建设滞后');
      expect(text).toContain('部分村法治文化阵地设施陈旧。主要原因是：**【待补充：该项不足的原因】**');
      expect(text).toContain('本年度无其他需要报告的情况。');
    }
    writeFileSync(edits, '{"causes": {"x": ""}, ');
    const broken = await fazhi('report', '--org', '甲镇', '--year', '2024', '-o', md, '--edits', edits);
    expect(broken.status).not.toBe(0);
    expect(broken.stderr).toContain('修改文件不是有效的 JSON');
    writeFileSync(edits, JSON.stringify({ causes: { x: '' }, extra: 1 }));
    const unknown = await fazhi('report', '--org', '甲镇', '--year', '2024', '-o', md, '--edits', edits);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('不认识的项目“extra”');
    writeFileSync(edits, JSON.stringify({ causes: { x: '' } }));
    const empty = await fazhi('report', '--org', '甲镇', '--year', '2024', '-o', md, '--edits', edits);
    expect(empty.stderr).toContain('causes 中“x”的原因应为非空文字');
  });

  it('prints the 成文日期 and 版记 given, and writes the 数据来源说明 beside the report with --sources', async () => {
    const out = join(dir, 'issued');
    mkdirSync(out);
    const r = await fazhi(
      'report',
      '--org',
      '甲镇',
      '--year',
      '2024',
      '--format',
      'md',
      '--date',
      '2025-01-20',
      '--cc',
      '县委依法治县办,县司法局',
      '--printed-by',
      '甲镇党政办公室',
      '--printed-on',
      '2025-01-21',
      '--sources',
      '-o',
      join(out, 'r.md'),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已生成数据来源说明');
    expect(readdirSync(out).sort()).toEqual(['r.md', '甲镇2024年度法治政府建设情况报告-数据来源说明.md']);
    const md = readFileSync(join(out, 'r.md'), 'utf8');
    expect(md).toContain('2025年1月20日');
    expect(md).not.toContain('【待定：签发日期】');
    expect(md).toContain('抄送：县委依法治县办，县司法局。');
    expect(md).toContain('2025年1月21日印发');
    const sources = readFileSync(join(out, '甲镇2024年度法治政府建设情况报告-数据来源说明.md'), 'utf8');
    expect(sources).toContain('| 指标 | 数值 | 口径 | 来源记录数 |');
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
      [
        ['--org', '甲镇', '--year', '2024', '--date', '2025-02-30', '-o', join(bad, 'x.docx')],
        /--date：成文日期应为 YYYY-MM-DD 形式的日期/,
      ],
      [
        ['--org', '甲镇', '--year', '2024', '--printed-on', '1月21日', '-o', join(bad, 'x.docx')],
        /--printed-on：印发日期应为/,
      ],
      [
        [
          '--org',
          '甲镇',
          '--year',
          '2024',
          '--date',
          '2025-01-20',
          '--printed-on',
          '2025-01-02',
          '-o',
          join(bad, 'x.docx'),
        ],
        /印发日期（2025-01-02）不应早于成文日期（2025-01-20）/,
      ],
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
