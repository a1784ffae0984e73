// Purchases and bills (采购与账单): what the merchant's organisation paid, as licensee, for the licences it holds —
// spending per month, the subscriptions it holds with their auto-renew choice, and its renewal and metered bills.
// Every list asks for the HELD side explicitly, so the merchant's own sales (Revenue) never mix in. The same page is the
// buyer's in the store (/purchases): only where its links go differs (the merchant console's licences held, or the
// buyer's orders), and its introduction, since a buyer organisation sells nothing.
import { useState } from 'react';
import { Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { emptyText, Money, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { useLocalText } from '../../lib/localText';
import { mountDictionary } from '../../i18n';
import { heldEn, heldZh } from '../../i18n/held';

// The store mounts this page outside the merchant console, so it brings its own strings (idempotent).
mountDictionary('held', heldZh, heldEn);

/** Where the page's links go: an order of the organisation (its delivery and licence), and who reads the page. */
export interface PurchaseLinks {
  order: (orderId: string) => string;
  audience: 'merchant' | 'buyer';
}

export const MERCHANT_PURCHASE_LINKS: PurchaseLinks = { order: (id) => `/merchant/licences/${id}`, audience: 'merchant' };
export const BUYER_PURCHASE_LINKS: PurchaseLinks = { order: (id) => `/orders/${id}`, audience: 'buyer' };

type Subscription = Schemas['Subscription'];

function AutoRenewSwitch({ subscription, onError }: { subscription: Subscription; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const local = useLocalText();
  // The product's title for the switch's name (the same cached query ProductTitle reads).
  const sheet = useQuery({
    queryKey: ['product-title', subscription.productId],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id: subscription.productId } } })),
    staleTime: 300_000,
  });
  const title = sheet.data ? local(sheet.data.title, sheet.data.titleEn) : subscription.productId;
  const choose = useMutation({
    mutationFn: (autoRenew: boolean) => call(api.PUT('/api/subscriptions/{id}/auto-renew', {
      params: { path: { id: subscription.id } }, body: { autoRenew },
    })),
    onMutate: () => onError(null),
    onSuccess: () => client.invalidateQueries({ queryKey: ['subscriptions', 'HELD'] }),
    onError,
  });
  return (
    <Switch checked={subscription.autoRenew} loading={choose.isPending} disabled={subscription.status !== 'ACTIVE'}
      onChange={(on) => choose.mutate(on)} data-testid={`held-auto-renew-${subscription.id}`}
      aria-label={t('held.purchases.autoRenewOf', { product: title })} />
  );
}

/** The licence certificate of an order once it is issued, linked to its public check; nothing before. */
function CertificateLink({ orderId }: { orderId: string }) {
  const order = useQuery({
    queryKey: ['order-certificate', orderId],
    queryFn: () => call(api.GET('/api/orders/{id}', { params: { path: { id: orderId } } })),
    staleTime: 60_000,
  });
  const certificate = order.data?.certificateId;
  return certificate ? <Link to={`/verify/${certificate}`} data-testid={`held-certificate-${orderId}`}><code>{certificate}</code></Link>
    : <Typography.Text type="secondary">—</Typography.Text>;
}

