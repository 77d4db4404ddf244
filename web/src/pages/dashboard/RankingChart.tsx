import { Card, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { EChart, type ChartOption } from '../../charts/EChart.tsx';
import { HEADLINE_KEYS } from './IndicatorCards.tsx';
import type { TownshipFigures } from './TownshipMatrix.tsx';

/** Townships ranked on one indicator, highest on top. */
export function RankingChart({ rows }: { rows: readonly TownshipFigures[] }) {
  const cat = useCatalogue();
  const [key, setKey] = useState<string>('publicity.events');
  const option = useMemo<ChartOption>(() => {
    const sorted = rows
      .map((r) => ({ name: r.org.name, value: r.values.get(key)?.value ?? 0 }))
      .sort((a, b) => a.value - b.value);
    const unit = rows[0]?.values.get(key)?.unit ?? '';
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 80, right: 40, top: 10, bottom: 24 },
      xAxis: { type: 'value', name: unit },
      yAxis: { type: 'category', data: sorted.map((s) => s.name) },
      series: [
        {
          type: 'bar',
          data: sorted.map((s) => s.value),
          itemStyle: { color: '#b8262d' },
          label: { show: true, position: 'right' },
          barMaxWidth: 22,
        },
      ],
    };
  }, [rows, key]);
  // Names from the catalogue, so the choice never shows an indicator's key while figures load.
  const label = (k: string) =>
    cat?.indicators.find((i) => i.key === k)?.label ?? rows[0]?.values.get(k)?.label;
  const options = HEADLINE_KEYS.flatMap((k) => {
    const l = label(k);
    return l ? [{ value: k, label: l }] : [];
  });
  return (
    <Card
      size="small"
      title="乡镇排名"
      extra={
        <Select
          size="small"
          value={options.some((o) => o.value === key) ? key : undefined}
          loading={options.length === 0}
          onChange={setKey}
          options={options}
          style={{ width: 220 }}
          aria-label="排名指标"
        />
      }
    >
      <EChart option={option} height={Math.max(220, rows.length * 36 + 40)} label="乡镇排名" />
    </Card>
  );
}
