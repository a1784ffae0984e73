import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { CLASSIFICATIONS, INDUSTRIES } from '../../lib/urlState';
import { ClassificationTag, emptyText, Money, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { CrossBorderTag, fetchTrades, Hash, IndustryName, localName, PartyName, rangeQuery, saveFile, stamp, textOf, useParties, type LedgerTrade } from './shared';

const PAGE = 20;

interface Filters {
  range?: [Dayjs, Dayjs] | null;
  product?: string;
  merchant?: string;
  buyer?: string;
  industry?: string;
  classification?: string;
  crossBorder?: 'yes' | 'no';
}

function toQuery(f: Filters) {
  return {
    ...rangeQuery(f.range),
    product: f.product?.trim() || undefined,
    merchant: f.merchant,
    buyer: f.buyer,
    industry: f.industry,
    classification: f.classification,
    crossBorder: f.crossBorder === undefined ? undefined : f.crossBorder === 'yes',
  };
}

/** The trade ledger as the regulator reads it from the ledger: filters, a page at a time, each trade's lines and block. */
export default function Trades() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  // The ledger pages with bookmarks: the bookmarks of the pages seen so far, to go back.
  const [bookmarks, setBookmarks] = useState<string[]>(['']);
  const parties = useParties();
  const query = toQuery(filters);
  const bookmark = bookmarks[bookmarks.length - 1];
  const trades = useQuery({
    queryKey: ['regulator', 'trades', query, bookmark],
    queryFn: () => fetchTrades({ ...query, size: PAGE, bookmark: bookmark || undefined }),
  });
  const exportCsv = useMutation({
    mutationFn: () => textOf(api.GET('/api/regulator/trades', { params: { query }, headers: { Accept: 'text/csv' }, parseAs: 'text' })),
    onSuccess: (csv) => saveFile(`ledger-trades-${stamp()}.csv`, csv, 'text/csv;charset=utf-8'),
  });
  const exportJson = useMutation({
    mutationFn: async () => {
      const all: LedgerTrade[] = [];
      let next = '';
      do {
        const page = await fetchTrades({ ...query, size: 500, bookmark: next || undefined });
        all.push(...page.records);
        next = page.bookmark;
      } while (next);
      return all;
    },
    onSuccess: (all) => saveFile(`ledger-trades-${stamp()}.json`, JSON.stringify({ query, trades: all }, null, 2), 'application/json'),
  });
  const partyOptions = (kind: string) => (parties.data ?? []).filter((p) => p.kind === kind)
    .map((p) => ({ value: p.creditCode, label: localName(p.name, i18n.language) }));
  const apply = (values: Filters) => {
    setFilters(values);
    setBookmarks(['']);
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.trades.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.trades.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 8 }}>
          <Form.Item name="range" label={t('regulator.common.range')}>
            <DatePicker.RangePicker maxDate={dayjs()} />
          </Form.Item>
          <Form.Item name="product" label={t('regulator.trades.product')}>
            <Input allowClear placeholder={t('regulator.trades.productId')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="merchant" label={t('regulator.trades.merchant')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }}
              placeholder={t('regulator.common.all')} options={partyOptions('MERCHANT')} />
          </Form.Item>
          <Form.Item name="buyer" label={t('regulator.trades.buyer')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }}
              placeholder={t('regulator.common.all')} options={partyOptions('BUYER')} />
          </Form.Item>
          <Form.Item name="industry" label={t('regulator.common.industry')}>
            <Select allowClear style={{ width: 130 }} placeholder={t('regulator.common.all')}
              options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
          </Form.Item>
          <Form.Item name="classification" label={t('regulator.common.classification')}>
            <Select allowClear style={{ width: 120 }} placeholder={t('regulator.common.all')}
              options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} />
          </Form.Item>
          <Form.Item name="crossBorder" label={t('regulator.common.crossBorder')}>
            <Select allowClear style={{ width: 110 }} placeholder={t('regulator.common.all')}
              options={[{ value: 'yes', label: t('regulator.common.crossBorder') }, { value: 'no', label: t('regulator.common.domestic') }]} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="trades-search">{t('regulator.common.search')}</Button>
            <Button onClick={() => { form.resetFields(); apply({}); }}>{t('regulator.common.reset')}</Button>
            <Button icon={<DownloadOutlined />} loading={exportCsv.isPending} onClick={() => exportCsv.mutate()} data-testid="trades-export-csv">
              {t('regulator.common.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exportJson.isPending} onClick={() => exportJson.mutate()} data-testid="trades-export-json">
              {t('regulator.common.exportJson')}
            </Button>
          </Space>
        </Form>
      </Card>
      <ProblemAlert error={trades.error ?? exportCsv.error ?? exportJson.error} />
      <Table<LedgerTrade>
        size="small"
        data-testid="trades-table"
        loading={trades.isPending}
        rowKey={(r) => r.request.tradeId}
        dataSource={trades.data?.records}
        pagination={false}
        locale={{ emptyText: emptyText(t('regulator.trades.none')) }}
        expandable={{ expandedRowRender: (r) => <TradeLines trade={r} />, rowExpandable: () => true }}
        // Short cells stay on one line (an industry name wrapped a character per line); a narrow window scrolls instead.
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('regulator.trades.time'), dataIndex: 'recordedAt', onCell: nowrap, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('regulator.trades.product'), key: 'product', render: (_, r) => <><ProductTitle id={r.request.productId} /> <Typography.Text type="secondary">v{r.request.version}</Typography.Text></> },
          { title: t('regulator.trades.merchant'), key: 'merchant', render: (_, r) => <PartyName code={r.request.sellerId} /> },
          { title: t('regulator.trades.buyer'), key: 'buyer', render: (_, r) => <PartyName code={r.request.buyerId} /> },
          { title: t('regulator.common.industry'), dataIndex: 'industry', onCell: nowrap, render: (i: string) => <IndustryName industry={i} /> },
          { title: t('regulator.common.classification'), dataIndex: 'classificationLevel', onCell: nowrap, render: (c: string) => <ClassificationTag level={c} /> },
          { title: t('regulator.common.crossBorder'), dataIndex: 'crossBorder', onCell: nowrap, render: (c: boolean) => <CrossBorderTag crossBorder={c} /> },
          { title: t('regulator.common.amount'), key: 'amount', align: 'right', onCell: nowrap, render: (_, r) => <Money minor={r.request.amount} currency={r.request.currency} /> },
          // From the exchange's books: the order was placed by accepting an answer to a buyer's need (交易撮合).
          { title: t('market.matched'), dataIndex: 'matched', onCell: nowrap, render: (m: boolean) => (m ? <Tag color="#5b2a86" data-testid="trade-matched">{t('market.matched')}</Tag> : null) },
          { title: t('regulator.common.block'), dataIndex: 'blockNumber', width: 72, render: (n: number) => <Link to={`/regulator/blocks/${n}`} data-testid="trade-block-link">#{n}</Link> },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button icon={<LeftOutlined />} disabled={bookmarks.length < 2} onClick={() => setBookmarks((b) => b.slice(0, -1))}>{t('regulator.common.previous')}</Button>
        <Button disabled={!trades.data?.bookmark} onClick={() => trades.data && setBookmarks((b) => [...b, trades.data.bookmark])}>
          {t('regulator.common.next')} <RightOutlined />
        </Button>
        <Typography.Text type="secondary">{t('regulator.trades.page', { page: bookmarks.length })}</Typography.Text>
      </Space>
    </>
  );
}

