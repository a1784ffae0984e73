// Market conduct (issue 18): price statistics per industry, classification and plan kind (full, with each merchant),
// the conduct flags with the numbers that raised them, and the monthly reports, generated here and kept.
import { useState } from 'react';
import { App, Button, DatePicker, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, FileAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, authorizationHeader, call, type Schemas } from '../../api/client';
import { emptyText, Money, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { PartyName } from './shared';

type Cell = Schemas['PriceStatistics.Cell'];
type Flag = Schemas['ConductFlags.Flag'];
type Kept = Schemas['MonthlyReports.Kept'];

/** Fetches a kept report with the session's token and hands it to the browser as a file. */
async function download(id: string, format: 'pdf' | 'csv', name: string): Promise<void> {
  const auth = authorizationHeader();
  const response = await fetch(`/api/regulator/reports/${encodeURIComponent(id)}/${format}`, {
    headers: auth ? { Authorization: auth } : {},
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: response.statusText }));
    throw new Error(problem.detail ?? problem.title);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Prices() {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ['regulator', 'price-statistics'], queryFn: () => call(api.GET('/api/regulator/price-statistics')) });
  const money = (m: number) => <Money minor={m} currency="CNY" />;
  return (
    <>
      <ProblemAlert error={stats.error} />
      <Table<Cell> size="small" loading={stats.isPending} data-testid="price-cells" dataSource={stats.data?.cells ?? []}
        rowKey={(c) => `${c.industry}-${c.classification}-${c.planKind}`} pagination={false}
        locale={{ emptyText: emptyText(t('regulator.conduct.noneCells')) }}
        expandable={{
          rowExpandable: (c) => (c.merchantShares?.length ?? 0) > 0,
          expandedRowRender: (c) => (
            <Table size="small" pagination={false} rowKey="merchant" dataSource={c.merchantShares ?? []} columns={[
              { title: t('regulator.conduct.merchant'), dataIndex: 'merchant', render: (m: string) => <PartyName code={m} /> },
              { title: t('regulator.conduct.trades'), dataIndex: 'trades', align: 'right' },
              { title: t('regulator.conduct.value'), dataIndex: 'valueMinor', align: 'right', render: money },
              { title: t('regulator.conduct.median'), dataIndex: 'medianMinor', align: 'right', render: money },
            ]} />
          ),
        }}
        columns={[
          { title: t('regulator.conduct.industry'), dataIndex: 'industry' },
          { title: t('regulator.conduct.classification'), dataIndex: 'classification' },
          { title: t('regulator.conduct.planKind'), dataIndex: 'planKind' },
          { title: t('regulator.conduct.trades'), dataIndex: 'trades', align: 'right' },
          { title: t('regulator.conduct.merchants'), dataIndex: 'merchants', align: 'right' },
          { title: t('regulator.conduct.buyers'), dataIndex: 'buyers', align: 'right' },
          { title: t('regulator.conduct.min'), key: 'min', align: 'right', render: (_, c) => money(c.prices.minMinor) },
          { title: t('regulator.conduct.q1'), key: 'q1', align: 'right', render: (_, c) => money(c.prices.q1Minor) },
          { title: t('regulator.conduct.median'), key: 'median', align: 'right', render: (_, c) => money(c.prices.medianMinor) },
          { title: t('regulator.conduct.q3'), key: 'q3', align: 'right', render: (_, c) => money(c.prices.q3Minor) },
          { title: t('regulator.conduct.max'), key: 'max', align: 'right', render: (_, c) => money(c.prices.maxMinor) },
        ]} />
    </>
  );
}

