import { describe, expect, it } from 'vitest';
import { reviewDocuments } from './index.ts';

describe('review text limit', () => {
  it('refuses a report whose text is over 200万字, and reviews the others in the batch', () => {
    const out = reviewDocuments([
      { name: '长.txt', bytes: new TextEncoder().encode('法'.repeat(2_000_001)) },
      { name: '短.txt', bytes: new TextEncoder().encode('一、2024年工作情况\n开展普法宣传活动12场。') },
    ]);
    expect(out[0]).toEqual({
      file: '长.txt',
      error: '文本过长（200.1 万字），上限为 200 万字：请确认上传的是年度报告',
    });
    expect(out[1]).toMatchObject({ file: '短.txt' });
  });
});
