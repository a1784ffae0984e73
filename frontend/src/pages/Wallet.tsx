import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../api/client';
import { formatMoney } from '../lib/money';
import { emptyText, Money, OrderStatusTag, ProblemAlert } from '../ui';
import { ProductTitle } from './ProductTitle';

export default function Wallet() {
  const { t } = useTranslation();
  const wallet = useQuery({ queryKey: ['wallet'], queryFn: () => call(api.GET('/api/wallet')) });
  const statement = useQuery({ queryKey: ['purchases'], queryFn: () => call(api.GET('/api/statements/purchases')) });
  const balances = (wallet.data ?? []).filter((b) => b.kind === 'AVAILABLE' || b.kind === 'ESCROW');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('wallet.title')}</Typography.Title>
      <ProblemAlert error={wallet.error ?? statement.error} />
      <Row gutter={16} style={{ marginBottom: 24 }}>
        {balances.map((b) => (
          <Col key={b.kind + b.currency} xs={24} sm={12}>
            <Card>
              <Statistic title={t(`wallet.kind.${b.kind}`)} value={formatMoney(b.balanceMinor, b.currency)} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('wallet.monthly')}</Typography.Title>
      <Table size="small" loading={statement.isPending} rowKey={(l) => l.month + l.currency} pagination={false}
        dataSource={statement.data?.spending} locale={{ emptyText: emptyText(t('wallet.noSpending')) }} columns={[
          { title: t('wallet.month'), dataIndex: 'month' },
          { title: t('wallet.orders'), dataIndex: 'orders' },
          { title: t('wallet.spent'), dataIndex: 'spentMinor', render: (m: number, l) => <Money minor={m} currency={l.currency} /> },
        ]} />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('wallet.purchases')}</Typography.Title>
      <Table size="small" loading={statement.isPending} rowKey="orderId" dataSource={statement.data?.orders} locale={{ emptyText: emptyText(t('wallet.noSpending')) }} columns={[
        { title: t('orders.placed'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD') },
        { title: t('orders.product'), dataIndex: 'productId', render: (pid: string, o) => <Link to={`/orders/${o.orderId}`}><ProductTitle id={pid} /></Link> },
        { title: t('orders.amount'), dataIndex: 'amountMinor', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
        { title: t('order.certificateId'), dataIndex: 'certificateId', render: (c?: string) => c ? <Link to={`/verify/${c}`}>{c}</Link> : '—' },
      ]} />
    </>
  );
}
