// The valuation aid (数据资产评估) of a product, for its sheet and the merchant's editor: each plan's comparable trades
// from the ledger as quartiles and a histogram (a lazily loaded chart), with the plan's own price placed in them.
import { lazy, Suspense } from 'react';
import { Alert, Descriptions, Skeleton, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Money, ProblemAlert } from '../../ui';

const ValuationChart = lazy(() => import('./ValuationChart'));

export function ValuationCard({ productId }: { productId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const valuation = useQuery({
    queryKey: ['valuation', productId],
    queryFn: () => call(api.GET('/api/products/{id}/valuation', { params: { path: { id: productId } } })),
  });
  if (valuation.isPending) return <Skeleton active paragraph={{ rows: 2 }} aria-label={t('market.valuation.loading')} />;
  if (valuation.error) return <ProblemAlert error={valuation.error} />;
  const v = valuation.data;
  return (
    <div data-testid="valuation">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('market.valuation.explain', { min: v.minimumComparables })}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {v.plans.filter((p) => p.kind !== 'PRIVATE_OFFER').map((p) => (
          <div key={p.planId} data-testid={`valuation-${p.planId}`}>
            <Typography.Text strong>{t(`planKind.${p.kind}`)} · <Money minor={p.priceMinor} currency={p.currency} /></Typography.Text>
            {!p.enough ? (
              <Alert type="info" showIcon style={{ marginTop: 4 }} title={en ? p.noteEn : p.noteZh} />
            ) : (
              <>
                <Descriptions size="small" column={2} style={{ marginTop: 4 }} items={[
                  { key: 'n', label: t('market.valuation.comparables'), children: p.comparables },
                  { key: 'p25', label: t('market.valuation.p25'), children: <Money minor={p.p25Minor ?? 0} currency={p.currency} /> },
                  { key: 'm', label: t('market.valuation.median'), children: <Money minor={p.medianMinor ?? 0} currency={p.currency} /> },
                  { key: 'p75', label: t('market.valuation.p75'), children: <Money minor={p.p75Minor ?? 0} currency={p.currency} /> },
                ]} />
                <Typography.Text data-testid="valuation-note">{en ? p.noteEn : p.noteZh}</Typography.Text>
                <Suspense fallback={<Spin />}>
                  <ValuationChart bins={p.histogram} priceMinor={p.priceMinor} currency={p.currency}
                    label={t('market.valuation.chartLabel')} priceLabel={t('market.valuation.yourPrice')} />
                </Suspense>
              </>
            )}
          </div>
        ))}
      </Space>
    </div>
  );
}
