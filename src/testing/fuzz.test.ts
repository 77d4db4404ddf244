import { describe, expect, it } from 'vitest';
import { fuzz } from './fuzz/run.ts';

/**
 * The readers on malformed input: every generated file is read, or refused with a user error —
 * never a crash, never a hang. A few hundred inputs here; `npm run fuzz` runs 10,000.
 */
const COUNT = Number(process.env.FAZHI_FUZZ_COUNT ?? 300);
const SEED = Number(process.env.FAZHI_FUZZ_SEED ?? 20_240_101);

describe('fuzzing the readers', () => {
  it(`${COUNT} malformed .docx/.xlsx/.csv/.txt inputs: no crash, no hang`, async () => {
    const s = await fuzz({ count: COUNT, seed: SEED });
    const show = (fs: typeof s.crashes) =>
      fs.map((f) => `#${f.index} ${f.reader} ${f.input.how}: ${f.message}`);
    expect(show(s.crashes)).toEqual([]);
    expect(show(s.hangs)).toEqual([]);
    expect(show(s.memory)).toEqual([]);
    expect(s.probes).toBe(COUNT * 3);
    // The mutations reach past the first check: some inputs are still read, some refused.
    const outcomes = [...s.outcomes.keys()].join('\n');
    expect(outcomes).toMatch(/^review ok/m);
    expect(outcomes).toMatch(/^ledger refused/m);
  }, 600_000);
});
