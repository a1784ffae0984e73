import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Flex, Grid, List, Row, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { useSession } from '../auth/session';
import { licenceSentences, type Lang } from '../lib/licence';
import { ClassificationTag, DeliveryModeIcons, GateBadges, LinkButton, PlanInWords, ProblemAlert } from '../ui';
import { useLocalText } from '../lib/localText';
import { orderPath } from '../lib/orderPath';
import { RatingsCard } from './market/RatingsCard';
import { ValuationCard } from './market/ValuationCard';

/** Orders whose licence the buyer holds (or is about to): the call to action leads to them instead of selling again. */
const HOLDING = ['PAID', 'SETTLING', 'SETTLED', 'DELIVERED'];

export default function ProductSheet() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const local = useLocalText();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const { account } = useSession();
  const [showOdrl, setShowOdrl] = useState(false);

  const sheet = useQuery({
    queryKey: ['product', id, account?.id],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id } } })),
  });
  const orders = useQuery({
    queryKey: ['orders'],
    queryFn: () => call(api.GET('/api/orders')),
    enabled: account?.role === 'BUYER' || account?.role === 'MERCHANT',
  });

  // For ./exchange bench-store: when a sheet is on screen.
  const shownId = sheet.data?.id;
  useEffect(() => {
    if (shownId) performance.mark('product-sheet-shown');
  }, [shownId]);

  if (sheet.isPending) return <Skeleton active />;
  if (sheet.error) return <ProblemAlert error={sheet.error} />;
  const p = sheet.data;
  const held = orders.data?.find((o) => o.productId === p.id && HOLDING.includes(o.status));
  const royaltiesBp = (p.derivedFrom ?? []).reduce((sum, d) => sum + d.royaltyBp, 0);

  // Buyers order; so do merchants, buying a licence (to derive from it), but never their own product. A merchant's
  // licences live in its console.
  const mayOrder = !account || account.role === 'BUYER'
    || (account.role === 'MERCHANT' && account.organisation.id !== p.merchant.organisationId);
  const cta = held ? (
    <LinkButton to={orderPath(account?.role, held.id)} type="primary" size="large" data-testid="view-licence">{t('sheet.viewLicence')}</LinkButton>
  ) : !mayOrder ? null : (
    <LinkButton to={account ? `/products/${p.id}/order` : '/signin'} state={{ from: `/products/${p.id}/order` }}
      type="primary" size="large" data-testid="order-button">{t('sheet.order')}</LinkButton>
  );

  const section = (title: string, body: React.ReactNode) => (
    <Card title={<Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>{title}</Typography.Title>} size="small" style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );

  return (
    <>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div>
          <Typography.Text type="secondary">{t('sheet.kind')}</Typography.Text>
          <Typography.Title level={1} style={{ fontSize: 26, marginTop: 4 }}>{local(p.title, p.titleEn)}</Typography.Title>
          <Space wrap size={[4, 4]}>
            <ClassificationTag level={p.classification.level} />
            <GateBadges level={p.classification.level} requiresApproval={p.classification.requiresRegulatorApproval}
              crossBorderAllowed={p.compliance.crossBorderAllowed} />
            {p.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}
          </Space>
        </div>
        {cta}
      </Flex>
      {held && <Typography.Paragraph style={{ marginTop: 8 }}>{t('sheet.alreadyHeld')}</Typography.Paragraph>}

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={15}>
          {section(t('sheet.overview'), (
            <>
              <Typography.Paragraph>{local(p.description, p.descriptionEn)}</Typography.Paragraph>
              <Descriptions column={1} size="small" items={[
                { key: 'm', label: t('sheet.merchant'), children: `${p.merchant.name}（${p.merchant.creditCode}）` },
                { key: 'i', label: t('catalogue.filter.industry'), children: t(`industry.${p.industry}`) },
                { key: 's', label: t('catalogue.filter.sourceType'), children: t(`sourceType.${p.sourceType}`) },
                { key: 'c', label: t('sheet.category'), children: p.classification.category },
                { key: 'n', label: t('sheet.tradingNote'), children: p.classification.tradingNote },
              ]} />
            </>
          ))}
          {section(t('sheet.schema'), (
            <Table size="small" pagination={false} rowKey="name" dataSource={p.schema} columns={[
              { title: t('sheet.field'), dataIndex: 'name', render: (v: string) => <code>{v}</code> },
              { title: t('sheet.type'), dataIndex: 'type' },
              { title: t('sheet.meaning'), dataIndex: 'description' },
            ]} />
          ))}
          {section(t('sheet.samples'), (
            <Table size="small" pagination={false} scroll={{ x: true }} rowKey={(_, i) => String(i)}
              dataSource={p.sampleRows as Record<string, unknown>[]}
              columns={p.schema.map((f) => ({ title: f.name, dataIndex: f.name, render: (v: unknown) => String(v ?? '') }))} />
          ))}
          {(p.derivedFrom ?? []).length > 0 && section(t('sheet.derivedFrom'), (
            <div data-testid="derived-from">
              <Typography.Paragraph>{t('sheet.derivedFromNote')}</Typography.Paragraph>
              <ul>
                {p.derivedFrom.map((d) => (
                  <li key={d.certificateId}>
                    {/* underlined: a link inside a line of text must not be told apart by its colour alone */}
                    <Link to={`/products/${d.productId}`} style={{ textDecoration: 'underline' }}>{local(d.title, d.titleEn)}</Link>
                    {` · ${d.merchantName} · ${t('sheet.royaltyOf', { percent: d.royaltyBp / 100 })}`}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {section(t('sheet.licence'), (
            <>
              <Typography.Paragraph strong>{t(`template.${p.licence.template}`)}</Typography.Paragraph>
              <ul data-testid="licence-sentences">
                {licenceSentences(p.licence.terms, lang).map((s) => <li key={s}>{s}</li>)}
              </ul>
              <Space>
                <Switch id="odrl-toggle" checked={showOdrl} onChange={setShowOdrl} />
                <label htmlFor="odrl-toggle">{t('sheet.showOdrl')}</label>
              </Space>
              {showOdrl && <pre className="odrl" tabIndex={0} aria-label="ODRL">{JSON.stringify(p.licence.odrl, null, 2)}</pre>}
            </>
          ))}
          {section(t('sheet.versions'), <VersionsOnLedger versions={p.versions} />)}
          {section(t('market.ratings.title'), <RatingsCard productId={p.id} />)}
        </Col>
        <Col xs={24} lg={9}>
          {section(t('sheet.pricing'), (
            <List size="small" dataSource={p.pricingPlans} renderItem={(plan) => (
              <List.Item key={plan.id}>
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{t(`planKind.${plan.kind}`)}</Typography.Text>
                  <Typography.Text><PlanInWords plan={plan} /></Typography.Text>
                </Space>
              </List.Item>
            )} />
          ))}
          {section(t('market.valuation.title'), <ValuationCard productId={p.id} />)}
          {section(t('sheet.coverage'), (
            <Descriptions column={1} size="small" items={[
              { key: 'src', label: t('sheet.sources'), children: p.provenance.sources.join('、') },
              { key: 'range', label: t('sheet.timeRange'), children: `${p.provenance.collectedFrom} — ${p.provenance.collectedTo ?? t('sheet.ongoing')}` },
              { key: 'vol', label: t('sheet.volume'), children: p.provenance.volumeRecords.toLocaleString() },
              { key: 'freq', label: t('sheet.updateFrequency'), children: p.provenance.updateFrequency },
            ]} />
          ))}
          {section(t('sheet.quality'), (
            <Descriptions column={1} size="small" items={[
              { key: 'c', label: t('sheet.completeness'), children: `${p.quality.completenessPercent}%` },
              { key: 'a', label: t('sheet.accuracy'), children: `${p.quality.accuracyPercent}%` },
              { key: 'm', label: t('sheet.method'), children: p.quality.method },
            ]} />
          ))}
          {section(t('sheet.contributors'), (
            // A derived product's parent royalties come out of its merchant's share: each is a line of its own, so the
            // lines add up to the whole price.
            <List size="small" data-testid="revenue-shares" dataSource={[
              { key: 'merchant', name: royaltiesBp > 0 ? t('sheet.merchantAfterRoyalties', { merchant: p.merchant.name }) : p.merchant.name,
                bp: p.revenueShares.merchantBp - royaltiesBp },
              ...(p.derivedFrom ?? []).map((d) => ({ key: `royalty-${d.certificateId}`, bp: d.royaltyBp,
                name: t('sheet.royaltyLine', { merchant: d.merchantName, product: local(d.title, d.titleEn), certificate: d.certificateId }) })),
              ...p.revenueShares.contributors.map((c, i) => ({ key: `contributor-${i}`, name: c.name, bp: c.shareBp })),
              { key: 'platform', name: t('sheet.platformFee'), bp: p.revenueShares.platformFeeBp },
            ]} renderItem={(c) => (
              // the share keeps its own column on a narrow screen, beside a name of several lines, never under it
              <List.Item key={c.key} data-testid={`share-${c.key}`} style={{ flexWrap: 'nowrap', alignItems: 'flex-start', gap: 12 }}>
                <span style={{ minWidth: 0 }}>{c.name}</span><span style={{ whiteSpace: 'nowrap' }}>{(c.bp / 100).toFixed(2)}%</span>
              </List.Item>
            )} />
          ))}
          {section(t('sheet.delivery'), (
            <Space direction="vertical">
              <DeliveryModeIcons modes={p.deliveryModes} />
              <span>{p.deliveryModes.map((m) => t(`delivery.${m}`)).join('、')}</span>
            </Space>
          ))}
          {section(t('sheet.compliance'), (
            <Descriptions column={1} size="small" items={[
              { key: 'f', label: t('sheet.filing'), children: p.compliance.filingReference ?? t('sheet.notNeeded') },
              { key: 'x', label: t('sheet.crossBorder'), children: p.compliance.crossBorderAllowed ? t('sheet.yes') : t('gate.domesticOnly') },
              { key: 'p', label: t('sheet.personalData'), children: p.compliance.personalData ? `${t(`personalBasis.${p.compliance.personalData.kind}`)} · ${p.compliance.personalData.reference}` : t('sheet.notNeeded') },
            ]} />
          ))}
        </Col>
      </Row>
    </>
  );
}

/**
 * The versions and where the ledger recorded them. Each digest is 64 characters that must be shown whole (a buyer
 * compares them with the file and the ledger): on a wide screen a table whose short columns (version, block) keep a
 * fixed width and their heading on one line while the two digests share the rest, each on two or three lines; on a
 * narrow one each version is a small card of its own, label above value, so nothing is squeezed to one character a line.
 */
function VersionsOnLedger({ versions }: { versions: Schemas['ProductSheet.Version'][] }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const noWrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
  if (!screens.md) {
    return (
      <div data-testid="sheet-versions">
        {versions.map((v) => (
          <Descriptions key={v.version} size="small" bordered column={1} layout="vertical" style={{ marginBottom: 12 }}
            items={[
              { key: 'v', label: t('sheet.version'), children: v.version },
              { key: 'h', label: 'SHA-256', children: <span className="mono">{v.sha256}</span> },
              { key: 'tx', label: t('sheet.ledgerTx'), children: v.ledgerTxId ? <span className="mono">{v.ledgerTxId}</span> : '—' },
              { key: 'b', label: t('sheet.block'), children: v.ledgerBlock ?? '—' },
            ]} />
        ))}
      </div>
    );
  }
  return (
    <Table size="small" pagination={false} rowKey="version" dataSource={versions} tableLayout="fixed" data-testid="sheet-versions"
      columns={[
        { title: t('sheet.version'), dataIndex: 'version', width: 80, onHeaderCell: noWrap, onCell: noWrap },
        { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('sheet.ledgerTx'), dataIndex: 'ledgerTxId', onHeaderCell: noWrap,
          render: (v?: string | null) => v ? <span className="mono">{v}</span> : '—' },
        { title: t('sheet.block'), dataIndex: 'ledgerBlock', width: 72, align: 'right', onHeaderCell: noWrap, onCell: noWrap,
          render: (v?: number | null) => v ?? '—' },
      ]} />
  );
}
