// Pieces the operator's screens share: product status chips, the reason dialog every listing decision needs, and a
// product's listing as the ledger holds it.
import { useState } from 'react';
import { Descriptions, Empty, Form, Input, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';

const STATUS_COLOURS: Record<string, string> = {
  DRAFT: '#4b5563', IN_REVIEW: '#1d4ed8', LISTED: '#2e6b30', REJECTED: '#a61b1b', SUSPENDED: '#9a4a00', DELISTED: '#4b5563',
};

export function ProductStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]} data-status={status}>{t(`operator.status.${status}`)}</Tag>;
}

const LISTING_COLOURS: Record<string, string> = { LISTED: '#2e6b30', SUSPENDED: '#9a4a00', DELISTED: '#4b5563' };

export function LedgerStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_COLOURS[status]} data-ledger-status={status}>{t(`operator.ledger.listing.${status}`)}</Tag>;
}

export function when(at?: string | null): string {
  return at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/**
 * A dialog asking for the reason of a decision (reject, suspend, reinstate, delist, revoke): the reason is required, and
 * the API's refusal is shown in the dialog, where the operator acted, with what was typed kept.
 */
export function ReasonDialog({ open, title, onCancel, onConfirm }: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} okText={t('operator.reason.confirm')} onOk={() => void submit()} confirmLoading={busy}
      onCancel={() => { setError(null); onCancel(); }} destroyOnHidden okButtonProps={{ 'data-testid': 'reason-confirm' } as never}>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('operator.reason.label')} rules={[{ required: true, whitespace: true, message: t('operator.reason.required') }]}>
          <Input.TextArea id="reason" rows={3} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A product's listing as the ledger holds it: each registered version's status and history, and writes under way. */
export function LedgerListingView({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const ledger = useQuery({
    queryKey: ['operator', 'ledger', productId],
    queryFn: () => call(api.GET('/api/operator/products/{id}/ledger', { params: { path: { id: productId } } })),
    // A write may still be on its way to the ledger: look again until none is pending.
    refetchInterval: (q) => (q.state.data?.writes.some((w) => w.state === 'PENDING') ? 1000 : false),
  });
  if (ledger.isPending) return <Skeleton active />;
  if (ledger.error) return <ProblemAlert error={ledger.error} />;
  const l = ledger.data;
  return (
    <div data-testid="ledger-listing">
      <Descriptions size="small" column={1} items={[
        { key: 'books', label: t('operator.ledger.books'), children: <ProductStatusTag status={l.status} /> },
      ]} />
      {l.versions.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('operator.ledger.none')} /> : (
        <Table size="small" rowKey="version" pagination={false} dataSource={l.versions}
          expandable={{
            expandedRowRender: (v) => (
              <Table size="small" rowKey="txId" pagination={false} dataSource={v.history} columns={[
                { title: t('operator.ledger.changedAt'), dataIndex: 'at', render: when },
                { title: t('operator.ledger.status'), dataIndex: 'status', render: (s: string) => <LedgerStatusTag status={s} /> },
                { title: t('operator.ledger.reason'), dataIndex: 'reason', render: (r?: string | null) => r || '—' },
                { title: t('operator.ledger.tx'), dataIndex: 'txId', render: (x: string) => <code className="hash">{x.slice(0, 16)}…</code> },
              ]} />
            ),
          }}
          columns={[
            { title: t('operator.ledger.version'), dataIndex: 'version' },
            { title: t('operator.ledger.status'), dataIndex: 'status', render: (s: string) => <LedgerStatusTag status={s} /> },
            { title: t('operator.ledger.reason'), dataIndex: 'statusReason', render: (r?: string | null) => r || '—' },
            { title: t('operator.ledger.changedAt'), dataIndex: 'statusChangedAt', render: (a?: string | null) => when(a) },
            { title: t('operator.ledger.registeredTx'), dataIndex: 'registrationTxId', render: (x: string) => <code className="hash">{x.slice(0, 16)}…</code> },
          ]} />
      )}
      {l.writes.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t('operator.ledger.writes')}</Typography.Title>
          <Table size="small" rowKey={(w) => w.kind + w.decidedAt} pagination={false} dataSource={l.writes}
            locale={{ emptyText: emptyText('—') }} columns={[
              { title: t('operator.dashboard.action'), dataIndex: 'kind', render: (k: string, w) => `${t(`operator.ledger.writeKind.${k}`)}${w.targetStatus ? ` → ${t(`operator.status.${w.targetStatus}`)}` : ''}` },
              { title: t('operator.ledger.status'), dataIndex: 'state', render: (s: string) => <Tag color={s === 'REFUSED' ? '#a61b1b' : '#1d4ed8'}>{t(`operator.ledger.write.${s}`)}</Tag> },
              { title: t('operator.ledger.reason'), dataIndex: 'lastError', render: (e?: string | null) => e || '—' },
              { title: t('operator.ledger.changedAt'), dataIndex: 'decidedAt', render: when },
            ]} />
        </>
      )}
    </div>
  );
}