function nowrap() {
  return { style: { whiteSpace: 'nowrap' as const } };
}

/** One trade's split lines, gate approvals, places and hashes, as the ledger recorded them. */
function TradeLines({ trade }: { trade: LedgerTrade }) {
  const { t } = useTranslation();
  const r = trade.request;
  const a = r.approvals;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}>
      <div>
        <Typography.Title level={2} style={{ fontSize: 14 }}>{t('regulator.trades.split')}</Typography.Title>
        <Table size="small" pagination={false} rowKey={(l) => `${l.party}-${l.role}`} dataSource={r.splitLines} columns={[
          { title: t('regulator.trades.party'), dataIndex: 'party', render: (p: string) => <PartyName code={p} /> },
          { title: t('regulator.trades.role'), dataIndex: 'role', render: (role: string) => t(`regulator.splitRole.${role}`) },
          { title: t('regulator.common.amount'), dataIndex: 'amount', align: 'right', render: (m: number) => <Money minor={m} currency={r.currency} /> },
        ]} />
      </div>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('regulator.trades.tradeId')}><span className="mono">{r.tradeId}</span></Descriptions.Item>
        <Descriptions.Item label={t('regulator.common.transaction')}>
          <Link to={`/regulator/blocks/tx/${encodeURIComponent(trade.txId)}`} className="mono">{trade.txId.slice(0, 16)}…</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('regulator.trades.locations')}>{r.buyerLocation} → {r.deliveryLocation}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.trades.regulatorApproval')}>{a?.regulatorApprovalRef || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.trades.securityAgreement')}><Hash value={a?.securityAgreementRef} /></Descriptions.Item>
        <Descriptions.Item label={t('regulator.trades.exportAssessment')}>{a?.exportAssessmentRef || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.trades.agreementHash')}><Hash value={r.agreementHash} /></Descriptions.Item>
        <Descriptions.Item label={t('regulator.trades.contentDigest')}><Hash value={r.contentDigest} /></Descriptions.Item>
      </Descriptions>
    </div>
  );
}
