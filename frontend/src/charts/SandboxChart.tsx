// The first numeric output of a sandbox query per group, as bars; in the lazily loaded ECharts chunk.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function SandboxChart({ labels, values, series, title }: { labels: string[]; values: number[]; series: string; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 64, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: series },
      series: [{ name: series, type: 'bar', data: values, color: '#5b8ff9' }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels, values, series]);
  return <div ref={box} role="img" aria-label={title} style={{ width: '100%', height: 240 }} data-testid="sandbox-chart" />;
}
