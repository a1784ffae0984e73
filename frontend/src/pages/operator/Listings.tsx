import { useState } from 'react';
import { App, Button, Drawer, Segmented, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ClassificationTag, emptyText, ProblemAlert } from '../../ui';
import { LedgerListingView, ProductStatusTag, ReasonDialog, when } from './parts';
import { useLocalText } from '../../lib/localText';

const STATUSES = ['ALL', 'LISTED', 'SUSPENDED', 'IN_REVIEW', 'REJECTED', 'DRAFT', 'DELISTED'] as const;
type Status = Exclude<(typeof STATUSES)[number], 'ALL'>;
type Action = 'suspend' | 'reinstate' | 'delist';
const PATHS = {
  suspend: '/api/operator/products/{id}/suspend',
  reinstate: '/api/operator/products/{id}/reinstate',
  delist: '/api/operator/products/{id}/delist',
} as const;

/**
 * Every product by status (counts in the filter), with the listing decisions each status allows; every decision takes
 * a reason and is followed by the listing as the ledger then holds it.
 */
export default function Listings() {
  const { t } = useTranslation();
  const local = useLocalText();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'ALL';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [acting, setActing] = useState<{ id: string; title: string; action: Action } | null>(null);
  const [ledgerOf, setLedgerOf] = useState<{ id: string; title: string } | null>(null);

  const list = useQuery({
    queryKey: ['operator', 'products', status, page],
    queryFn: () => call(api.GET('/api/operator/products', {
      params: { query: { status: status === 'ALL' ? undefined : (status as Status), page: page - 1, size: 20 } },
    })),
  });
  const counts = list.data?.counts as Record<string, number> | undefined;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;

  const act = async (reason: string) => {
    if (!acting) return;
    await call(api.POST(PATHS[acting.action], { params: { path: { id: acting.id } }, body: { reason } }));
    message.success(t('operator.products.done', { action: t(`operator.products.${acting.action}`) }));
    setLedgerOf({ id: acting.id, title: acting.title });
    setActing(null);
    void queries.invalidateQueries({ queryKey: ['operator'] });
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('operator.products.title')}</Typography.Title>
      <ProblemAlert error={list.error} />
      <Segmented style={{ marginBottom: 16 }} value={status} onChange={(v) => setParams(v === 'ALL' ? {} : { status: String(v) })}
        options={STATUSES.map((s) => ({
          value: s,
          label: `${s === 'ALL' ? t('operator.all') : t(`operator.status.${s}`)} (${(s === 'ALL' ? total : counts?.[s]) ?? '…'})`,
        }))} />
      <Table size="middle" rowKey="id" loading={list.isPending} dataSource={list.data?.content}
        locale={{ emptyText: emptyText(t('operator.reviews.none')) }}
        pagination={{ current: page, pageSize: 20, total: list.data?.totalSize, showSizeChanger: false, hideOnSinglePage: true,
          onChange: (p) => setParams(status === 'ALL' ? { page: String(p) } : { status, page: String(p) }) }}
        columns={[
          { title: t('operator.reviews.product'), dataIndex: 'title', render: (title: string, r) => r.status === 'IN_REVIEW'
            ? <Link to={`/operator/reviews/${r.id}`}>{local(title, r.titleEn)}</Link> : <Link to={`/products/${r.id}`}>{local(title, r.titleEn)}</Link> },
          { title: t('operator.reviews.merchant'), dataIndex: 'merchantName' },
          { title: t('operator.reviews.classification'), dataIndex: 'classificationLevel', render: (l: string) => <ClassificationTag level={l} /> },
          { title: t('operator.complaints.status'), dataIndex: 'status', render: (s: string) => <ProductStatusTag status={s} /> },
          { title: t('operator.products.version'), dataIndex: 'currentVersion', render: (v?: string | null) => v ?? '—' },
          { title: t('operator.products.updated'), dataIndex: 'updatedAt', render: when },
          { title: t('operator.products.actions'), key: 'actions', render: (_: unknown, r) => (
            <Space size={4} wrap data-testid={`actions-${r.id}`}>
              {r.status === 'LISTED' && <Button size="small" data-testid="suspend" onClick={() => setActing({ id: r.id, title: local(r.title, r.titleEn), action: 'suspend' })}>{t('operator.products.suspend')}</Button>}
              {r.status === 'SUSPENDED' && <Button size="small" data-testid="reinstate" onClick={() => setActing({ id: r.id, title: local(r.title, r.titleEn), action: 'reinstate' })}>{t('operator.products.reinstate')}</Button>}
              {(r.status === 'LISTED' || r.status === 'SUSPENDED') && <Button size="small" danger data-testid="delist" onClick={() => setActing({ id: r.id, title: local(r.title, r.titleEn), action: 'delist' })}>{t('operator.products.delist')}</Button>}
              {r.currentVersion && r.status !== 'DRAFT' && <Button size="small" type="link" onClick={() => setLedgerOf({ id: r.id, title: r.title })}>{t('operator.products.ledger')}</Button>}
            </Space>
          ) },
        ]} />
      <ReasonDialog open={!!acting} title={acting ? `${t(`operator.products.${acting.action}`)} · ${acting.title}` : ''}
        onCancel={() => setActing(null)} onConfirm={act} />
      {ledgerOf && (
        // Mounted only while open: a closed drawer would leave an unnamed dialog in the page.
        <Drawer open size={720} title={`${t('operator.ledger.title')} · ${ledgerOf.title}`} onClose={() => setLedgerOf(null)}>
          <LedgerListingView productId={ledgerOf.id} />
        </Drawer>
      )}
    </>
  );
}
