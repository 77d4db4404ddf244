import { findIndicator } from '../../catalogue/indicators.ts';
import type { IndicatorValue } from '../../core/indicators.ts';
import { isError, reviewDocuments, type ReviewResult } from '../../review/index.ts';

/** Test fixtures of the county's cycle tools: a small report, its ledger, a reviewer run. */

/** A small township report, reviewed by the real reviewer. */
export const REPORT_TEXT = `甲镇人民政府关于2024年度法治政府建设情况的报告

县委全面依法治县委员会办公室：
2024年，我镇深入推进法治政府建设，现将有关情况报告如下。
一、主要举措和成效
（一）加强组织领导。镇党委召开法治建设专题会议4次，听取法治政府建设工作汇报2次。
（二）化解矛盾纠纷。全年共排查矛盾纠纷230件，较上年增加23件，化解矛盾纠纷220件，化解率为95.7%，同比提高1.2个百分点。其中，村级调委会化解150件。
（三）开展普法宣传。开展普法宣传活动36场，普法宣传活动同比增加6场，发放宣传资料5000余份，同比增长12%。组织学法考试2场，参考率100%。
二、存在的不足和原因
一是法治宣传形式单一，主要原因是人员不足。
三、下一步工作安排
计划开展普法宣传活动40场，确保化解率达到98%以上。

甲镇人民政府
2025年1月20日
`;

export function review(text: string, name = '甲镇.txt'): ReviewResult {
  const [r] = reviewDocuments([{ name, bytes: new TextEncoder().encode(text) }]);
  if (!r || isError(r)) throw new Error('review failed');
  return r;
}

/** An indicator value as the engine gives it, labelled from the catalogue. */
export function iv(key: string, value: number | null, extra: Partial<IndicatorValue> = {}): IndicatorValue {
  const ind = findIndicator(key)!;
  return { key, label: ind.label, unit: ind.unit, value, records: value ?? 0, ...extra };
}

/** The ledger that agrees with REPORT_TEXT, except 排查矛盾纠纷: 227, not 230. */
export const LEDGER: readonly IndicatorValue[] = [
  iv('leadership.meetings', 4),
  iv('leadership.reports_heard', 2),
  iv('disputes.found', 227),
  iv('disputes.resolved', 220),
  iv('disputes.resolution_rate', 95.7, { num: 220, den: 230, records: 230 }),
  iv('publicity.events', 36),
  iv('publicity.materials', 5300),
  iv('study.exam_sessions', 2),
  iv('study.exam_participation_rate', 100, { num: 80, den: 80, records: 80 }),
];
