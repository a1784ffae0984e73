import { lazy, Suspense, useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { formatMoney } from '../../lib/money';
import { CLASSIFICATIONS, INDUSTRIES } from '../../lib/urlState';
import { ProblemAlert } from '../../ui';
import { fetchStatistics, rangeQuery, saveFile, stamp, textOf } from './shared';
import { OffVenueSummary } from '../offvenue/OffVenueSummary';

const StatisticsCharts = lazy(() => import('./StatisticsCharts'));

/** The regulator console's main screen: statistics of the trades on the ledger over a chosen range, with charts. */
export default function Statistics() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const [industry, setIndustry] = useState<string | undefined>();
  const [classification, setClassification] = useState<string | undefined>();
  const query = { ...rangeQuery(range), industry, classification };
  const stats = useQuery({
    queryKey: ['regulator', 'statistics', query],
    queryFn: () => fetchStatistics(query),
  });
  const exportCsv = useMutation({
    mutationFn: () => textOf(api.GET('/api/regulator/statistics', { params: { query }, headers: { Accept: 'text/csv' }, parseAs: 'text' })),
    onSuccess: (csv) => saveFile(`ledger-statistics-${stamp()}.csv`, csv, 'text/csv;charset=utf-8'),
  });
  const exportJson = () => stats.data && saveFile(`ledger-statistics-${stamp()}.json`, JSON.stringify({ query, ...stats.data }, null, 2), 'application/json');
  const currency = 'CNY';
  const s = stats.data;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.stats.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.stats.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('regulator.common.range')} htmlFor="stats-range">
            <DatePicker.RangePicker id="stats-range" value={range} allowClear={false}
              onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
          </Form.Item>
          <Form.Item label={t('regulator.common.industry')} htmlFor="stats-industry">
            <Select id="stats-industry" allowClear style={{ width: 140 }} value={industry} onChange={setIndustry}
              placeholder={t('regulator.common.all')}
              options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
          </Form.Item>
          <Form.Item label={t('regulator.common.classification')} htmlFor="stats-classification">
            <Select id="stats-classification" allowClear style={{ width: 130 }} value={classification} onChange={setClassification}
              placeholder={t('regulator.common.all')}
              options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} />
          </Form.Item>
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => exportCsv.mutate()} loading={exportCsv.isPending} data-testid="stats-export-csv">
              {t('regulator.common.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={exportJson} disabled={!s} data-testid="stats-export-json">
              {t('regulator.common.exportJson')}
            </Button>
          </Space>
        </Form>
      </Card>
      <ProblemAlert error={stats.error ?? exportCsv.error} />
      {!s ? <Skeleton active /> : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.stats.trades')} value={s.trades} valueRender={() => <span data-testid="stats-trades">{s.trades.toLocaleString()}</span>} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.stats.value')} value={formatMoney(s.valueMinor, currency)} valueRender={() => <span data-testid="stats-value">{formatMoney(s.valueMinor, currency)}</span>} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.stats.crossBorderTrades')} value={s.crossBorderTrades} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.stats.crossBorderShare')} value={`${(s.crossBorderShare * 100).toFixed(1)}%`} /></Card></Col>
          </Row>
          <OffVenueSummary from={query.from} to={query.to} />
          <Suspense fallback={<Skeleton active />}>
            <StatisticsCharts stats={s} currency={currency} />
          </Suspense>
        </>
      )}
    </>
  );
}
