import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFazhi } from '../../testing/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-review-'));
const REPORT = `白沙镇2025年度法治政府建设情况报告

一、主要举措和成效
组织机关干部集中学法10次。
二、存在的不足和原因
学法不够深入，主要原因是计划落实不严。
三、2026年度工作安排
继续抓好学法。

白沙镇人民政府
2026年1月10日
`;

describe('fazhi review', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reviews the readable files of a batch and exits non-zero when one could not be read', async () => {
    writeFileSync(join(dir, 'a.txt'), REPORT);
    writeFileSync(join(dir, 'blank.txt'), '  \n\n');
    const r = await runFazhi(['review', join(dir, 'a.txt'), join(dir, 'blank.txt')]);
    expect(r.stdout).toContain('乡镇：白沙镇');
    expect(r.stdout).toContain('无法读取：文件没有正文内容（空白文档），无法审阅');
    expect(r.code).toBe(1);
    expect((await runFazhi(['review', join(dir, 'a.txt')])).code).toBe(0);
  });

  it('leaves out the addressee and 其他情况 notices with --profile published', async () => {
    const submitted = await runFazhi(['review', join(dir, 'a.txt')]);
    expect(submitted.stdout).toContain('缺少主送机关');
    const published = await runFazhi(['review', join(dir, 'a.txt'), '--profile', 'published']);
    expect(published.stdout).not.toContain('缺少主送机关');
    expect(published.stdout).not.toContain('其他需要报告的情况');
    const bad = await runFazhi(['review', join(dir, 'a.txt'), '--profile', 'web']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--profile 只能是');
  });
});
