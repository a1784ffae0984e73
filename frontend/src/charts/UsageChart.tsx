// ECharts, tree-shaken to a bar chart, in its own lazily loaded chunk (the catalogue never loads it).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface UsageBar {
  month: string;
  calls: number;
  freeUnits: number;
  billableCalls: number;
}

export default function UsageChart({ months, labels, title }: { months: UsageBar[]; labels: { free: string; billable: string }; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [labels.free, labels.billable] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: labels.free, type: 'bar', stack: 'calls', data: months.map((m) => m.calls - m.billableCalls), color: '#5b8ff9' },
        { name: labels.billable, type: 'bar', stack: 'calls', data: months.map((m) => m.billableCalls), color: '#f6bd16' },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [months, labels]);
  return <div ref={box} role="img" aria-label={title} style={{ width: '100%', height: 260 }} data-testid="usage-chart" />;
}
