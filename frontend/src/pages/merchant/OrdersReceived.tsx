import { useState } from 'react';
import { Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../api/client';
import { emptyText, Money, OrderStatusTag, ProblemAlert } from '../../ui';
import { CsvButton, SplitLines } from './common';
import { useLocalText } from '../../lib/localText';
import { LicenceVolumeTable } from '../LicenceVolume';

const STATUSES = ['CREATED', 'AWAITING_APPROVAL', 'PAID', 'SETTLING', 'SETTLED', 'DELIVERED', 'CANCELLED', 'REFUNDED'] as const;
type Status = (typeof STATUSES)[number];

/**
 * Orders the merchant's products received: the buyer's scenario, status, metered calls, the split of each sale and, for
 * a licence in force, its volume caps, use and what is left.
 */
export default function OrdersReceived() {
  const { t } = useTranslation();
  const local = useLocalText();
  const [status, setStatus] = useState<Status | undefined>();
  const [product, setProduct] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = {
    status,
    product,
    from: range?.[0] ? range[0].startOf('day').toISOString() : undefined,
    to: range?.[1] ? range[1].add(1, 'day').startOf('day').toISOString() : undefined,
  };
  const orders = useQuery({
    queryKey: ['merchant-orders', query],
    queryFn: () => call(api.GET('/api/merchant/orders', { params: { query } })),
    refetchInterval: 10_000,
  });
  const products = useQuery({ queryKey: ['merchant-products'], queryFn: () => call(api.GET('/api/merchant/products')) });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('merchant.orders.title')}</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            id="orders-product"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            aria-label={t('merchant.orders.product')}
            placeholder={t('merchant.orders.allProducts')}
            value={product}
            onChange={setProduct}
            options={(products.data ?? []).map((p) => ({ value: p.id, label: local(p.title, p.titleEn) }))}
          />
          <Select
            id="orders-status"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 160 }}
            aria-label={t('merchant.orders.status')}
            placeholder={t('merchant.orders.allStatuses')}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
          />
          <DatePicker.RangePicker
            aria-label={t('merchant.orders.placed')}
            value={range}
            onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
            disabledDate={(d) => d.isAfter(dayjs())}
          />
          <CsvButton
            testId="orders-csv"
            filename="orders-received.csv"
            fetchCsv={() => api.GET('/api/merchant/orders/export', { params: { query }, parseAs: 'blob' }) as never}
          />
        </Space>
      </Card>
      <ProblemAlert error={orders.error} />
      <Table
        loading={orders.isPending}
        rowKey="orderId"
        dataSource={orders.data ?? []}
        locale={{ emptyText: emptyText(t('merchant.orders.none')) }}
        scroll={{ x: 960 }}
        expandable={{
          expandedRowRender: (o) => (
            <div data-testid={`split-${o.orderId}`}>
              <Typography.Text strong>{t('merchant.orders.split')}</Typography.Text>
              <SplitLines split={o.split} currency={o.currency} />
              {(o.status === 'SETTLED' || o.status === 'DELIVERED') && (
                <div style={{ marginTop: 8 }}>
                  <Typography.Text strong>{t('volume.merchantTitle')}</Typography.Text>
                  <LicenceVolumeTable orderId={o.orderId} />
                </div>
              )}
            </div>
          ),
        }}
        columns={[
          { title: t('merchant.orders.placed'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          { title: t('merchant.orders.product'), dataIndex: 'productTitle', render: (title: string, o) => local(title, o.productTitleEn) },
          { title: t('merchant.orders.buyer'), dataIndex: 'buyerName' },
          {
            title: t('merchant.orders.scenario'), dataIndex: 'purpose',
            render: (p: string, o) => <>{p} · {t(`region.${o.location}`, { defaultValue: o.location })}</>,
          },
          { title: t('merchant.orders.plan'), dataIndex: 'planKind', render: (k: string | null, o) => (k ? t(`planKind.${k}`) : o.planId) },
          { title: t('merchant.orders.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
          { title: t('merchant.orders.amount'), dataIndex: 'amountMinor', align: 'right', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
          { title: t('merchant.orders.share'), dataIndex: 'merchantShareMinor', align: 'right', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
          { title: t('merchant.orders.calls'), dataIndex: 'meteredCalls', align: 'right', render: (n: number, o) => (o.planKind === 'METERED' ? n : '—') },
        ]}
      />
    </>
  );
}
