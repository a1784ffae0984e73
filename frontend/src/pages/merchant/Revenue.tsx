import { Card, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { emptyText, Money, OrderStatusTag, ProblemAlert } from '../../ui';
import { CsvButton, SplitLines } from './common';
import { useLocalText } from '../../lib/localText';

type Line = { productId: string; title: string; titleEn?: string; month: string; currency: string; trades: number; grossMinor: number; refunds: number; refundedMinor: number; revenueMinor: number };

/** The revenue statement per product and month; each line opens the sales of that month with their split lines. */
export default function Revenue() {
  const { t } = useTranslation();
  const local = useLocalText();
  const revenue = useQuery({ queryKey: ['merchant-revenue'], queryFn: () => call(api.GET('/api/statements/revenue')) });
  const royalties = useQuery({ queryKey: ['merchant-royalties'], queryFn: () => call(api.GET('/api/statements/royalties')) });
  const orders = useQuery({ queryKey: ['merchant-orders', {}], queryFn: () => call(api.GET('/api/merchant/orders')) });
  const salesOf = (l: Line) => (orders.data ?? []).filter((o) => o.productId === l.productId && o.currency === l.currency
    && o.transactionId && dayjs(o.paidAt ?? o.createdAt).toISOString().slice(0, 7) === l.month);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('merchant.revenue.title')}</Typography.Title>
        <CsvButton testId="revenue-csv" filename="revenue-statement.csv" fetchCsv={() => api.GET('/api/merchant/revenue/export', { parseAs: 'blob' }) as never} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('merchant.revenue.intro')}</Typography.Paragraph>
      <ProblemAlert error={revenue.error} />
      <Table<Line>
        loading={revenue.isPending}
        rowKey={(l) => `${l.productId}|${l.month}|${l.currency}`}
        dataSource={[...(revenue.data ?? [])].sort((a, b) => b.month.localeCompare(a.month))}
        locale={{ emptyText: emptyText(t('merchant.revenue.none')) }}
        expandable={{
          expandedRowRender: (l) => (
            <Card size="small" title={t('merchant.revenue.sales')} data-testid={`revenue-sales-${l.productId}`}>
              <Table
                size="small"
                rowKey="orderId"
                pagination={false}
                dataSource={salesOf(l)}
                columns={[
                  { title: t('merchant.orders.placed'), dataIndex: 'paidAt', render: (at: string | null, o) => dayjs(at ?? o.createdAt).format('YYYY-MM-DD HH:mm') },
                  { title: t('merchant.orders.buyer'), dataIndex: 'buyerName' },
                  { title: t('merchant.orders.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
                  { title: t('merchant.orders.amount'), dataIndex: 'amountMinor', align: 'right', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
                  { title: t('merchant.orders.split'), dataIndex: 'split', render: (_: unknown, o) => <SplitLines split={o.split} currency={o.currency} /> },
                ]}
              />
            </Card>
          ),
        }}
        columns={[
          { title: t('merchant.revenue.month'), dataIndex: 'month' },
          { title: t('merchant.revenue.product'), dataIndex: 'title', render: (title: string, l) => local(title, l.titleEn) },
          { title: t('merchant.revenue.trades'), dataIndex: 'trades', align: 'right' },
          { title: t('merchant.revenue.gross'), dataIndex: 'grossMinor', align: 'right', render: (m: number, l) => <Money minor={m} currency={l.currency} /> },
          { title: t('merchant.revenue.refunded'), dataIndex: 'refundedMinor', align: 'right', render: (m: number, l) => <Money minor={m} currency={l.currency} /> },
          { title: t('merchant.revenue.net'), dataIndex: 'revenueMinor', align: 'right', render: (m: number, l) => <strong><Money minor={m} currency={l.currency} /></strong> },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('merchant.revenue.royalties')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('merchant.revenue.royaltiesIntro')}</Typography.Paragraph>
      <ProblemAlert error={royalties.error} />
      <Table
        data-testid="royalties"
        loading={royalties.isPending}
        rowKey={(r) => `${r.orderId}|${r.parentCertificateId}`}
        dataSource={royalties.data ?? []}
        locale={{ emptyText: emptyText(t('merchant.revenue.royaltiesNone')) }}
        columns={[
          // The time and the amount on one line each; the long order and certificate ids are the columns that wrap.
          { title: t('merchant.revenue.paidAt'), dataIndex: 'paidAt', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(at).format('YYYY-MM-DD HH:mm')}</span> },
          { title: t('merchant.revenue.sourceProduct'), dataIndex: 'title', render: (title: string, r) => local(title, r.titleEn) },
          { title: t('merchant.revenue.seller'), dataIndex: 'sellerName' },
          { title: t('merchant.revenue.order'), dataIndex: 'orderId', render: (o: string) => <code>{o}</code> },
          { title: t('merchant.revenue.parentLicence'), dataIndex: 'parentCertificateId', render: (c: string) => <code>{c}</code> },
          { title: t('merchant.revenue.royaltyAmount'), dataIndex: 'amountMinor', align: 'right', onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (m: number, r) => <strong><Money minor={m} currency={r.currency} /></strong> },
        ]}
      />
    </>
  );
}
