// The regulator's off-venue deals, read from the ledger with the regulator's identity: each marked off-venue with its
// transaction and block, and their totals, counted apart from the exchange's trades.
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { ClassificationTag, Money, ProblemAlert, emptyText } from '../../ui';
import { formatMoney } from '../../lib/money';
import './parts';

type LedgerDeal = Schemas['OffVenueViews.LedgerDealView'];
type Bucket = Schemas['OffVenueViews.Bucket'];

function Buckets({ title, rows, label }: { title: string; rows: Bucket[]; label: (k: string) => string }) {
  return (
    <Card size="small" title={title}>
      {rows.map((b) => <div key={b.key}>{label(b.key)}: {b.deals} · {formatMoney(b.valueMinor, 'CNY')}</div>)}
    </Card>
  );
}

export default function RegulatorDeals() {
  const { t } = useTranslation();
  const deals = useQuery({ queryKey: ['regulator-off-venue-deals'], queryFn: () => call(api.GET('/api/regulator/off-venue-deals')) });
  const d = deals.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('offVenue.regulator.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('offVenue.regulator.intro')}</Typography.Paragraph>
      <ProblemAlert error={deals.error} />
      {d && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('offVenue.regulator.deals')} value={d.totalDeals} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('offVenue.regulator.value')} value={formatMoney(d.totalValueMinor, 'CNY')} /></Card></Col>
          <Col xs={24} md={4}><Buckets title={t('offVenue.regulator.perIndustry')} rows={d.perIndustry} label={(k) => t(`industry.${k}`)} /></Col>
          <Col xs={24} md={4}><Buckets title={t('offVenue.regulator.perClassification')} rows={d.perClassification} label={(k) => t(`classification.${k}`)} /></Col>
          <Col xs={24} md={4}><Buckets title={t('offVenue.regulator.perPlanKind')} rows={d.perPlanKind} label={(k) => t(`planKind.${k}`)} /></Col>
        </Row>
      )}
      <Table<LedgerDeal> rowKey="dealId" loading={deals.isPending} dataSource={d?.deals ?? []} pagination={{ pageSize: 20 }}
        locale={{ emptyText: emptyText(t('offVenue.regulator.none')) }}
        onRow={(r) => ({ 'data-testid': 'ledger-deal-row', 'data-deal': r.dealId } as never)}
        expandable={{ expandedRowRender: (r) => (
          <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px' }}>
            <dt>{t('offVenue.deals.licence')}</dt><dd style={{ margin: 0 }}>{r.licenceSummary}</dd>
            <dt>{t('offVenue.deals.scenario')}</dt><dd style={{ margin: 0 }}>{r.scenario}</dd>
            <dt>{t('offVenue.deals.productDigest')}</dt><dd style={{ margin: 0 }} className="mono">{r.productDigest}</dd>
            <dt>{t('offVenue.regulator.verifiedBy')}</dt><dd style={{ margin: 0 }} className="mono">{r.verifiedBy}</dd>
            <dt>{t('offVenue.deals.transaction')}</dt><dd style={{ margin: 0 }} className="mono">{r.transactionId}</dd>
          </dl>
        ) }}
        columns={[
          { title: '', key: 'venue', render: (_, r) => <Tag color="#6b3fa0" data-testid="venue-tag" data-venue={r.venue}>{t('offVenue.regulator.venue')}</Tag> },
          { title: t('offVenue.deals.merchant'), key: 'm', render: (_, r) => <>{r.merchantName ?? ''} <span className="mono">{r.merchantId}</span></> },
          { title: t('offVenue.deals.buyer'), key: 'b', render: (_, r) => <>{r.buyerName ?? ''} <span className="mono">{r.buyerId}</span></> },
          { title: t('offVenue.deals.price'), key: 'p', render: (_, r) => <Money minor={r.amountMinor} currency={r.currency} /> },
          { title: t('offVenue.deals.classification'), key: 'c', render: (_, r) => <ClassificationTag level={r.classification} /> },
          { title: t('offVenue.deals.dealDate'), dataIndex: 'dealDate' },
          { title: t('offVenue.regulator.recordedAt'), dataIndex: 'recordedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('offVenue.regulator.block'), dataIndex: 'blockNumber', render: (v: number) => <span data-testid="deal-block">{v}</span> },
          { title: t('offVenue.deals.transaction'), dataIndex: 'transactionId', render: (v: string) => <span className="mono" title={v} style={{ whiteSpace: 'nowrap' }}>{v.slice(0, 8)}…</span> },
        ]} />
    </>
  );
}
