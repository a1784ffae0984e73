import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { formatMoney } from '../../lib/money';
import { emptyText, Money, OrderStatusTag, ProblemAlert } from '../../ui';
import { ProductStatusTag } from './common';
import { useLocalText } from '../../lib/localText';

const SalesChart = lazy(() => import('./SalesChart'));

const CURRENCY = 'CNY';

export default function Dashboard() {
  const { t } = useTranslation();
  const local = useLocalText();
  const [days, setDays] = useState(30);
  const dashboard = useQuery({
    queryKey: ['merchant-dashboard', days],
    queryFn: () => call(api.GET('/api/merchant/dashboard', { params: { query: { days } } })),
    refetchInterval: 10_000,
  });
  const d = dashboard.data;
  const series = useMemo(() => (d?.days ?? []).map((day) => ({
    date: day.date,
    sales: day.sales,
    deliveries: day.deliveries,
    revenueMinor: day.revenue.find((a) => a.currency === CURRENCY)?.minor ?? 0,
  })), [d]);
  const labels = useMemo(() => ({
    sales: t('merchant.dashboard.sales'), deliveries: t('merchant.dashboard.deliveries'), revenue: t('merchant.dashboard.revenue'),
  }), [t]);
  const revenue = d?.revenue.length ? d.revenue.map((a) => formatMoney(a.minor, a.currency)).join(' + ') : formatMoney(0, CURRENCY);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('merchant.dashboard.title')}</Typography.Title>
        <Segmented
          aria-label={t('merchant.dashboard.range')}
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={[7, 30, 90].map((n) => ({ value: n, label: t('merchant.dashboard.lastDays', { count: n }) }))}
        />
      </Space>
      <ProblemAlert error={dashboard.error} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}><Card><Statistic title={t('merchant.dashboard.sales')} value={d?.sales ?? 0} loading={dashboard.isPending} /></Card></Col>
        <Col xs={24} md={8}><Card><div data-testid="dashboard-revenue"><Statistic title={t('merchant.dashboard.revenue')} value={revenue} loading={dashboard.isPending} /></div></Card></Col>
        <Col xs={24} md={8}><Card><Statistic title={t('merchant.dashboard.deliveries')} value={d?.deliveries ?? 0} loading={dashboard.isPending} /></Card></Col>
      </Row>
      <Card title={t('merchant.dashboard.overTime')} style={{ marginTop: 16 }}>
        <Suspense fallback={<Spin />}>
          {d ? <SalesChart days={series} currency={CURRENCY} labels={labels} title={t('merchant.dashboard.overTime')} /> : <Spin />}
        </Suspense>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>
          <Card title={t('merchant.dashboard.byStatus')} extra={<Link to="/merchant/products">{t('merchant.dashboard.allProducts')}</Link>}>
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="products-by-status">
              {Object.entries(d?.productsByStatus ?? {}).map(([status, count]) => (
                <li key={status} style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0' }}>
                  <ProductStatusTag status={status} /> <strong>{count}</strong>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('merchant.dashboard.recentOrders')} extra={<Link to="/merchant/orders">{t('merchant.dashboard.allOrders')}</Link>}>
            <Table
              size="small"
              rowKey="orderId"
              pagination={false}
              loading={dashboard.isPending}
              dataSource={d?.recentOrders ?? []}
              locale={{ emptyText: emptyText(t('merchant.orders.none')) }}
              columns={[
                { title: t('merchant.orders.product'), dataIndex: 'productTitle', render: (title: string, o) => local(title, o.productTitleEn) },
                { title: t('merchant.orders.buyer'), dataIndex: 'buyerName' },
                { title: t('merchant.orders.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
                { title: t('merchant.orders.share'), dataIndex: 'merchantShareMinor', align: 'right', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
                { title: t('merchant.orders.placed'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('MM-DD HH:mm') },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
