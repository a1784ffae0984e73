// A party's off-venue deals (场外交易登记): the buyer's page in the store and the merchant console's section. One side
// registers, the other confirms or declines; then the operator verifies and the deal goes on the ledger.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert, emptyText } from '../../ui';
import { DealDetails, dealColumns, RegisterDealModal, type Deal } from './parts';

export default function PartyDeals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const queries = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [declining, setDeclining] = useState<Deal | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const side = account?.role === 'MERCHANT' ? 'MERCHANT' : 'BUYER';
  const deals = useQuery({ queryKey: ['off-venue-deals'], queryFn: () => call(api.GET('/api/off-venue-deals')) });
  const refresh = () => void queries.invalidateQueries({ queryKey: ['off-venue-deals'] });
  const confirm = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/off-venue-deals/{id}/confirm', { params: { path: { id } } })),
    onSuccess: () => { message.success(t('offVenue.deals.confirmed')); refresh(); },
  });
  const decline = useMutation({
    mutationFn: (v: { id: string; reason: string }) => call(api.POST('/api/off-venue-deals/{id}/decline', { params: { path: { id: v.id } }, body: { reason: v.reason } })),
    onSuccess: () => { setDeclining(null); form.resetFields(); message.success(t('offVenue.deals.declined')); refresh(); },
  });
  const mineToConfirm = (d: Deal) => d.state === 'REGISTERED' && d.registeredBySide !== side;

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>{t('offVenue.deals.title')}</Typography.Title>
        <Button type="primary" onClick={() => setRegistering(true)} data-testid="deal-register">{t('offVenue.deals.register')}</Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('offVenue.deals.intro')}</Typography.Paragraph>
      <ProblemAlert error={deals.error ?? confirm.error} />
      <Table rowKey="id" loading={deals.isPending} dataSource={deals.data ?? []} pagination={{ pageSize: 20 }}
        locale={{ emptyText: emptyText(t('offVenue.deals.none')) }}
        expandable={{ expandedRowRender: (d) => <DealDetails deal={d} /> }}
        onRow={(d) => ({ 'data-testid': 'deal-row', 'data-title': d.productTitle } as never)}
        columns={[...dealColumns(t), {
          title: '', key: 'act', render: (_: unknown, d: Deal) => mineToConfirm(d) ? (
            <Space>
              <Button type="primary" size="small" loading={confirm.isPending} onClick={() => confirm.mutate(d.id)} data-testid="deal-confirm">
                {t('offVenue.deals.confirm')}
              </Button>
              <Button size="small" onClick={() => setDeclining(d)}>{t('offVenue.deals.decline')}</Button>
            </Space>
          ) : d.state === 'REGISTERED' ? <Typography.Text type="secondary">{t('offVenue.deals.awaitingOther')}</Typography.Text> : null,
        }]} />
      <RegisterDealModal open={registering} onClose={() => setRegistering(false)} counterpartyIs={side === 'MERCHANT' ? 'BUYER' : 'MERCHANT'} />
      <Modal open={declining !== null} title={t('offVenue.deals.declineTitle')} onCancel={() => setDeclining(null)}
        onOk={() => form.submit()} okText={t('offVenue.deals.decline')} confirmLoading={decline.isPending} destroyOnHidden>
        <ProblemAlert error={decline.error} />
        <Form form={form} layout="vertical" onFinish={(v) => declining && decline.mutate({ id: declining.id, reason: v.reason })}>
          <Form.Item name="reason" label={t('offVenue.deals.reason')} rules={[{ required: true, message: t('offVenue.deals.required') }, { max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
