import { describe, expect, it } from 'vitest';
import { countAgrees, crossCheck, rateAgrees, statedFigures } from './crosscheck.ts';
import { iv, LEDGER, REPORT_TEXT, review } from './testdata/reports.ts';

describe('crossCheck', () => {
  const r = review(REPORT_TEXT);

  it('finds exactly the one changed figure, naming both values', () => {
    const out = crossCheck(r, LEDGER);
    expect(out).toHaveLength(1);
    const [f] = out;
    expect(f).toMatchObject({
      key: 'disputes.found',
      stated: 230,
      ledger: 227,
      severity: 'error',
      kind: 'mismatch',
    });
    expect(f!.message).toBe('报告称“全年共排查矛盾纠纷230件”，台账为227件（差3件）');
    expect(f!.sentence).toContain('全年共排查矛盾纠纷230件');
    expect(r.text.slice(f!.start, f!.start + 4)).toBe('230件');
  });

  it('skips changes over last year, plans and parts of a total', () => {
    const roles = statedFigures(r).map((s) => [s.key, s.text, s.role]);
    expect(roles).toContainEqual(['publicity.events', '6场', 'change']);
    expect(roles).toContainEqual(['publicity.events', '40场', 'plan']);
    expect(roles).toContainEqual(['disputes.resolved', '150件', 'part']);
    expect(roles).toContainEqual(['disputes.found', '230件', 'current']);
    // The reviewer does not key 同比增长12% at all; a keyed one is skipped by its wording.
    const yoy = review('2024年，我镇化解率为95.7%，化解矛盾纠纷220件，化解矛盾纠纷同比增加5件。');
    expect(statedFigures(yoy).map((s) => [s.text, s.role])).toEqual([
      ['95.7%', 'current'],
      ['220件', 'current'],
      ['5件', 'change'],
    ]);
    expect(crossCheck(yoy, LEDGER)).toEqual([]);
  });

  it('compares rates at one decimal, from the ledger counts', () => {
    const rate = (num: number, den: number) =>
      iv('disputes.resolution_rate', Math.round((num / den) * 1000) / 10, { num, den, records: den });
    // 218 ÷ 228 = 95.61…%: 95.6 agrees, 95.7 does not, 96 (stated to no decimals) does.
    expect(rateAgrees(95.6, rate(218, 228))).toBe(true);
    expect(rateAgrees(95.7, rate(218, 228))).toBe(false);
    expect(rateAgrees(96, rate(218, 228))).toBe(true);
    const ledger = LEDGER.map((v) => (v.key === 'disputes.resolution_rate' ? rate(218, 228) : v));
    const out = crossCheck(r, ledger).filter((f) => f.key === 'disputes.resolution_rate');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ stated: 95.7, ledger: 95.6, num: 218, den: 228, severity: 'error' });
    expect(out[0]!.message).toBe(
      '报告称“化解率为95.7%”，台账为95.6%（差0.1个百分点；调解成功数218，已办结或已到办结期限的纠纷数228）',
    );
  });

  it('warns of figures the ledger has no value for', () => {
    const ledger = LEDGER.map((v) =>
      v.key === 'study.exam_participation_rate' ? iv(v.key, null, { num: 0, den: 0 }) : v,
    ).filter((v) => v.key !== 'leadership.meetings');
    const out = crossCheck(r, ledger);
    expect(out.map((f) => [f.key, f.severity, f.kind])).toEqual([
      ['leadership.meetings', 'warning', 'missing'],
      ['disputes.found', 'error', 'mismatch'],
      ['study.exam_participation_rate', 'warning', 'missing'],
    ]);
    expect(out[0]!.message).toBe(
      '报告称“镇党委召开法治建设专题会议4次”，台账中没有党委/政府专题研究法治建设会议的记录',
    );
  });

  it('softens a second statement of a key when another agrees with the ledger', () => {
    const text = REPORT_TEXT.replace(
      '（三）开展普法宣传。',
      '（三）开展普法宣传。“法律进乡村”活动中排查矛盾纠纷25件。',
    );
    const out = crossCheck(
      review(text),
      LEDGER.map((v) => (v.key === 'disputes.found' ? iv(v.key, 230) : v)),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: 'disputes.found', stated: 25, ledger: 230, severity: 'warning' });
    expect(out[0]!.message).toContain('报告另一处“全年共排查矛盾纠纷230件”与台账一致');
    // With no statement agreeing, both are errors.
    expect(crossCheck(review(text), LEDGER).map((f) => [f.stated, f.severity])).toEqual([
      [230, 'error'],
      [25, 'error'],
    ]);
  });

  it('reads approximate figures by their wording', () => {
    const s = (value: number, qualifier: string) => ({ value, approx: true, qualifier });
    expect(countAgrees(s(5000, '余'), 5300)).toBe(true);
    expect(countAgrees(s(5000, '余'), 4900)).toBe(false);
    expect(countAgrees(s(300, '近'), 280)).toBe(true);
    expect(countAgrees(s(300, '近'), 301)).toBe(false);
    expect(countAgrees(s(300, '以上'), 900)).toBe(true);
    expect(countAgrees({ value: 230, approx: false, qualifier: null }, 231)).toBe(false);
    const out = crossCheck(
      r,
      LEDGER.map((v) => (v.key === 'publicity.materials' ? iv(v.key, 4210) : v)),
    );
    const m = out.find((f) => f.key === 'publicity.materials');
    expect(m).toMatchObject({ severity: 'warning', stated: 5000, ledger: 4210 });
    expect(m!.message).toBe('报告称“发放宣传资料5000余份”，台账为4210份（与“5000余份”的表述不符）');
  });
});
