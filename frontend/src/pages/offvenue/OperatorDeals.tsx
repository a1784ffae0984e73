// The operator's verification of off-venue deals: the queue of deals both parties confirmed (oldest first), or all of
// them; verify records one on the ledger marked off-venue, reject needs a reason.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Segmented, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ProblemAlert, emptyText } from '../../ui';
import { DealDetails, dealColumns, type Deal } from './parts';

export default function OperatorDeals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [view, setView] = useState<'queue' | 'all'>('queue');
  const [rejecting, setRejecting] = useState<Deal | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const deals = useQuery({
    queryKey: ['operator-off-venue-deals', view],
    queryFn: () => call(api.GET('/api/operator/off-venue-deals', { params: { query: view === 'queue' ? { state: 'CONFIRMED' } : {} } })),
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: ['operator-off-venue-deals'] });
  const verify = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/operator/off-venue-deals/{id}/verify', { params: { path: { id } } })),
    onSuccess: () => { message.success(t('offVenue.operator.verified')); refresh(); },
    onError: refresh,
  });
  const reject = useMutation({
    mutationFn: (v: { id: string; reason: string }) => call(api.POST('/api/operator/off-venue-deals/{id}/reject', { params: { path: { id: v.id } }, body: { reason: v.reason } })),
    onSuccess: () => { setRejecting(null); form.resetFields(); message.success(t('offVenue.operator.rejected')); refresh(); },
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('offVenue.operator.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('offVenue.operator.intro')}</Typography.Paragraph>
      <Segmented value={view} onChange={(v) => setView(v as 'queue' | 'all')} style={{ marginBottom: 16 }}
        options={[{ value: 'queue', label: t('offVenue.operator.queue') }, { value: 'all', label: t('offVenue.operator.all') }]} />
      <ProblemAlert error={deals.error ?? verify.error} />
      <Table rowKey="id" loading={deals.isPending} dataSource={deals.data ?? []} pagination={{ pageSize: 20 }}
        locale={{ emptyText: emptyText(t('offVenue.operator.none')) }}
        expandable={{ expandedRowRender: (d) => (
          <>
            <DealDetails deal={d} />
            {d.lastLedgerError && <Typography.Text type="danger">{t('offVenue.operator.ledgerError')}（{t('offVenue.operator.attempts')} {d.ledgerAttempts}）: <span lang="en">{d.lastLedgerError}</span></Typography.Text>}
          </>
        ) }}
        onRow={(d) => ({ 'data-testid': 'operator-deal-row', 'data-title': d.productTitle } as never)}
        columns={[...dealColumns(t), {
          title: '', key: 'act', render: (_: unknown, d: Deal) => d.state === 'CONFIRMED' || d.state === 'VERIFIED' ? (
            <Space>
              <Button type="primary" size="small" loading={verify.isPending && verify.variables === d.id} onClick={() => verify.mutate(d.id)} data-testid="deal-verify">
                {t('offVenue.operator.verify')}
              </Button>
              {d.state === 'CONFIRMED' && <Button size="small" danger onClick={() => setRejecting(d)}>{t('offVenue.operator.reject')}</Button>}
            </Space>
          ) : null,
        }]} />
      <Modal open={rejecting !== null} title={t('offVenue.operator.rejectTitle')} onCancel={() => setRejecting(null)}
        onOk={() => form.submit()} okText={t('offVenue.operator.reject')} confirmLoading={reject.isPending} destroyOnHidden>
        <ProblemAlert error={reject.error} />
        <Form form={form} layout="vertical" onFinish={(v) => rejecting && reject.mutate({ id: rejecting.id, reason: v.reason })}>
          <Form.Item name="reason" label={t('offVenue.deals.reason')} rules={[{ required: true, message: t('offVenue.deals.required') }, { max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
