// Licences held (已购许可): the licences the merchant's organisation bought, with certificate, term and volume, and the
// same delivery the buyer's order page offers (the buyer's components, not copies of them). The order's own page,
// usage, sandbox and deliveries included, is the buyer's OrderDetail under /merchant/licences/:id.
import { Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { emptyText, Money, OrderStatusTag, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { LicenceVolumeTable } from '../LicenceVolume';
import { LicenceActions } from '../LicenceActions';

/** Paid orders: their licence is issued, being issued, or was (refunded orders keep their history). */
const PAID = ['PAID', 'SETTLING', 'SETTLED', 'DELIVERED', 'REFUNDED'];
const LICENSED = ['SETTLED', 'DELIVERED'];

function CertificateTerm({ certificateId }: { certificateId: string }) {
  const cert = useQuery({
    queryKey: ['certificate', certificateId],
    queryFn: () => call(api.GET('/api/certificates/{id}', { params: { path: { id: certificateId } } })),
    staleTime: 60_000,
  });
  if (!cert.data) return <>—</>;
  return (
    <span data-testid={`held-term-${certificateId}`}>
      {dayjs(cert.data.validFrom).format('YYYY-MM-DD')} – {dayjs(cert.data.validUntil).format('YYYY-MM-DD')}
    </span>
  );
}

/** The delivery of one licence: its volume and the buyer's delivery actions, by the product's delivery modes. */
function HeldDelivery({ orderId, productId, licensed }: { orderId: string; productId: string; licensed: boolean }) {
  const { t } = useTranslation();
  const sheet = useQuery({
    queryKey: ['product', productId, 'for-order'],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id: productId } } })),
  });
  if (!licensed) return <Typography.Text type="secondary">{t('held.pending')}</Typography.Text>;
  return (
    <div data-testid={`held-delivery-${orderId}`}>
      <Typography.Text strong>{t('held.volume')}</Typography.Text>
      <LicenceVolumeTable orderId={orderId} />
      <LicenceActions orderId={orderId} deliveryModes={sheet.data?.deliveryModes ?? []}>
        <Link to={`/merchant/licences/${orderId}`} data-testid={`held-open-${orderId}`}>{t('held.open')}</Link>
      </LicenceActions>
    </div>
  );
}

export default function LicencesHeld() {
  const { t } = useTranslation();
  // The orders of the merchant's own organisation: the licences it bought (never sales of its products).
  const orders = useQuery({ queryKey: ['orders'], queryFn: () => call(api.GET('/api/orders')), refetchInterval: 10_000 });
  const held = (orders.data ?? []).filter((o) => PAID.includes(o.status)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('held.title')}</Typography.Title>
      <Typography.Paragraph>{t('held.intro')}</Typography.Paragraph>
      <ProblemAlert error={orders.error} />
      <Table
        loading={orders.isPending}
        rowKey="id"
        dataSource={held}
        locale={{ emptyText: emptyText(t('held.none')) }}
        scroll={{ x: 880 }}
        expandable={{
          expandedRowRender: (o) => <HeldDelivery orderId={o.id} productId={o.productId} licensed={LICENSED.includes(o.status) && !!o.certificateId} />,
        }}
        columns={[
          { title: t('held.product'), dataIndex: 'productId', render: (pid: string, o) => <Link to={`/merchant/licences/${o.id}`}><ProductTitle id={pid} /></Link> },
          { title: t('held.certificate'), dataIndex: 'certificateId', render: (c?: string) => (c ? <span className="mono" data-testid={`held-certificate-${c}`}>{c}</span> : '—') },
          { title: t('held.term'), key: 'term', render: (_: unknown, o) => (o.certificateId ? <CertificateTerm certificateId={o.certificateId} /> : '—') },
          { title: t('held.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
          { title: t('held.amount'), dataIndex: 'amountMinor', align: 'right', render: (m: number, o) => <Money minor={m} currency={o.currency} /> },
        ]}
      />
    </>
  );
}
