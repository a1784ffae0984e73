// ECharts in its own lazily loaded chunk: the comparable trades' histogram, with the plan's own price marked.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatMoney } from '../../lib/money';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface Bin { fromMinor: number; toMinor: number; trades: number }

export default function ValuationChart({ bins, priceMinor, currency, label, priceLabel }: {
  bins: Bin[]; priceMinor: number; currency: string; label: string; priceLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    const names = bins.map((b) => `${formatMoney(b.fromMinor, currency)}–${formatMoney(b.toMinor, currency)}`);
    // The bin the plan's price falls into (or the nearest end), where its line is drawn.
    let at = bins.findIndex((b) => priceMinor >= b.fromMinor && priceMinor < b.toMinor);
    if (at < 0) at = bins.length && priceMinor >= bins[bins.length - 1].toMinor ? bins.length - 1 : 0;
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 64 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{
        type: 'bar', data: bins.map((b) => b.trades), itemStyle: { color: '#1f4e99' },
        markLine: { symbol: 'none', label: { formatter: `${priceLabel} ${formatMoney(priceMinor, currency)}` },
          lineStyle: { color: '#a61b1b', width: 2 }, data: [{ xAxis: names[at] }] },
      }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bins, priceMinor, currency, priceLabel]);
  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height: 220 }} />;
}
