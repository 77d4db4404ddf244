import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { matchFindings } from './metrics.ts';
import { readDocument } from './read.ts';
import { findingCases } from './testdata/findings-set.ts';

const review = (name: string, text: string, year?: number) =>
  analyse(readDocument(`${name}.txt`, new TextEncoder().encode(text)), { year });

describe('the labelled findings set', () => {
  it('meets finding precision and recall of 0.95', () => {
    let tp = 0;
    let predicted = 0;
    let expected = 0;
    const misses: string[] = [];
    for (const c of findingCases) {
      const m = matchFindings(review(c.name, c.text, c.year).findings, c.findings);
      tp += m.tp;
      predicted += m.predicted;
      expected += m.expected;
      for (const [rule, text] of m.missed) misses.push(`${c.name}: missed ${rule} “${text}”`);
      for (const f of m.wrong) misses.push(`${c.name}: wrong ${f.rule} “${f.text}” ${f.message}`);
    }
    const p = predicted ? tp / predicted : 1;
    const r = expected ? tp / expected : 1;
    console.log(
      `[findings set] P=${p.toFixed(3)} (${tp}/${predicted}) R=${r.toFixed(3)} (${tp}/${expected})\n${misses.join('\n')}`,
    );
    expect(expected).toBeGreaterThan(20);
    expect(p).toBeGreaterThanOrEqual(0.95);
    expect(r).toBeGreaterThanOrEqual(0.95);
  });
});
