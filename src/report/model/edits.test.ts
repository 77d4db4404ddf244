import { describe, expect, it } from 'vitest';
import { indicators } from '../../catalogue/indicators.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import { paraText } from '../render/text.ts';
import { buildReport } from './build.ts';
import { applyParagraphEdits, keyedParas } from './edits.ts';

const values = (given: Record<string, number>): IndicatorValue[] =>
  indicators.map((i) => ({
    key: i.key,
    label: i.label,
    unit: i.unit,
    value: given[i.key] ?? (i.unit === '%' ? null : 0),
    records: i.key in given ? 1 : 0,
  }));

const model = buildReport({
  org: { name: '青石镇', kind: 'township', countyName: '清河县' },
  year: 2024,
  now: '2025-01-10T01:00:00.000Z',
  current: values({
    'study.center_group': 6,
    'study.sessions': 12,
    'study.exam_sessions': 1,
    'study.exam_pass_rate': 98,
  }),
  previous: null,
  records: [],
  commitments: [],
});

describe('paragraphs rewritten by hand', () => {
  const withLead = keyedParas(model).find((k) => k.para.lead)!;
  const lead = `${withLead.para.lead!.number}${withLead.para.lead!.text}。`;

  it('replaces a paragraph by its key, keeping its run-in lead once, and drops its figures', () => {
    expect(withLead).toBeDefined();
    for (const sent of ['本镇组织学法考试。', `${lead}本镇组织学法考试。`]) {
      const edited = applyParagraphEdits(model, { [withLead.key]: sent });
      const after = keyedParas(edited).find((k) => k.key === withLead.key)!;
      expect(paraText(after.para)).toBe(`${lead}本镇组织学法考试。`);
      expect(edited.figures.length).toBeLessThan(model.figures.length);
    }
  });

  it('ignores keys no paragraph has, and leaves the model as it was without edits', () => {
    expect(applyParagraphEdits(model, {})).toBe(model);
    const edited = applyParagraphEdits(model, { '9|无此标题|0': '文字' });
    expect(keyedParas(edited).map((k) => paraText(k.para))).toEqual(
      keyedParas(model).map((k) => paraText(k.para)),
    );
  });
});

describe('a paragraph rewritten by hand, read back', () => {
  const withFigures = keyedParas(model).find(
    (k) => k.para.inlines.filter((i) => i.t === 'figure').length >= 2,
  )!;
  const figures = withFigures.para.inlines.flatMap((i) => (i.t === 'figure' ? [i.figure] : []));

  it('keeps each figure still written as the ledger gives it bound to its indicator', () => {
    const [a, b] = figures;
    const text = `本镇全年共计${a!.text}，另有1${b!.text}不算，实际为${b!.text}。`;
    const edited = applyParagraphEdits(model, { [withFigures.key]: text });
    const para = keyedParas(edited).find((k) => k.key === withFigures.key)!.para;
    const bound = para.inlines.flatMap((i) => (i.t === 'figure' ? [i.figure] : []));
    // "1" + b's text is a different number: only the second, standalone b is bound.
    expect(bound).toEqual([a, b]);
    expect(paraText(para)).toContain(text);
    expect(edited.figures).toEqual(expect.arrayContaining([a, b]));
  });

  it('drops a figure changed by hand, and keeps the placeholders left in the text', () => {
    const [a] = figures;
    const changed = `${a!.text.replace(/\d/, (d) => String((Number(d) + 1) % 10))}`;
    const text = `全年${changed}。原因：【待核实：请选择原因】，另【待补充：整改时限】。`;
    const edited = applyParagraphEdits(model, { [withFigures.key]: text });
    const para = keyedParas(edited).find((k) => k.key === withFigures.key)!.para;
    expect(para.inlines.some((i) => i.t === 'figure')).toBe(false);
    expect(
      para.inlines.filter((i) => i.t === 'placeholder').map((i) => i.t === 'placeholder' && i.text),
    ).toEqual(['待核实：请选择原因', '整改时限']);
    expect(paraText(para)).toContain(text);
    expect(edited.placeholders).toEqual(expect.arrayContaining(['待核实：请选择原因', '整改时限']));
  });
});
