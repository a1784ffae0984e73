import { Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../api/client';
import { emptyText, Money, OrderStatusTag, ProblemAlert } from '../ui';
import { ProductTitle } from './ProductTitle';

export default function MyOrders() {
  const { t } = useTranslation();
  const orders = useQuery({ queryKey: ['orders'], queryFn: () => call(api.GET('/api/orders')), refetchInterval: 5000 });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('orders.title')}</Typography.Title>
      <ProblemAlert error={orders.error} />
      <Table
        loading={orders.isPending}
        rowKey="id"
        dataSource={[...(orders.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
        locale={{ emptyText: emptyText(t('orders.none')) }}
        columns={[
          { title: t('orders.product'), dataIndex: 'productId', render: (pid: string, o) => <Link to={`/orders/${o.id}`}><ProductTitle id={pid} /></Link> },
          { title: t('orders.amount'), dataIndex: 'amountMinor', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
          { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
          { title: t('orders.placed'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </>
  );
}
