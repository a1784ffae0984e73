import { useRef, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { ClassificationTag, emptyText, Money, ProblemAlert } from '../../ui';
import { ProductTitle } from '../ProductTitle';
import { CrossBorderTag, localName } from './shared';

type Pending = Schemas['ApprovalQueue.PendingApproval'];
type Decision = { order: Pending; approve: boolean };

/** Core-data orders waiting for the regulator: approve or refuse each, with the reference of the decision. */
export default function Approvals() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  // The dialog keeps its title while it closes: an untitled dialog, even fading out, has no accessible name.
  const lastDecision = useRef<Decision | null>(null);
  if (deciding) lastDecision.current = deciding;
  const shown = deciding ?? lastDecision.current;
  const [form] = Form.useForm<{ reference: string }>();
  const queue = useQuery({ queryKey: ['regulator', 'approvals'], queryFn: () => call(api.GET('/api/regulator/orders')) });
  const decide = useMutation({
    mutationFn: ({ id, approve, reference }: { id: string; approve: boolean; reference: string }) => approve
      ? call(api.POST('/api/regulator/orders/{id}/approve', { params: { path: { id } }, body: { reference } }))
      : call(api.POST('/api/regulator/orders/{id}/refuse', { params: { path: { id } }, body: { reference } })),
    onSuccess: (order, v) => {
      message.success(t(v.approve ? 'regulator.approvals.approved' : 'regulator.approvals.refused', { id: order.id }));
      setDeciding(null);
      form.resetFields();
      void queries.invalidateQueries({ queryKey: ['regulator', 'approvals'] });
    },
  });
  const open = (order: Pending, approve: boolean) => {
    decide.reset();
    form.resetFields();
    setDeciding({ order, approve });
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.approvals.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.approvals.intro')}</Typography.Paragraph>
      <ProblemAlert error={queue.error} />
      <Table<Pending>
        size="small"
        loading={queue.isPending}
        rowKey={(p) => p.order.id}
        dataSource={queue.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('regulator.approvals.none')) }}
        columns={[
          { title: t('regulator.approvals.placed'), key: 'at', render: (_, p) => dayjs(p.order.createdAt).format('YYYY-MM-DD HH:mm') },
          { title: t('regulator.trades.product'), key: 'product', render: (_, p) => <ProductTitle id={p.order.productId} /> },
          { title: t('regulator.trades.buyer'), key: 'buyer', render: (_, p) => <span title={p.buyerCreditCode}>{localName(p.buyerName, i18n.language)}</span> },
          { title: t('regulator.common.classification'), key: 'level', render: (_, p) => <ClassificationTag level={p.order.details.classificationLevel} /> },
          { title: t('regulator.approvals.scenario'), key: 'scenario', render: (_, p) => <>{p.order.details.scenario.purpose} · {p.order.details.scenario.location}</> },
          { title: t('regulator.common.crossBorder'), key: 'cb', render: (_, p) => <CrossBorderTag crossBorder={p.order.details.crossBorder} /> },
          { title: t('regulator.common.amount'), key: 'amount', align: 'right', render: (_, p) => <Money minor={p.order.amountMinor} currency={p.order.currency} /> },
          {
            title: t('regulator.approvals.decision'), key: 'actions', render: (_, p) => (
              <Space>
                <Button type="primary" size="small" onClick={() => open(p, true)} data-testid={`approve-${p.order.id}`}>{t('regulator.approvals.approve')}</Button>
                <Button danger size="small" onClick={() => open(p, false)} data-testid={`refuse-${p.order.id}`}>{t('regulator.approvals.refuse')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={deciding !== null}
        title={shown ? t(shown.approve ? 'regulator.approvals.approveTitle' : 'regulator.approvals.refuseTitle', { id: shown.order.order.id }) : ''}
        okText={deciding?.approve ? t('regulator.approvals.approve') : t('regulator.approvals.refuse')}
        okButtonProps={{ danger: deciding?.approve === false, loading: decide.isPending, 'data-testid': 'decision-confirm' } as never}
        cancelText={t('regulator.common.cancel')}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <ProblemAlert error={decide.error} />
        <Form form={form} layout="vertical" onFinish={(v) => deciding && decide.mutate({ id: deciding.order.order.id, approve: deciding.approve, reference: v.reference.trim() })}>
          <Form.Item name="reference" label={t('regulator.approvals.reference')} extra={t('regulator.approvals.referenceHelp')}
            rules={[{ required: true, whitespace: true, message: t('regulator.approvals.referenceRequired') }, { max: 200 }]}>
            <Input autoFocus maxLength={200} data-testid="decision-reference" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
