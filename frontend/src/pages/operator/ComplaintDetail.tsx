import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Skeleton, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { formatMoney, parseMoney } from '../../lib/money';
import { LinkButton, Money, OrderStatusTag, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { ComplaintStatusTag } from './Complaints';
import { when } from './parts';

type Complaint = Schemas['Complaints.Complaint'];
type Outcome = 'DISMISSED' | 'PARTIAL_REFUND' | 'FULL_REFUND';

/**
 * A complaint's trade, the buyer's and the seller's statements, and the decision: dismissed, partial refund (an amount
 * in yuan read into integer fen) or full refund, with a note. The API's refusal is shown at the form.
 */
export default function ComplaintDetail() {
  const { orderId = '' } = useParams();
  const { t } = useTranslation();
  const complaints = useQuery({ queryKey: ['operator', 'complaints'], queryFn: () => call(api.GET('/api/operator/complaints')) });
  const order = useQuery({
    queryKey: ['order', orderId, 'operator'],
    queryFn: () => call(api.GET('/api/orders/{id}', { params: { path: { id: orderId } } })),
  });
  if (complaints.isPending || order.isPending) return <Skeleton active />;
  if (complaints.error || order.error) return <ProblemAlert error={complaints.error ?? order.error} />;
  const o = order.data;
  const filed = complaints.data.filter((c) => c.orderId === orderId);
  const statement = (role: 'BUYER' | 'MERCHANT') => {
    const mine = filed.filter((c) => c.filedByRole === role);
    return (
      <Card size="small" style={{ height: '100%' }} data-testid={`statement-${role}`}
        title={<Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>{t(`operator.complaints.role.${role}`)}</Typography.Title>}>
        {mine.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('operator.complaint.noStatement')} /> : mine.map((c) => (
          <div key={c.id} style={{ marginBottom: 12 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{c.text}</Typography.Paragraph>
            <Typography.Text type="secondary">{c.filedBy} · {when(c.createdAt)} · </Typography.Text><ComplaintStatusTag status={c.status} />
          </div>
        ))}
      </Card>
    );
  };
  return (
    <>
      <Link to="/operator/complaints">← {t('operator.complaint.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}><ProductTitle id={o.productId} /></Typography.Title>
      <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('operator.complaint.trade')}</Typography.Title>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'amount', label: t('operator.complaint.amount'), children: <span data-testid="trade-amount"><Money minor={o.amountMinor} currency={o.currency} /></span> },
          { key: 'status', label: t('operator.complaint.orderStatus'), children: <OrderStatusTag status={o.status} /> },
          { key: 'paid', label: t('operator.complaint.paidAt'), children: when(o.paidAt) },
          { key: 'scenario', label: t('operator.complaint.scenario'), children: `${o.details.scenario.purpose} · ${o.details.scenario.location}` },
          { key: 'cert', label: t('operator.complaint.certificate'), children: o.certificateId ? <span data-testid="trade-certificate">{o.certificateId}</span> : '—' },
          { key: 'tx', label: t('operator.complaint.tx'), children: o.transactionId ? <code className="hash">{o.transactionId.slice(0, 16)}… #{o.blockNumber}</code> : '—' },
          { key: 'split', label: t('operator.complaint.split'), span: 2, children: o.details.split.map((l) => `${l.party} ${formatMoney(l.amountMinor, o.currency)}`).join('；') },
        ]} />
        {o.refunds.length > 0 && (
          <Table size="small" rowKey="complaintId" pagination={false} style={{ marginTop: 8 }} dataSource={o.refunds}
            title={() => t('operator.complaint.refunds')} columns={[
              { title: t('operator.complaint.outcome'), dataIndex: 'decision', render: (d: string) => <ComplaintStatusTag status={d} /> },
              { title: t('operator.complaint.amount'), dataIndex: 'amountMinor', render: (m: number, r) => <Money minor={m} currency={r.currency} /> },
              { title: t('operator.dashboard.at'), dataIndex: 'decidedAt', render: when },
            ]} />
        )}
        {o.certificateId && o.status !== 'REFUNDED' && (
          <LinkButton to={`/operator/licences?certificate=${encodeURIComponent(o.certificateId)}`} size="small" style={{ marginTop: 8 }}>
            {t('operator.complaint.revoke')}
          </LinkButton>
        )}
      </Card>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>{t('operator.complaint.statements')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>{statement('BUYER')}</Col>
        <Col xs={24} md={12}>{statement('MERCHANT')}</Col>
      </Row>
      {filed.map((c) => <Decision key={c.id} complaint={c} currency={o.currency} />)}
    </>
  );
}

function Decision({ complaint, currency }: { complaint: Complaint; currency: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ outcome: Outcome; amount?: string; note: string }>();
  const [outcome, setOutcome] = useState<Outcome>('DISMISSED');
  const decide = useMutation({
    mutationFn: (v: { outcome: Outcome; amount?: string; note: string }) => call(api.POST('/api/operator/complaints/{id}/decide', {
      params: { path: { id: complaint.id } },
      body: { outcome: v.outcome, note: v.note.trim(), amountMinor: v.outcome === 'PARTIAL_REFUND' ? parseMoney(v.amount ?? '', currency) : null },
    })),
    onSuccess: () => {
      message.success(t('operator.complaint.decided'));
      void queries.invalidateQueries({ queryKey: ['operator'] });
      void queries.invalidateQueries({ queryKey: ['order', complaint.orderId] });
    },
  });
  const title = <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {t('operator.complaint.decision')} · {t(`operator.complaints.role.${complaint.filedByRole}`, { defaultValue: complaint.filedByRole })}</Typography.Title>;
  if (complaint.status !== 'OPEN') {
    return (
      <Card size="small" style={{ marginTop: 16 }} title={title} data-testid="complaint-decision">
        <Descriptions size="small" column={1} items={[
          { key: 'o', label: t('operator.complaint.outcome'), children: <ComplaintStatusTag status={complaint.status} /> },
          { key: 'n', label: t('operator.complaint.note'), children: complaint.decisionNote ?? '—' },
          { key: 'b', label: t('operator.dashboard.actor'), children: `${complaint.decidedBy ?? '—'} · ${when(complaint.decidedAt)}` },
        ]} />
      </Card>
    );
  }
  return (
    <Card size="small" style={{ marginTop: 16 }} title={title} data-testid="complaint-decision">
      <ProblemAlert error={decide.error} />
      <Form form={form} name={`decision-${complaint.id.slice(0, 8)}`} layout="vertical" initialValues={{ outcome: 'DISMISSED' }} onFinish={(v) => decide.mutate(v)}
        onValuesChange={(changed) => changed.outcome && setOutcome(changed.outcome)}>
        <Form.Item name="outcome" label={t('operator.complaint.outcome')}>
          <Radio.Group optionType="button" options={(['DISMISSED', 'PARTIAL_REFUND', 'FULL_REFUND'] as const).map((v) => ({
            value: v, label: t(`operator.complaints.state.${v}`),
          }))} />
        </Form.Item>
        {outcome === 'PARTIAL_REFUND' && (
          <Form.Item name="amount" label={t('operator.complaint.refundAmount')} rules={[{
            validator: (_, v: string | undefined) => (parseMoney(v ?? '', currency) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('operator.complaint.amountInvalid'))),
          }]}>
            <Input inputMode="decimal" style={{ maxWidth: 240 }} prefix={currency === 'CNY' ? '¥' : currency} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('operator.complaint.note')} rules={[{ required: true, whitespace: true, message: t('operator.reason.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={decide.isPending} data-testid="decide-button">{t('operator.complaint.decide')}</Button>
      </Form>
    </Card>
  );
}
