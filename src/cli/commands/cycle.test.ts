import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { readDocx } from '../../report/render/docx-read.ts';
import { seedSampleYear } from '../../report/sample.ts';
import { NOW, smallCounty } from '../../testing/fixtures.ts';
import { runFazhi } from '../../testing/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-cycle-'));
const db = `sqlite:${join(dir, 'ledger.db')}`;
const fazhi = async (...args: string[]) => runFazhi([...args, '--db', db]);

describe('fazhi cycle', () => {
  beforeAll(async () => {
    const h = openDb(db);
    await migrateToLatest(h);
    const { a } = await smallCounty(h);
    await seedSampleYear(h, a, 2024, NOW);
    await h.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes an uploaded report through the county steps, lists the status and writes the 通报 and comparison', async () => {
    const file = join(dir, '甲镇报告.txt');
    writeFileSync(
      file,
      '甲镇人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年开展普法宣传活动500次。\n二、存在的不足和原因\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n四、下一年度推进法治政府建设的主要安排\n五、其他需要报告的情况\n甲镇人民政府\n2025年1月20日\n',
    );
    const up = await fazhi('cycle', 'upload', file, '--org', '甲镇', '--year', '2024');
    expect(up.stderr).toBe('');
    expect(up.stdout).toMatch(/已代为报送.*与台账不符的数字 [1-9]/);
    expect(up.stdout).toContain('500');

    const early = await fazhi('cycle', 'publish', '--org', '甲镇', '--year', '2024');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('报告当前为“已报送”，不能公开发布');
    const noComment = await fazhi('cycle', 'return', '--org', '甲镇', '--year', '2024');
    expect(noComment.stderr).toContain('退回乡镇修改须写明意见');

    expect((await fazhi('cycle', 'accept', '--org', '甲镇', '--year', '2024')).stdout).toContain('已通过');
    const cleared = await fazhi('cycle', 'clear', '--org', '甲镇', '--year', '2024', '--reviewer', '孙保密');
    expect(cleared.stdout).toContain('已保密审查');
    expect((await fazhi('cycle', 'publish', '--org', '甲镇', '--year', '2024')).stdout).toContain('已公开');

    const status = await fazhi('cycle', 'status', '--county', '测试县', '--year', '2024');
    expect(status.stdout).toMatch(/甲镇.*已公开/);
    expect(status.stdout).toMatch(/乙乡.*未开始/);

    const out = join(dir, 'out');
    const bad = await fazhi(
      'cycle',
      'bulletin',
      '--county',
      '测试县',
      '--year',
      '2024',
      '-o',
      join(dir, 'missing'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('输出目录不存在');
    (await import('node:fs')).mkdirSync(out);
    const b = await fazhi('cycle', 'bulletin', '--county', '测试县', '--year', '2024', '-o', out);
    expect(b.stderr).toBe('');
    const docx = join(out, '测试县2024年度法治政府建设年度报告通报（稿）.docx');
    expect(existsSync(docx)).toBe(true);
    const xml = readDocx(readFileSync(docx)).document;
    expect(xml).toContain('甲镇');
    expect(xml).toContain('500');
    expect(existsSync(join(out, '测试县2024年度法治政府建设年度报告对比表.xlsx'))).toBe(true);
  });
});
