import { Card, Empty, Spin } from 'antd';
import { useMemo } from 'react';
import type { LedgerRecord } from '../../api/types.ts';
import { EChart, type ChartOption } from '../../charts/EChart.tsx';
import type { Catalogue } from '../../catalogue/useCatalogue.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/**
 * Records per month by work area, counted from the ledger list (there is no aggregate endpoint for
 * this). Registry kinds (people, grids) are left out: they are standing lists, not monthly work.
 */
export function activityOption(records: readonly LedgerRecord[], cat: Catalogue, year: number): ChartOption {
  const byGroup = new Map<string, number[]>();
  for (const r of records) {
    const k = cat.kind(r.kind);
    if (!k || k.temporal !== 'event' || !r.date.startsWith(String(year))) continue;
    const m = Number(r.date.slice(5, 7)) - 1;
    const row = byGroup.get(k.group) ?? Array<number>(12).fill(0);
    row[m] = (row[m] ?? 0) + 1;
    byGroup.set(k.group, row);
  }
  const series = Object.entries(cat.groups)
    .filter(([g]) => byGroup.has(g))
    .map(([g, label]) => ({ name: label, type: 'bar', stack: 'all', data: byGroup.get(g), barMaxWidth: 28 }));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 12, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: MONTHS },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

export function ActivityChart(props: {
  records: readonly LedgerRecord[] | undefined;
  cat: Catalogue | undefined;
  year: number;
}) {
  const { records, cat, year } = props;
  const option = useMemo(
    () => (records && cat ? activityOption(records, cat, year) : null),
    [records, cat, year],
  );
  return (
    <Card size="small" title={`${year} 年各月工作台账（按工作领域）`}>
      {!option ? (
        <Spin className="page-spin" />
      ) : records?.length === 0 ? (
        <Empty description="本年度尚无台账记录" />
      ) : (
        <EChart option={option} height={280} label="各月台账记录数" />
      )}
    </Card>
  );
}
