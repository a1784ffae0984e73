import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { formatMoney, parseMoney } from '../../lib/money';
import { emptyText, ProblemAlert } from '../../ui';
import { when } from './parts';

const KINDS = ['ALL', 'MERCHANT', 'BUYER', 'OPERATOR', 'REGULATOR'] as const;
const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR'];
type Organisation = Schemas['Organisation'];

/** The organisations on the exchange (kind and search in the URL) and their wallets' top-ups. */
export default function Organisations() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = KINDS.find((k) => k === params.get('kind')) ?? 'ALL';
  const q = params.get('q') ?? '';
  const [topUpFor, setTopUpFor] = useState<Organisation | null>(null);
  const list = useQuery({
    queryKey: ['operator', 'organisations', kind, q],
    queryFn: () => call(api.GET('/api/operator/organisations', {
      params: { query: { kind: kind === 'ALL' ? undefined : kind, q: q || undefined } },
    })),
  });
  const counts = list.data?.counts as Record<string, number> | undefined;
  const set = (next: { kind?: string; q?: string }) => {
    const merged = { kind: next.kind ?? kind, q: next.q ?? q };
    setParams(Object.fromEntries(Object.entries(merged).filter(([k, v]) => v && !(k === 'kind' && v === 'ALL'))));
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('operator.organisations.title')}</Typography.Title>
      <ProblemAlert error={list.error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented value={kind} onChange={(v) => set({ kind: String(v) })} options={KINDS.map((k) => ({
          value: k,
          label: `${k === 'ALL' ? t('operator.all') : t(`operator.organisations.kinds.${k}`)} (${(k === 'ALL'
            ? counts && Object.values(counts).reduce((a, b) => a + b, 0) : counts?.[k]) ?? '…'})`,
        }))} />
        <Input.Search allowClear defaultValue={q} placeholder={t('operator.organisations.search')} aria-label={t('operator.organisations.search')}
          onSearch={(v) => set({ q: v.trim() })} style={{ width: 300 }} />
      </Space>
      <Table size="middle" rowKey="id" loading={list.isPending} dataSource={list.data?.content} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('operator.organisations.none')) }} columns={[
          { title: t('operator.organisations.name'), dataIndex: 'name' },
          { title: t('operator.organisations.creditCode'), dataIndex: 'creditCode', render: (c: string) => <code>{c}</code> },
          { title: t('operator.organisations.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`operator.organisations.kinds.${k}`)}</Tag> },
          { title: t('operator.organisations.joined'), dataIndex: 'createdAt', render: when },
          { title: t('operator.products.actions'), key: 'a', render: (_: unknown, o) => (o.kind === 'BUYER' || o.kind === 'MERCHANT') && (
            <Button size="small" onClick={() => setTopUpFor(o)} data-testid={`top-up-${o.creditCode}`}>{t('operator.organisations.topUp')}</Button>
          ) },
        ]} />
      {topUpFor && <TopUp organisation={topUpFor} onClose={() => setTopUpFor(null)} />}
    </>
  );
}

function TopUp({ organisation, onClose }: { organisation: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ amount: string; currency: string; reference: string }>();
  const balances = useQuery({
    queryKey: ['operator', 'wallet', organisation.id],
    queryFn: () => call(api.GET('/api/operator/wallets/{organisationId}', { params: { path: { organisationId: organisation.id } } })),
  });
  const topUp = useMutation({
    mutationFn: (v: { amount: string; currency: string; reference: string }) => call(api.POST('/api/operator/wallets/{organisationId}/top-ups', {
      params: { path: { organisationId: organisation.id } },
      body: { amountMinor: parseMoney(v.amount, v.currency) ?? 0, currency: v.currency, reference: v.reference.trim() },
    })),
    onSuccess: (after) => {
      queries.setQueryData(['operator', 'wallet', organisation.id], after);
      void queries.invalidateQueries({ queryKey: ['operator', 'actions'] });
      message.success(t('operator.topUp.done'));
      form.resetFields(['amount', 'reference']);
    },
  });
  const shown = (balances.data ?? []).filter((b) => b.kind !== 'EXTERNAL');
  return (
    <Modal open title={t('operator.topUp.title', { name: organisation.name })} onCancel={onClose} footer={null} destroyOnHidden>
      <Descriptions size="small" column={1} title={t('operator.topUp.balances')} data-testid="wallet-balances" items={shown.length ? shown.map((b) => ({
        key: b.kind + b.currency, label: `${t(`operator.topUp.kind.${b.kind}`)} ${b.currency}`,
        children: <span data-testid={`balance-${b.kind}-${b.currency}`}>{formatMoney(b.balanceMinor, b.currency)}</span>,
      })) : [{ key: 'none', label: t('operator.topUp.kind.AVAILABLE'), children: '—' }]} />
      <ProblemAlert error={topUp.error ?? balances.error} />
      <Form form={form} name="topUp" layout="vertical" initialValues={{ currency: 'CNY' }} onFinish={(v) => topUp.mutate(v)}>
        <Space align="start">
          <Form.Item name="amount" label={t('operator.topUp.amount')} rules={[{
            validator: (_, v: string | undefined) => (parseMoney(v ?? '', form.getFieldValue('currency') ?? 'CNY') ?? 0) > 0
              ? Promise.resolve() : Promise.reject(new Error(t('operator.complaint.amountInvalid'))),
          }]}>
            <Input inputMode="decimal" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="currency" label={t('operator.topUp.currency')}>
            <Select style={{ width: 110 }} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Space>
        <Form.Item name="reference" label={t('operator.topUp.reference')} rules={[{ required: true, whitespace: true, message: t('operator.reason.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={topUp.isPending} data-testid="top-up-submit">{t('operator.topUp.submit')}</Button>
      </Form>
    </Modal>
  );
}