export default function Purchases({ links = MERCHANT_PURCHASE_LINKS }: { links?: PurchaseLinks }) {
  const { t } = useTranslation();
  const statement = useQuery({ queryKey: ['purchases'], queryFn: () => call(api.GET('/api/statements/purchases')) });
  const subscriptions = useQuery({
    queryKey: ['subscriptions', 'HELD'],
    queryFn: () => call(api.GET('/api/subscriptions', { params: { query: { side: 'HELD' } } })),
  });
  const bills = useQuery({
    queryKey: ['bills', 'HELD'],
    queryFn: () => call(api.GET('/api/statements/bills', { params: { query: { side: 'HELD' } } })),
  });
  const [choiceError, setChoiceError] = useState<unknown>(null);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('held.purchases.title')}</Typography.Title>
      <Typography.Paragraph>{t(links.audience === 'buyer' ? 'held.purchases.introBuyer' : 'held.purchases.intro')}</Typography.Paragraph>
      <ProblemAlert error={statement.error ?? subscriptions.error ?? bills.error} />

      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('held.purchases.spending')}</Typography.Title>
      <Table size="small" loading={statement.isPending} rowKey={(l) => l.month + l.currency} pagination={false}
        dataSource={statement.data?.spending} data-testid="held-spending" scroll={{ x: 640 }}
        locale={{ emptyText: emptyText(t('held.purchases.noSpending')) }} columns={[
          { title: t('held.purchases.month'), dataIndex: 'month' },
          { title: t('held.purchases.orders'), dataIndex: 'orders', align: 'right' },
          { title: t('held.purchases.paid'), dataIndex: 'paidMinor', align: 'right', render: (m: number, l) => <Money minor={m} currency={l.currency} /> },
          { title: t('held.purchases.refunded'), dataIndex: 'refundedMinor', align: 'right', render: (m: number, l) => <Money minor={m} currency={l.currency} /> },
          { title: t('held.purchases.spent'), dataIndex: 'spentMinor', align: 'right',
            render: (m: number, l) => <span data-testid={`held-spent-${l.month}`}><Money minor={m} currency={l.currency} /></span> },
        ]} />

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('held.purchases.subscriptions')}</Typography.Title>
      <ProblemAlert error={choiceError} />
      <SubscriptionsHeld rows={subscriptions.data} loading={subscriptions.isPending} onError={setChoiceError} links={links} />

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('held.purchases.bills')}</Typography.Title>
      <Table size="small" loading={bills.isPending} rowKey="id" dataSource={bills.data} data-testid="held-bills" scroll={{ x: 760 }}
        locale={{ emptyText: emptyText(t('held.purchases.noBills')) }} columns={[
          { title: t('held.purchases.kind'), dataIndex: 'kind', render: (k: string) => t(`held.purchases.billKind.${k}`, { defaultValue: k }) },
          { title: t('held.purchases.period'), dataIndex: 'period',
            render: (p: string, b) => <Link to={links.order(b.orderId)} data-testid={`held-bill-${b.id}`}>{p} · {dayjs(b.startsAt).format('YYYY-MM-DD')}</Link> },
          { title: t('held.certificate'), dataIndex: 'orderId', key: 'certificate', render: (o: string) => <CertificateLink orderId={o} /> },
          { title: t('held.purchases.calls'), dataIndex: 'calls', align: 'right' },
          { title: t('held.purchases.charge'), dataIndex: 'chargeMinor', align: 'right', render: (m: number, b) => <Money minor={m} currency={b.currency} /> },
          { title: t('held.purchases.status'), dataIndex: 'state', render: (s: string) => t(`held.purchases.billState.${s}`, { defaultValue: s }) },
        ]} />
    </>
  );
}

function SubscriptionsHeld({ rows, loading, onError, links }: { rows?: Subscription[]; loading: boolean; onError: (e: unknown) => void; links: PurchaseLinks }) {
  const { t } = useTranslation();
  return (
    <>
      <Table size="small" loading={loading} rowKey="id" dataSource={rows} data-testid="held-subscriptions" scroll={{ x: 760 }}
        locale={{ emptyText: emptyText(t('held.purchases.noSubscriptions')) }} columns={[
          { title: t('held.purchases.product'), dataIndex: 'productId',
            render: (pid: string, s) => <Link to={links.order(s.currentOrderId)} data-testid={`held-subscription-${s.id}`}><ProductTitle id={pid} /></Link> },
          { title: t('held.certificate'), dataIndex: 'currentOrderId', key: 'certificate', render: (o: string) => <CertificateLink orderId={o} /> },
          { title: t('held.purchases.periodNumber'), dataIndex: 'periodNumber', align: 'right' },
          { title: t('held.purchases.periodEnd'), dataIndex: 'periodEnd', render: (at: string) => dayjs(at).format('YYYY-MM-DD') },
          { title: t('held.purchases.status'), dataIndex: 'status',
            render: (s: string, row) => <Tag title={row.endReason ?? undefined}>{t(`held.purchases.subscriptionStatus.${s}`, { defaultValue: s })}</Tag> },
          { title: t('held.purchases.autoRenew'), dataIndex: 'autoRenew', render: (_: boolean, s) => <AutoRenewSwitch subscription={s} onError={onError} /> },
        ]} />
    </>
  );
}