function Flags() {
  const { t } = useTranslation();
  const view = useQuery({ queryKey: ['regulator', 'conduct-flags'], queryFn: () => call(api.GET('/api/regulator/conduct-flags')) });
  const r = view.data?.rules;
  return (
    <>
      <ProblemAlert error={view.error} />
      {r && (
        <Typography.Paragraph type="secondary" data-testid="conduct-rules">
          {t('regulator.conduct.rulesText', {
            factor: r.outlierIqrFactor, excess: r.outlierMinExcessPercent, comparables: r.outlierMinComparables,
            period: t(`regulator.conduct.periods.${r.discriminationPeriod}`), spread: r.discriminationSpreadPercent,
            orders: r.tiedMinOrders, minutes: Math.round(r.tiedWindowSeconds / 60),
          })}
        </Typography.Paragraph>
      )}
      <Table<Flag> size="small" loading={view.isPending} data-testid="conduct-flags" dataSource={view.data?.flags ?? []}
        rowKey={(f, i) => `${f.rule}-${f.productId}-${f.otherProductId ?? ''}-${i}`} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('regulator.conduct.noneFlags')) }}
        columns={[
          { title: t('regulator.conduct.rule'), dataIndex: 'rule', render: (rule: string) => <Tag color="#a61b1b" data-rule={rule}>{t(`regulator.conduct.rules.${rule}`)}</Tag> },
          { title: t('regulator.conduct.product'), dataIndex: 'productId', render: (id: string) => <ProductTitle id={id} /> },
          { title: t('regulator.conduct.merchant'), dataIndex: 'merchant', render: (m: string) => <PartyName code={m} /> },
          { title: t('regulator.conduct.other'), dataIndex: 'otherProductId', render: (id?: string | null) => (id ? <ProductTitle id={id} /> : '—') },
          { title: t('regulator.conduct.explanation'), dataIndex: 'explanation', render: (e: string) => <span className="flag-explanation">{e}</span> },
          {
            title: t('regulator.conduct.numbers'), dataIndex: 'numbers', render: (n: Record<string, number>) => (
              <span className="mono">{Object.entries(n).map(([k, v]) => `${k}=${v}`).join(' · ')}</span>
            ),
          },
          { title: t('regulator.conduct.tradeIds'), dataIndex: 'tradeIds', align: 'right', render: (ids: string[]) => ids.length },
        ]} />
    </>
  );
}

function Reports() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const list = useQuery({ queryKey: ['regulator', 'reports'], queryFn: () => call(api.GET('/api/regulator/reports')) });
  const generate = useMutation({
    mutationFn: (m: string) => call(api.POST('/api/regulator/reports', { body: { month: m } })),
    onSuccess: (kept) => {
      message.success(t('regulator.conduct.generated', { month: kept.reportMonth }));
      void queries.invalidateQueries({ queryKey: ['regulator', 'reports'] });
    },
  });
  const fetchFile = useMutation({
    mutationFn: ({ r, format }: { r: Kept; format: 'pdf' | 'csv' }) =>
      download(r.id, format, `regulator-report-${r.reportMonth}-${r.id.slice(0, 8)}.${format}`),
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('regulator.conduct.reportsIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <DatePicker picker="month" value={month} allowClear={false} aria-label={t('regulator.conduct.month')}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')} onChange={(d) => d && setMonth(d)} data-testid="report-month" />
        <Button type="primary" icon={<FileAddOutlined />} loading={generate.isPending} data-testid="generate-report"
          onClick={() => generate.mutate(month.format('YYYY-MM'))}>{t('regulator.conduct.generate')}</Button>
      </Space>
      <ProblemAlert error={generate.error ?? list.error} />
      <Table<Kept> size="small" loading={list.isPending} data-testid="reports" rowKey="id" dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText(t('regulator.conduct.noneReports')) }}
        columns={[
          { title: t('regulator.conduct.month'), dataIndex: 'reportMonth' },
          { title: t('regulator.conduct.generatedAt'), dataIndex: 'generatedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('regulator.conduct.generatedBy'), dataIndex: 'generatedBy' },
          { title: t('regulator.conduct.trades'), dataIndex: 'trades', align: 'right' },
          { title: t('regulator.conduct.value'), dataIndex: 'valueMinor', align: 'right', render: (m: number) => <Money minor={m} currency="CNY" /> },
          { title: t('regulator.conduct.flagsCount'), dataIndex: 'flags', align: 'right' },
          { title: t('regulator.conduct.differences'), dataIndex: 'differences', align: 'right' },
          { title: t('regulator.conduct.sha256'), dataIndex: 'pdfSha256', render: (h: string) => <span className="mono" title={h}>{h.slice(0, 16)}…</span> },
          {
            title: '', key: 'files', render: (_, r) => (
              <Space>
                <Button size="small" icon={<DownloadOutlined />} data-testid={`report-pdf-${r.id}`} onClick={() => fetchFile.mutate({ r, format: 'pdf' })}>
                  {t('regulator.conduct.pdf')}
                </Button>
                <Button size="small" icon={<DownloadOutlined />} data-testid={`report-csv-${r.id}`} onClick={() => fetchFile.mutate({ r, format: 'csv' })}>
                  {t('regulator.conduct.csv')}
                </Button>
              </Space>
            ),
          },
        ]} />
    </>
  );
}

export default function Conduct() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.conduct.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.conduct.intro')}</Typography.Paragraph>
      <Tabs destroyOnHidden items={[
        { key: 'flags', label: t('regulator.conduct.flags'), children: <Flags /> },
        { key: 'prices', label: t('regulator.conduct.prices'), children: <Prices /> },
        { key: 'reports', label: t('regulator.conduct.reports'), children: <Reports /> },
      ]} />
    </>
  );
}
