import { describe, expect, it } from 'vitest';
import { evaluateAll } from './evaluate.ts';

/** The goals of docs/import.md, measured on the fixture ledgers as townships keep them. */
describe('import of the fixture ledgers laid out as townships keep them', () => {
  it('maps ≥ 95% of columns and reads ≥ 98% of cells without a question, asking exactly what needs a person', async () => {
    const r = await evaluateAll();
    const problems = r.results.flatMap((x) => [
      ...(x.error ? [`${x.file}：${x.error}`] : []),
      ...x.columnMisses.map((m) => `${x.file} 列：${m}`),
      ...x.unexpected.map((m) => `${x.file} 多问：${m}`),
      ...x.missed.map((m) => `${x.file} 漏问：${m}`),
      ...x.recordMisses.map((m) => `${x.file} 记录：${m}`),
    ]);
    expect(problems).toEqual([]);
    expect(r.columnShare).toBeGreaterThanOrEqual(0.95);
    expect(r.cellShare).toBeGreaterThanOrEqual(0.98);
    expect(r.recordShare).toBe(1);
    expect(r.results.length).toBeGreaterThanOrEqual(15);
  });
});
