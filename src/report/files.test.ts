import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputDir, writeFileAtomic } from './files.ts';

const dir = mkdtempSync(join(tmpdir(), 'fazhi-files-'));

describe('writeFileAtomic', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces a file whole and leaves no temporary file', async () => {
    const p = join(dir, 'r.md');
    writeFileSync(p, 'old');
    await writeFileAtomic(p, new TextEncoder().encode('new'));
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.md']);
  });

  it('fails in Chinese without leaving anything behind', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'r.md'), new Uint8Array([1]))).rejects.toThrow(
      '输出目录不存在',
    );
    await expect(writeFileAtomic(dir, new Uint8Array([1]))).rejects.toThrow('写入报告失败');
    await expect(checkOutputDir(join(dir, 'nope'))).rejects.toThrow('输出目录不存在');
    await expect(checkOutputDir(join(dir, 'r.md'))).rejects.toThrow('不是目录');
    expect(readdirSync(dir)).toEqual(['r.md']);
  });
});
