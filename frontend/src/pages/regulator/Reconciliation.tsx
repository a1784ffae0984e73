import { Alert, Button, Card, Col, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { formatMoney } from '../../lib/money';
import { emptyText, Money, ProblemAlert } from '../../ui';

type Difference = Schemas['Reconciliation.Difference'];

/** The exchange's books against the ledger: every difference listed with its amounts, and the totals of both sides. */
export default function Reconciliation() {
  const { t } = useTranslation();
  const report = useQuery({ queryKey: ['regulator', 'reconciliation'], queryFn: () => call(api.GET('/api/regulator/reconciliation')) });
  const currency = 'CNY';
  const r = report.data;
  const money = (m: number) => formatMoney(m, currency);
  const booksSum = r?.differences.reduce((s, d) => s + (d.booksAmountMinor ?? 0), 0) ?? 0;
  const ledgerSum = r?.differences.reduce((s, d) => s + (d.ledgerAmountMinor ?? 0), 0) ?? 0;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.recon.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.recon.intro')}</Typography.Paragraph>
      <Button icon={<ReloadOutlined />} loading={report.isFetching} onClick={() => void report.refetch()} style={{ marginBottom: 16 }} data-testid="reconcile">
        {t('regulator.recon.run')}
      </Button>
      <ProblemAlert error={report.error} />
      {!r ? <Skeleton active /> : (
        <>
          {r.differences.length === 0 ? (
            <Alert type="success" showIcon data-testid="recon-verdict" data-differences="0" style={{ marginBottom: 16 }}
              title={t('regulator.recon.agree')} description={t('regulator.recon.checkedAt', { at: dayjs(r.checkedAt).format('YYYY-MM-DD HH:mm:ss') })} />
          ) : (
            <Alert type="error" showIcon data-testid="recon-verdict" data-differences={r.differences.length} style={{ marginBottom: 16 }}
              title={t('regulator.recon.differ', { count: r.differences.length })} description={t('regulator.recon.checkedAt', { at: dayjs(r.checkedAt).format('YYYY-MM-DD HH:mm:ss') })} />
          )}
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.ordersInBooks')} value={r.totals.ordersInBooks} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.tradesOnLedger')} value={r.totals.tradesOnLedger} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.booksAmount')} value={money(r.totals.booksAmountMinor)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.ledgerAmount')} value={money(r.totals.ledgerAmountMinor)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.refundsInBooks')} value={`${r.totals.refundsInBooks} · ${money(r.totals.booksRefundedMinor)}`} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.refundsOnLedger')} value={`${r.totals.refundsOnLedger} · ${money(r.totals.ledgerRefundedMinor)}`} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('regulator.recon.differences')} value={r.totals.differences} /></Card></Col>
          </Row>
          <Table<Difference>
            size="small"
            rowKey={(d, i) => `${d.kind}-${d.tradeId}-${i}`}
            dataSource={r.differences}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: emptyText(t('regulator.recon.none')) }}
            columns={[
              { title: t('regulator.recon.kind'), dataIndex: 'kind', render: (k: string) => <Tag color="#a61b1b">{t(`regulator.recon.kinds.${k}`)}</Tag> },
              { title: t('regulator.trades.tradeId'), dataIndex: 'tradeId', render: (id: string) => <span className="mono">{id}</span> },
              { title: t('regulator.recon.books'), dataIndex: 'booksAmountMinor', align: 'right', render: (m?: number | null) => m == null ? '—' : <Money minor={m} currency={currency} /> },
              { title: t('regulator.recon.ledger'), dataIndex: 'ledgerAmountMinor', align: 'right', render: (m?: number | null) => m == null ? '—' : <Money minor={m} currency={currency} /> },
              { title: t('regulator.recon.gap'), key: 'gap', align: 'right', render: (_, d) => <Money minor={(d.ledgerAmountMinor ?? 0) - (d.booksAmountMinor ?? 0)} currency={currency} /> },
              { title: t('regulator.recon.detail'), dataIndex: 'detail' },
            ]}
            summary={() => r.differences.length === 0 ? null : (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}><strong>{t('regulator.recon.total')}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><Money minor={booksSum} currency={currency} /></Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right"><Money minor={ledgerSum} currency={currency} /></Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right"><Money minor={ledgerSum - booksSum} currency={currency} /></Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </>
  );
}
