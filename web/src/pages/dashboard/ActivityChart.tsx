import { Card, Empty, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import type { MonthlyActivity } from '../../api/types.ts';
import { EChart, type ChartOption } from '../../charts/EChart.tsx';
import { useApi } from '../../lib/useApi.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** Stacked bars: one series per work area, twelve months each. */
export function activityOption(a: MonthlyActivity): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 12, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: MONTHS },
    yAxis: { type: 'value', minInterval: 1 },
    series: a.groups.map((g) => ({
      name: g.label,
      type: 'bar',
      stack: 'all',
      data: [...g.months],
      barMaxWidth: 28,
    })),
  };
}

/**
 * Records per month by work area (GET /api/activity, counted in the database). Registries and
 * per-person exam scores are left out by the server: they are not monthly work.
 */
export function ActivityChart({ org, year }: { org: number; year: number }) {
  const { data, error } = useApi<MonthlyActivity>('/api/activity', { query: { org, year } });
  const option = useMemo(() => (data ? activityOption(data) : null), [data]);
  return (
    <Card size="small" title={`${year} 年各月工作台账（按工作领域）`}>
      {error ? (
        <Typography.Text type="secondary">月度数据暂不可用：{error}</Typography.Text>
      ) : !option || !data ? (
        <Spin className="page-spin" />
      ) : data.groups.length === 0 ? (
        <Empty description="本年度尚无台账记录" />
      ) : (
        <EChart option={option} height={280} label="各月台账记录数" />
      )}
    </Card>
  );
}
