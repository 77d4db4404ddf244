import { describe, expect, it } from 'vitest';
import { indicators } from '../../catalogue/indicators.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import type { PlanLine } from '../../core/study-plan.ts';
import { crossCheck, statedFigures } from '../../cycle/crosscheck.ts';
import { iv, review } from '../../cycle/testdata/reports.ts';
import { plainText } from '../render/text.ts';
import { buildReport } from './build.ts';
import type { ReportInputs } from './types.ts';

function values(given: Record<string, number>): IndicatorValue[] {
  return indicators.map((i) => ({
    key: i.key,
    label: i.label,
    unit: i.unit,
    value: given[i.key] ?? (i.unit === '%' ? null : 0),
    records: i.key in given ? 1 : 0,
  }));
}

const LEDGER = { 'study.center_group': 8, 'study.sessions': 14, 'study.trainees': 320 };
const inputs = (studyPlan?: readonly PlanLine[]): ReportInputs => ({
  org: { name: '青石镇', kind: 'township', countyName: '清河县' },
  year: 2024,
  now: '2025-01-10T01:00:00.000Z',
  current: values(LEDGER),
  previous: null,
  records: [],
  commitments: [],
  ...(studyPlan ? { studyPlan } : {}),
});

let id = 1;
const items = (sessionType: string, planned: number, done: number): PlanLine[] =>
  Array.from({ length: planned }, (_, i) => ({
    id: id++,
    sessionType,
    month: i + 1,
    topic: `学习${i}`,
    recordId: i < done ? 1000 + id : null,
  }));

/** The study paragraph of part 1 as printed. */
const studyText = (m: ReturnType<typeof buildReport>): string =>
  plainText(m)
    .split('\n')
    .find((l) => l.includes('中心组学法')) ?? '';

describe('the report states the study plan against what was done', () => {
  it('keeps the paragraph as it was when there is no plan', () => {
    const text = studyText(buildReport(inputs()));
    expect(text).toContain('开展党委理论学习中心组学法8次');
    expect(text).not.toContain('计划');
  });

  it('states planned and fulfilled 中心组学法 and 集中学法 with figures bound to their indicators', () => {
    const plan = [...items('center_group', 6, 6), ...items('collective', 12, 10)];
    const m = buildReport(inputs(plan));
    const text = studyText(m);
    expect(text).toMatch(
      /(年度|全年)学法计划安排中心组学法6次和集中学法12次，按计划完成中心组学法6次和集中学法10次。/,
    );
    expect(text).toContain('开展党委理论学习中心组学法8次');
    const ops = m.figures.filter((f) => f.source.op === 'planned' || f.source.op === 'done');
    expect(ops.map((f) => [f.source.op, f.source.key, f.value])).toEqual([
      ['planned', 'study.center_group', 6],
      ['planned', 'study.sessions', 12],
      ['done', 'study.center_group', 6],
      ['done', 'study.sessions', 10],
    ]);

    // The county's cross-check reads the plan's figures as plans, and what of it was done as parts
    // of the year's study, not as the year's totals.
    const r = review(plainText(m));
    const stated = statedFigures(r).filter((s) => /计划/.test(s.sentence));
    expect(stated.map((s) => s.role)).toEqual(['plan', 'plan', 'part', 'part']);
    const ledger = Object.entries(LEDGER).map(([k, v]) => iv(k, v));
    expect(crossCheck(r, ledger).filter((f) => f.sentence.includes('计划'))).toEqual([]);
  });

  it('says so when the plan was carried out in full, and shortens a plan of one form', () => {
    expect(studyText(buildReport(inputs(items('center_group', 4, 4))))).toMatch(
      /学法计划安排中心组学法4次，已全部按计划完成。/,
    );
    expect(studyText(buildReport(inputs(items('center_group', 6, 5))))).toMatch(
      /学法计划安排中心组学法6次，按计划完成5次。/,
    );
  });
});
