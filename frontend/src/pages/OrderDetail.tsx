import { lazy, Suspense, useMemo } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Popconfirm, Row, Skeleton, Space, Table, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../api/client';
import { emptyText, LinkButton, Money, OrderStatusTag, ProblemAlert } from '../ui';
import { ProductTitle } from './ProductTitle';
import { RateOrder } from './market/RateOrder';
import { LicenceVolumeCard } from './LicenceVolume';
import { LicenceActions } from './LicenceActions';
import { capsInWords, type Lang } from '../lib/licence';

const UsageChart = lazy(() => import('../charts/UsageChart'));
const SandboxPanel = lazy(() => import('./SandboxPanel'));

const IN_FLIGHT = ['PAID', 'SETTLING'];
const LICENSED = ['SETTLED', 'DELIVERED'];

export default function OrderDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [complaint] = Form.useForm<{ text: string }>();

  const order = useQuery({
    queryKey: ['order', id],
    queryFn: () => call(api.GET('/api/orders/{id}', { params: { path: { id } } })),
    // Follows the order by itself until it is settled (or sent back).
    refetchInterval: (q) => (q.state.data && IN_FLIGHT.includes(q.state.data.status) ? 700 : q.state.data?.status === 'AWAITING_APPROVAL' ? 5000 : false),
  });
  const productId = order.data?.productId;
  const sheet = useQuery({
    queryKey: ['product', productId, 'for-order'],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id: productId! } } })),
    enabled: !!productId,
  });
  const licensed = !!order.data && LICENSED.includes(order.data.status);
  const plan = sheet.data?.pricingPlans.find((p) => p.id === order.data?.planId);
  // Calls and sandbox queries are both counted in the order's usage.
  const sandbox = sheet.data?.deliveryModes.includes('QUERY_SANDBOX') ?? false;
  const metered = (sheet.data?.deliveryModes.includes('METERED_API') ?? false) || sandbox;
  const usage = useQuery({
    queryKey: ['usage', id],
    queryFn: () => call(api.GET('/api/orders/{id}/usage', { params: { path: { id } } })),
    enabled: licensed && metered,
  });
  const deliveries = useQuery({
    queryKey: ['deliveries', id],
    queryFn: () => call(api.GET('/api/orders/{id}/deliveries', { params: { path: { id } } })),
    enabled: licensed,
  });

  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['order', id] });
    void queries.invalidateQueries({ queryKey: ['orders'] });
    void queries.invalidateQueries({ queryKey: ['wallet'] });
  };
  const pay = useMutation({ mutationFn: () => call(api.POST('/api/orders/{id}/pay', { params: { path: { id } } })), onSuccess: refresh });
  const cancel = useMutation({ mutationFn: () => call(api.POST('/api/orders/{id}/cancel', { params: { path: { id } } })), onSuccess: refresh });
  const fileComplaint = useMutation({
    mutationFn: (text: string) => call(api.POST('/api/orders/{id}/complaints', { params: { path: { id } }, body: { text } })),
    onSuccess: () => { complaint.resetFields(); message.success(t('order.complaintFiled')); },
  });

  const usageBars = useMemo(() => (usage.data ?? []).map((m) => ({ month: m.month, calls: m.calls, freeUnits: m.freeUnits, billableCalls: m.billableCalls })), [usage.data]);
  const usageLabels = useMemo(() => ({ free: t('order.freeCalls'), billable: t('order.billableCalls') }), [t]);

  if (order.isPending) return <Skeleton active />;
  if (order.error) return <ProblemAlert error={order.error} />;
  const o = order.data;

  return (
    <>
      <Typography.Text type="secondary">{t('order.kind')} {o.id}</Typography.Text>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 4 }}>
        <Link to={`/products/${o.productId}`}><ProductTitle id={o.productId} /></Link>
      </Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <span data-testid="order-status"><OrderStatusTag status={o.status} /></span>
        <Money minor={o.amountMinor} currency={o.currency} />
        {o.status === 'CREATED' && <Button type="primary" loading={pay.isPending} onClick={() => pay.mutate()} data-testid="order-pay">{t('order.pay')}</Button>}
        {(o.status === 'CREATED' || o.status === 'AWAITING_APPROVAL') && (
          <Popconfirm title={t('order.cancelConfirm')} onConfirm={() => cancel.mutate()} okText={t('order.cancel')} cancelText={t('wizard.back')}>
            <Button danger loading={cancel.isPending}>{t('order.cancel')}</Button>
          </Popconfirm>
        )}
      </Space>
      {o.failureReason && <Alert type="warning" showIcon title={t('order.refunded')} description={o.failureReason} style={{ marginBottom: 16 }} />}
      <ProblemAlert error={pay.error ?? cancel.error} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('order.timeline')} style={{ marginBottom: 16 }}>
            <Timeline items={o.transitions.map((tr) => ({
              key: tr.id,
              color: tr.toStatus === 'REFUNDED' || tr.toStatus === 'CANCELLED' ? 'red' : 'green',
              children: (
                <>
                  <strong>{t(`orderStatus.${tr.toStatus}`)}</strong>
                  <div style={{ color: '#4b5563', fontSize: 12 }}>{dayjs(tr.at).format('YYYY-MM-DD HH:mm:ss')}</div>
                </>
              ),
            }))} />
            {IN_FLIGHT.includes(o.status) && <Typography.Text type="secondary">{t('order.settling')}</Typography.Text>}
          </Card>
          <Card size="small" title={t('order.scenario')}>
            <Descriptions column={1} size="small" items={[
              { key: 'p', label: t('wizard.purpose'), children: o.details.scenario.purpose },
              { key: 'l', label: t('wizard.location'), children: t(`region.${o.details.scenario.location}`, { defaultValue: o.details.scenario.location }) },
              { key: 'b', label: t('wizard.buyerLocation'), children: t(`region.${o.details.buyerLocation}`, { defaultValue: o.details.buyerLocation }) },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('order.certificate')} style={{ marginBottom: 16 }}>
            {o.certificateId ? (
              <>
                <Descriptions column={1} size="small" items={[
                  { key: 'c', label: t('order.certificateId'), children: <span className="mono" data-testid="certificate-id">{o.certificateId}</span> },
                  { key: 'tx', label: t('sheet.ledgerTx'), children: <span className="mono">{o.transactionId}</span> },
                  { key: 'b', label: t('sheet.block'), children: o.blockNumber },
                  { key: 'from', label: t('order.paidAt'), children: o.paidAt ? dayjs(o.paidAt).format('YYYY-MM-DD HH:mm') : '—' },
                  ...(o.details.terms.volumeCaps ? [{ key: 'caps', label: t('volume.certificateCaps'),
                    children: <span data-testid="order-caps">{capsInWords(o.details.terms.volumeCaps, (i18n.language === 'en' ? 'en' : 'zh') as Lang).join(i18n.language === 'en' ? ', ' : '、')}</span> }] : []),
                ]} />
                <LicenceActions orderId={o.id} deliveryModes={sheet.data?.deliveryModes ?? []}>
                  <LinkButton to={`/verify/${o.certificateId}`} data-testid="verify-link">{t('order.verify')}</LinkButton>
                </LicenceActions>
              </>
            ) : (
              <Typography.Text type="secondary">{t('order.noCertificateYet')}</Typography.Text>
            )}
          </Card>
          {licensed && <LicenceVolumeCard orderId={o.id} />}
          {licensed && sandbox && o.certificateId && (
            <Suspense fallback={<Skeleton active />}>
              <SandboxPanel orderId={o.id} />
            </Suspense>
          )}
          {licensed && metered && (
            <Card size="small" title={t('order.usage')} style={{ marginBottom: 16 }}
              extra={<Button size="small" onClick={() => void usage.refetch()} data-testid="usage-refresh">{t('order.refresh')}</Button>}>
              {plan && plan.kind === 'METERED' && <Typography.Paragraph type="secondary">{t('order.planIs')} {t(`planKind.${plan.kind}`)}</Typography.Paragraph>}
              {usageBars.length === 0 ? <Empty description={t('order.noUsage')} /> : (
                <>
                  <Suspense fallback={<Skeleton active />}>
                    <UsageChart months={usageBars} labels={usageLabels} title={t('order.usage')} />
                  </Suspense>
                  <Table size="small" pagination={false} rowKey="month" dataSource={usage.data} columns={[
                    { title: t('order.month'), dataIndex: 'month' },
                    { title: t('order.calls'), dataIndex: 'calls', render: (n: number) => <span data-testid="usage-calls">{n}</span> },
                    { title: t('order.freeUnits'), dataIndex: 'freeUnits' },
                    { title: t('order.billableCalls'), dataIndex: 'billableCalls' },
                    { title: t('order.charge'), dataIndex: 'chargeMinor', render: (m: number, u) => <Money minor={m} currency={u.currency} /> },
                  ]} />
                </>
              )}
            </Card>
          )}
          {licensed && (
            <Card size="small" title={t('order.deliveries')} style={{ marginBottom: 16 }}>
              <Table size="small" pagination={false} rowKey="id" dataSource={deliveries.data} locale={{ emptyText: emptyText(t('order.noDeliveries')) }} columns={[
                { title: t('order.deliveredAt'), dataIndex: 'deliveredAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
                { title: t('order.mode'), dataIndex: 'mode', render: (m: string) => t(`delivery.${m}`) },
                { title: t('sheet.ledgerTx'), dataIndex: 'ledgerTxId', render: (v?: string) => <span className="mono">{v ?? '—'}</span> },
              ]} />
            </Card>
          )}
          {o.status === 'DELIVERED' && <RateOrder orderId={o.id} productId={o.productId} />}
          <Card size="small" title={t('order.complaint')}>
            <ProblemAlert error={fileComplaint.error} />
            <Form form={complaint} layout="vertical" onFinish={(v) => fileComplaint.mutate(v.text)}>
              <Form.Item name="text" label={t('order.complaintText')} rules={[{ required: true, message: t('wizard.required') }]}>
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
              <Button htmlType="submit" loading={fileComplaint.isPending}>{t('order.fileComplaint')}</Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
