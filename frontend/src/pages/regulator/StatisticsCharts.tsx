// The regulator's charts (ECharts, tree-shaken, in their own lazily loaded chunk). Money stays integer minor units:
// axes and tooltips format it with formatMoney, never by dividing into a float.
import { useEffect, useMemo, useRef } from 'react';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { localName, useParties, type Statistics } from './shared';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatMoney } from '../../lib/money';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1f4e99', '#d97706', '#2e6b30', '#a61b1b', '#6b21a8', '#0e7490', '#9a4a00', '#4b5563', '#be185d', '#065f46'];

function Chart({ option, label, testId, height = 280 }: { option: echarts.EChartsCoreOption; label: string; testId: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption({ animation: false, color: PALETTE, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}

export interface Bucket { key: string; trades: number; valueMinor: number }

/** Trades (bars) and value (line, second axis) per day. */
export function PerDayChart({ days, currency, labels, summary }: {
  days: Bucket[]; currency: string; labels: { trades: string; value: string }; summary: string;
}) {
  const money = (v: number) => formatMoney(Math.round(v), currency);
  const option = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (items: { axisValue: string; seriesName: string; value: number; marker: string }[]) =>
        [items[0]?.axisValue, ...items.map((i) => `${i.marker}${i.seriesName}: ${i.seriesName === labels.value ? money(i.value) : i.value}`)].join('<br/>'),
    },
    legend: { data: [labels.trades, labels.value], top: 0 },
    grid: { left: 56, right: 96, top: 56, bottom: 32 },
    xAxis: { type: 'category', data: days.map((d) => d.key) },
    yAxis: [
      { type: 'value', minInterval: 1, name: labels.trades },
      { type: 'value', name: labels.value, axisLabel: { formatter: money } },
    ],
    series: [
      { name: labels.trades, type: 'bar', data: days.map((d) => d.trades), barMaxWidth: 28 },
      { name: labels.value, type: 'line', yAxisIndex: 1, data: days.map((d) => d.valueMinor), symbolSize: 6 },
    ],
  };
  return <Chart option={option} label={summary} testId="chart-per-day" />;
}

/** Value per category as horizontal bars (industries, top merchants), with the trade count in the tooltip. */
export function BarsChart({ buckets, currency, label, testId, name }: {
  buckets: { name: string; trades: number; valueMinor: number }[]; currency: string; label: string; testId: string; name: string;
}) {
  const money = (v: number) => formatMoney(Math.round(v), currency);
  const rows = [...buckets].reverse();
  const option = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number }[]) => {
        const r = rows[items[0]?.dataIndex ?? 0];
        return r ? `${r.name}<br/>${name}: ${money(r.valueMinor)} · ${r.trades}` : '';
      },
    },
    grid: { left: 8, right: 32, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: money, hideOverlap: true } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ name, type: 'bar', data: rows.map((r) => r.valueMinor), barMaxWidth: 22 }],
  };
  return <Chart option={option} label={label} testId={testId} height={Math.max(160, rows.length * 34 + 40)} />;
}

/** Shares as a ring (classification levels, cross-border against domestic). */
export function ShareChart({ slices, label, testId }: { slices: { name: string; value: number; colour?: string }[]; label: string; testId: string }) {
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['42%', '70%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c}' },
      data: slices.map((s) => ({ name: s.name, value: s.value, itemStyle: s.colour ? { color: s.colour } : undefined })),
    }],
  };
  return <Chart option={option} label={label} testId={testId} height={260} />;
}

/** Every chart of the statistics screen, laid out in cards. */
export default function StatisticsCharts({ stats, currency }: { stats: Statistics; currency: string }) {
  const { t, i18n } = useTranslation();
  const parties = useParties();
  const money = (m: number) => formatMoney(m, currency);
  const industry = (k: string) => t(`industry.${k.toUpperCase()}`, { defaultValue: k });
  const merchant = (code: string) => {
    const p = parties.data?.find((x) => x.creditCode === code);
    return p ? localName(p.name, i18n.language) : code;
  };
  const dayLabels = { trades: t('regulator.stats.tradesSeries'), value: t('regulator.stats.valueSeries') };
  const withTrades = stats.perDay.filter((d) => d.trades > 0);
  const daySummary = t('regulator.stats.perDaySummary', {
    days: withTrades.map((d) => t('regulator.stats.dayEntry', { day: d.key, trades: d.trades, value: money(d.valueMinor) })).join('; ') || t('regulator.stats.none'),
  });
  const industries = stats.perIndustry.map((b) => ({ name: industry(b.key), trades: b.trades, valueMinor: b.valueMinor }))
    .sort((a, b) => b.valueMinor - a.valueMinor);
  const merchants = stats.topMerchants.map((b) => ({ name: merchant(b.key), trades: b.trades, valueMinor: b.valueMinor }));
  const levels = stats.perClassification.map((b) => ({ name: t(`classification.${b.key}`), value: b.trades, colour: LEVEL_COLOURS[b.key] }));
  const border = [
    { name: t('regulator.common.domestic'), value: stats.trades - stats.crossBorderTrades, colour: '#1f4e99' },
    { name: t('regulator.common.crossBorder'), value: stats.crossBorderTrades, colour: '#d97706' },
  ];
  const list = (items: { name: string; trades?: number; value?: number; valueMinor?: number }[]) =>
    items.map((i) => `${i.name} ${i.trades ?? i.value}${i.valueMinor !== undefined ? ` ${money(i.valueMinor)}` : ''}`).join('; ') || t('regulator.stats.none');
  const memoDays = useMemo(() => stats.perDay, [stats]);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('regulator.stats.perDay')} size="small">
          <PerDayChart days={memoDays} currency={currency} labels={dayLabels} summary={daySummary} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('regulator.stats.perIndustry')} size="small">
          <BarsChart buckets={industries} currency={currency} name={t('regulator.stats.valueSeries')} testId="chart-per-industry"
            label={`${t('regulator.stats.perIndustry')}: ${list(industries)}`} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('regulator.stats.topMerchants')} size="small">
          <BarsChart buckets={merchants} currency={currency} name={t('regulator.stats.valueSeries')} testId="chart-top-merchants"
            label={`${t('regulator.stats.topMerchants')}: ${list(merchants)}`} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('regulator.stats.perClassification')} size="small">
          <ShareChart slices={levels} testId="chart-per-classification" label={`${t('regulator.stats.perClassification')}: ${list(levels)}`} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('regulator.stats.crossBorderShare')} size="small">
          <ShareChart slices={border} testId="chart-cross-border" label={`${t('regulator.stats.crossBorderShare')}: ${list(border)}`} />
        </Card>
      </Col>
    </Row>
  );
}

const LEVEL_COLOURS: Record<string, string> = { GENERAL: '#2e6b30', IMPORTANT: '#9a4a00', CORE: '#a61b1b' };
