// The data assets (数据资产入表) of a buyer, or of a merchant's own purchases: the licences its organisation holds with cost, term and straight-line
// amortisation per month, each row traced to its ledger transaction; exported as CSV or XLSX for the books.
import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, ApiError, call } from '../api/client';
import { emptyText, Money, ProblemAlert } from '../ui';
import { useSession } from '../auth/session';
import { orderPath } from '../lib/orderPath';

type Format = 'csv' | 'xlsx';

/** The export is fetched with the session, then handed to the browser as a file. */
function ExportButton({ format, onError }: { format: Format; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    onError(null);
    try {
      const { data, response } = await api.GET('/api/data-assets/export', { params: { query: { format } }, parseAs: 'blob' });
      if (!response.ok || !data) throw new ApiError({ title: response.statusText || 'Error', status: response.status });
      const url = URL.createObjectURL(data as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `data-assets.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void save()} data-testid={`assets-export-${format}`}>
      {t(format === 'csv' ? 'assets.exportCsv' : 'assets.exportXlsx')}
    </Button>
  );
}

export default function DataAssets() {
  const { t } = useTranslation();
  // A buyer's orders, or a merchant's licences held in its console: each opens where its holder takes delivery.
  const { account } = useSession();
  const orderLink = (orderId: string) => orderPath(account?.role, orderId);
  const [exportError, setExportError] = useState<unknown>(null);
  const assets = useQuery({ queryKey: ['data-assets'], queryFn: () => call(api.GET('/api/data-assets')) });
  const thisMonth = dayjs().format('YYYY-MM');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('assets.title')}</Typography.Title>
      <Typography.Paragraph>{t('assets.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <ExportButton format="csv" onError={setExportError} />
          <ExportButton format="xlsx" onError={setExportError} />
        </Space>
      </Card>
      <ProblemAlert error={assets.error ?? exportError} />
      <Table size="small" rowKey="orderId" loading={assets.isPending} dataSource={assets.data ?? []} scroll={{ x: 960 }}
        locale={{ emptyText: emptyText(t('assets.none')) }} data-testid="assets-table"
        expandable={{
          expandedRowRender: (a) => (
            <Table size="small" pagination={false} rowKey="month" dataSource={a.amortisation} data-testid={`amortisation-${a.orderId}`} columns={[
              { title: t('assets.term'), dataIndex: 'month' },
              { title: t('assets.monthly'), dataIndex: 'chargeMinor', align: 'right', render: (m: number) => <Money minor={m} currency={a.currency} /> },
              { title: t('assets.carrying'), dataIndex: 'carryingMinor', align: 'right', render: (m: number) => <Money minor={m} currency={a.currency} /> },
            ]} />
          ),
        }}
        columns={[
          { title: t('assets.product'), dataIndex: 'productTitle', render: (title: string, a) => <Link to={orderLink(a.orderId)}>{title}</Link> },
          { title: t('assets.merchant'), dataIndex: 'merchant' },
          { title: t('assets.plan'), dataIndex: 'planKind', render: (k: string) => t(`planKind.${k}`, { defaultValue: k }) },
          { title: t('assets.cost'), dataIndex: 'costMinor', align: 'right',
            render: (m: number, a) => <span data-testid={`asset-cost-${a.orderId}`}><Money minor={m} currency={a.currency} /></span> },
          { title: t('assets.term'), key: 'term',
            render: (_: unknown, a) => <>{dayjs(a.termFrom).format('YYYY-MM-DD')} – {dayjs(a.termUntil).format('YYYY-MM-DD')} {a.revoked && <Tag color="#a61b1b">{t('assets.revoked')}</Tag>}</> },
          { title: t('assets.months'), dataIndex: 'months', align: 'right' },
          { title: t('assets.monthly'), key: 'monthly', align: 'right',
            render: (_: unknown, a) => {
              const month = a.amortisation.find((m) => m.month === thisMonth) ?? a.amortisation[0];
              return month ? <Money minor={month.chargeMinor} currency={a.currency} /> : '—';
            } },
          { title: t('assets.ledgerTx'), dataIndex: 'transactionId',
            render: (tx: string, a) => (
              <Space direction="vertical" size={0}>
                <Link to={orderLink(a.orderId)} className="mono" title={tx} data-testid={`asset-tx-${a.orderId}`}>{tx.slice(0, 16)}…</Link>
                {a.certificateId && <Link to={`/verify/${a.certificateId}`}>{t('order.verify')}</Link>}
              </Space>
            ) },
        ]} />
    </>
  );
}
