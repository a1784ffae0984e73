// The operator's supervision page: every merchant with its standing, a measure taken against one (约谈, 下架,
// suspension, reinstatement, disqualification) with its reason, and every action with its way to the ledger.
import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { LedgerStateTag, MeasureTag, StandingTag, when } from './parts';

const MEASURES = ['WARNING_TALK', 'LISTING_TAKEDOWN', 'SUSPENSION', 'REINSTATEMENT', 'DISQUALIFICATION'] as const;
type Measure = (typeof MEASURES)[number];

function ActionDialog({ merchant, onClose }: { merchant: { organisationId: string; organisationName: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<{ measure: Measure; productId?: string; reason: string }>();
  const measure = Form.useWatch('measure', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const listed = useQuery({
    queryKey: ['operator', 'products', 'LISTED'], enabled: merchant !== null,
    queryFn: () => call(api.GET('/api/operator/products', { params: { query: { status: 'LISTED', size: 100 } } })),
  });
  const products = (listed.data?.content ?? []).filter((p) => merchant && p.merchantName === merchant.organisationName);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/operator/merchants/{organisationId}/supervision-actions', {
        params: { path: { organisationId: merchant!.organisationId } },
        body: { measure: v.measure, productId: v.measure === 'LISTING_TAKEDOWN' ? v.productId : undefined, reason: v.reason.trim() },
      }));
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['operator', 'supervision'] });
      await client.invalidateQueries({ queryKey: ['operator', 'merchants'] });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={merchant !== null} title={`${t('supervision.supervisionPage.act')} · ${merchant?.organisationName ?? ''}`}
      okText={t('supervision.common.submit')} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden
      onCancel={() => { setError(null); onClose(); }} okButtonProps={{ 'data-testid': 'action-confirm' } as never}>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ measure: 'WARNING_TALK' }}>
        <Form.Item name="measure" label={t('supervision.common.measure')} rules={[{ required: true }]}>
          <Select id="measure" options={MEASURES.map((m) => ({ value: m, label: t(`supervision.measure.${m}`) }))} />
        </Form.Item>
        {measure === 'LISTING_TAKEDOWN' && (
          <Form.Item name="productId" label={t('supervision.supervisionPage.product')} rules={[{ required: true, message: t('supervision.supervisionPage.productRequired') }]}>
            <Select id="productId" options={products.map((p) => ({ value: p.id, label: p.title }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('supervision.common.reason')} rules={[{ required: true, whitespace: true, message: t('supervision.supervisionPage.reasonRequired') }]}
          normalize={(v: string) => v.replace(/[\r\n\t]+/g, ' ')}>
          <Input.TextArea id="action-reason" rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function OperatorSupervision() {
  const { t } = useTranslation();
  const merchants = useQuery({ queryKey: ['operator', 'merchants'], queryFn: () => call(api.GET('/api/operator/merchants')) });
  const actions = useQuery({
    queryKey: ['operator', 'supervision'], queryFn: () => call(api.GET('/api/operator/supervision-actions')),
    refetchInterval: (q) => (q.state.data?.some((a) => a.action.ledgerState === 'PENDING') ? 1000 : false),
  });
  const [acting, setActing] = useState<{ organisationId: string; organisationName: string } | null>(null);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('supervision.supervisionPage.title')}</Typography.Title>
      <ProblemAlert error={merchants.error ?? actions.error} />
      <Table size="middle" rowKey="organisationId" loading={merchants.isPending} dataSource={merchants.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }} columns={[
          { title: t('supervision.common.merchant'), dataIndex: 'organisationName' },
          { title: t('supervision.common.creditCode'), dataIndex: 'creditCode', render: (c: string) => <span className="mono" style={{ whiteSpace: 'nowrap' }}>{c}</span> },
          { title: t('supervision.common.standing'), dataIndex: 'standing', render: (s: string) => <StandingTag standing={s} /> },
          { title: t('supervision.common.actions'), key: 'a', render: (_, m) => (m.standing === 'ACTIVE' || m.standing === 'SUSPENDED'
            ? <Button size="small" data-testid="take-action" onClick={() => setActing(m)}>{t('supervision.supervisionPage.act')}</Button> : null) },
        ]} />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('supervision.supervisionPage.actionsTitle')}</Typography.Title>
      <Table size="middle" rowKey={(a) => a.action.id} loading={actions.isPending} dataSource={actions.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText(t('supervision.common.none')) }} columns={[
          { title: t('supervision.common.at'), key: 'at', render: (_, a) => when(a.action.decidedAt) },
          { title: t('supervision.common.merchant'), dataIndex: 'organisationName' },
          { title: t('supervision.common.measure'), key: 'm', render: (_, a) => <MeasureTag measure={a.action.measure} /> },
          { title: t('supervision.common.reason'), key: 'r', width: '30%', render: (_, a) => a.action.reason },
          { title: t('supervision.supervisionPage.before'), key: 'b', render: (_, a) => <StandingTag standing={a.action.standingBefore} /> },
          { title: t('supervision.supervisionPage.after'), key: 'f', render: (_, a) => <StandingTag standing={a.action.standingAfter} /> },
          { title: t('supervision.common.actor'), key: 'who', render: (_, a) => a.action.actor },
          { title: t('supervision.common.ledger'), key: 'l', render: (_, a) => <LedgerStateTag state={a.action.ledgerState} /> },
        ]} />
      <ActionDialog merchant={acting} onClose={() => setActing(null)} />
    </>
  );
}
