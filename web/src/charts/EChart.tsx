import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

// Only what the dashboards draw, so the chart chunk stays small.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DatasetComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

/**
 * One ECharts instance bound to a div. When the first drawing finishes the container gets
 * `data-drawn`, which the browser tests wait for to time the dashboard.
 */
export function EChart({
  option,
  height = 300,
  label,
}: {
  option: ChartOption;
  height?: number;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const c = echarts.init(div, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => div.setAttribute('data-drawn', '1'));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(div);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className="echart" role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
