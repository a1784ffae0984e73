// ECharts, tree-shaken to bars and lines, in its own lazily loaded chunk: sales and deliveries per day as bars,
// the merchant's revenue as a line on its own axis (in yuan for reading; the data stays in fen).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatMoney } from '../../lib/money';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface SalesDay {
  date: string;
  sales: number;
  deliveries: number;
  revenueMinor: number;
}

export default function SalesChart({ days, currency, labels, title }: {
  days: SalesDay[];
  currency: string;
  labels: { sales: string; deliveries: string; revenue: string };
  title: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'axis',
        valueFormatter: undefined,
      },
      legend: { top: 0, data: [labels.sales, labels.deliveries, labels.revenue] },
      grid: { left: 48, right: 72, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(Math.round(v), currency).replace(/\.\d+$/, '') } },
      ],
      series: [
        { name: labels.sales, type: 'bar', data: days.map((d) => d.sales), color: '#1f4e99' },
        { name: labels.deliveries, type: 'bar', data: days.map((d) => d.deliveries), color: '#5b8ff9' },
        {
          name: labels.revenue, type: 'line', yAxisIndex: 1, data: days.map((d) => d.revenueMinor), color: '#d46b08',
          tooltip: { valueFormatter: (v: number) => formatMoney(v, currency) },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [days, currency, labels]);
  return <div ref={box} role="img" aria-label={title} style={{ width: '100%', height: 280 }} data-testid="sales-chart" />;
}
