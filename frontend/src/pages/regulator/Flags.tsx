import { Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { ClassificationTag, emptyText, Money, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { CrossBorderTag, PartyName } from './shared';

const at = (v?: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** What needs the regulator's attention: gated trades, refiling, complaints, refunds on the ledger, trades the books missed. */
export default function Flags() {
  const { t } = useTranslation();
  const flags = useQuery({ queryKey: ['regulator', 'flags'], queryFn: () => call(api.GET('/api/regulator/flags')) });
  if (flags.error) return <ProblemAlert error={flags.error} />;
  if (!flags.data) return <Skeleton active />;
  const f = flags.data;
  const label = (key: string, count: number) => <span>{t(`regulator.flags.${key}`)} <Tag>{count}</Tag></span>;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.flags.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.flags.intro')}</Typography.Paragraph>
      <Tabs items={[
        {
          key: 'gated', label: label('gated', f.gatedTrades.length), children: (
            <Table size="small" rowKey={(r) => r.request.tradeId} dataSource={f.gatedTrades} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: emptyText(t('regulator.flags.noneGated')) }} columns={[
                { title: t('regulator.trades.time'), dataIndex: 'recordedAt', render: at },
                { title: t('regulator.trades.product'), key: 'p', render: (_, r) => <ProductTitle id={r.request.productId} /> },
                { title: t('regulator.trades.buyer'), key: 'b', render: (_, r) => <PartyName code={r.request.buyerId} /> },
                { title: t('regulator.common.classification'), dataIndex: 'classificationLevel', render: (c: string) => <ClassificationTag level={c} /> },
                { title: t('regulator.common.crossBorder'), dataIndex: 'crossBorder', render: (c: boolean) => <CrossBorderTag crossBorder={c} /> },
                { title: t('regulator.trades.regulatorApproval'), key: 'ra', render: (_, r) => r.request.approvals?.regulatorApprovalRef || '—' },
                { title: t('regulator.trades.exportAssessment'), key: 'ea', render: (_, r) => r.request.approvals?.exportAssessmentRef || '—' },
                { title: t('regulator.common.amount'), key: 'amt', align: 'right', render: (_, r) => <Money minor={r.request.amount} currency={r.request.currency} /> },
                { title: t('regulator.common.transaction'), dataIndex: 'txId', render: (tx: string) => <Link className="mono" to={`/regulator/blocks/tx/${encodeURIComponent(tx)}`}>{tx.slice(0, 12)}…</Link> },
              ]} />
          ),
        },
        {
          key: 'refiling', label: label('refiling', f.refilingRequired.length), children: (
            <Table size="small" rowKey="id" dataSource={f.refilingRequired} pagination={false}
              locale={{ emptyText: emptyText(t('regulator.flags.noneRefiling')) }} columns={[
                { title: t('regulator.trades.product'), dataIndex: 'title' },
                { title: t('regulator.trades.merchant'), dataIndex: 'merchantName' },
                { title: t('regulator.common.classification'), dataIndex: 'classificationLevel', render: (c: string) => <ClassificationTag level={c} /> },
                { title: t('regulator.flags.category'), dataIndex: 'category' },
              ]} />
          ),
        },
        {
          key: 'complaints', label: label('complaints', f.complaints.length), children: (
            <Table size="small" rowKey="id" dataSource={f.complaints} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: emptyText(t('regulator.flags.noneComplaints')) }} columns={[
                { title: t('regulator.flags.filed'), dataIndex: 'createdAt', render: at },
                { title: t('regulator.trades.tradeId'), dataIndex: 'orderId', render: (id: string) => <span className="mono">{id}</span> },
                { title: t('regulator.flags.filedBy'), dataIndex: 'filedByRole', render: (r: string) => t(`regulator.flags.roles.${r}`, { defaultValue: r }) },
                { title: t('regulator.flags.text'), dataIndex: 'text' },
                { title: t('regulator.flags.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'OPEN' ? '#9a4a00' : '#1f4e99'}>{t(`regulator.flags.complaintStatus.${s}`)}</Tag> },
                { title: t('regulator.flags.decisionNote'), dataIndex: 'decisionNote', render: (n?: string | null) => n || '—' },
                { title: t('regulator.flags.decidedAt'), dataIndex: 'decidedAt', render: at },
              ]} />
          ),
        },
        {
          key: 'refunds', label: label('refunds', f.refunds.length), children: (
            <Table size="small" rowKey={(o) => o.request.outcomeId} dataSource={f.refunds} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: emptyText(t('regulator.flags.noneRefunds')) }} columns={[
                { title: t('regulator.flags.recorded'), dataIndex: 'recordedAt', render: at },
                { title: t('regulator.trades.tradeId'), key: 'trade', render: (_, o) => <span className="mono">{o.request.tradeId}</span> },
                { title: t('regulator.flags.status'), key: 'decision', render: (_, o) => t(`regulator.flags.complaintStatus.${o.request.decision}`) },
                { title: t('regulator.flags.refund'), key: 'refund', align: 'right', render: (_, o) => <Money minor={o.request.refundAmount} currency={o.request.currency} /> },
                { title: t('regulator.flags.tradeAmount'), dataIndex: 'tradeAmount', align: 'right', render: (m: number, o) => <Money minor={m} currency={o.request.currency} /> },
                { title: t('regulator.common.transaction'), dataIndex: 'txId', render: (tx: string) => <Link className="mono" to={`/regulator/blocks/tx/${encodeURIComponent(tx)}`}>{tx.slice(0, 12)}…</Link> },
              ]} />
          ),
        },
        {
          key: 'unbooked', label: label('unbooked', f.unbookedTrades.length), children: (
            <Table size="small" rowKey="tradeId" dataSource={f.unbookedTrades} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: emptyText(t('regulator.flags.noneUnbooked')) }} columns={[
                { title: t('regulator.flags.found'), dataIndex: 'foundAt', render: at },
                { title: t('regulator.trades.tradeId'), dataIndex: 'tradeId', render: (id: string) => <span className="mono">{id}</span> },
                { title: t('regulator.common.block'), dataIndex: 'blockNumber', render: (n: number) => <Link to={`/regulator/blocks/${n}`}>#{n}</Link> },
                { title: t('regulator.flags.status'), dataIndex: 'state', render: (s: string) => <Tag color={s === 'RESOLVED' ? '#2e6b30' : '#a61b1b'}>{t(`regulator.flags.unbookedState.${s}`)}</Tag> },
                { title: t('regulator.recon.detail'), dataIndex: 'detail' },
              ]} />
          ),
        },
      ]} />
    </>
  );
}
