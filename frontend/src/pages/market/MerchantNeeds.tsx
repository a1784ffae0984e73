// The merchant's side of matching: open needs searched the catalogue's way (Chinese or English, industry,
// classification), each answered with a private offer on one of the merchant's listed products; and its answers.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { CLASSIFICATIONS, INDUSTRIES } from '../../lib/urlState';
import { parseMoney } from '../../lib/money';
import { ClassificationTag, Money, ProblemAlert } from '../../ui';
import { NeedStateTag } from './Needs';

type Need = Schemas['MatchingViews.NeedView'];

export default function MerchantNeeds() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [q, setQ] = useState('');
  const [industry, setIndustry] = useState<string | undefined>();
  const [classification, setClassification] = useState<string | undefined>();
  const [answering, setAnswering] = useState<Need | null>(null);
  const [form] = Form.useForm<{ productId: string; price: string; note?: string }>();
  const needs = useQuery({
    queryKey: ['merchant-needs', q, industry, classification],
    queryFn: () => call(api.GET('/api/merchant/needs', { params: { query: {
      q: q || undefined, industry: industry as never, classification: classification as never, size: 50,
    } } })),
  });
  const mine = useQuery({ queryKey: ['merchant-answers'], queryFn: () => call(api.GET('/api/merchant/answers')) });
  const products = useQuery({ queryKey: ['merchant-products'], queryFn: () => call(api.GET('/api/merchant/products')) });
  const answer = useMutation({
    mutationFn: (v: { productId: string; price: string; note?: string }) => call(api.POST('/api/merchant/needs/{id}/answers', {
      params: { path: { id: answering!.id } },
      body: { productId: v.productId, priceMinor: parseMoney(v.price, 'CNY') ?? 0, note: v.note },
    })),
    onSuccess: () => {
      setAnswering(null);
      form.resetFields();
      message.success(t('market.merchantNeeds.answered'));
      void queries.invalidateQueries({ queryKey: ['merchant-needs'] });
      void queries.invalidateQueries({ queryKey: ['merchant-answers'] });
    },
  });
  const listed = (products.data ?? []).filter((p) => p.status === 'LISTED'
    && (!answering || answering.acceptableClassifications.includes(p.classificationLevel)));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('market.merchantNeeds.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('market.merchantNeeds.search')} aria-label={t('market.merchantNeeds.search')}
          onSearch={setQ} style={{ width: 300 }} data-testid="needs-search" />
        <Select allowClear style={{ width: 160 }} placeholder={t('market.merchantNeeds.industry')} aria-label={t('market.merchantNeeds.industry')}
          value={industry} onChange={setIndustry} options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
        <Select allowClear style={{ width: 140 }} placeholder={t('market.merchantNeeds.classification')} aria-label={t('market.merchantNeeds.classification')}
          value={classification} onChange={setClassification} options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} />
      </Space>
      <ProblemAlert error={needs.error} />
      <Table rowKey="id" loading={needs.isPending} dataSource={needs.data?.content ?? []} pagination={false}
        locale={{ emptyText: t('market.merchantNeeds.none') }} data-testid="open-needs" columns={[
          { title: t('market.needs.needTitle'), dataIndex: 'title', render: (v: string, n) => (
            <Space direction="vertical" size={0}><Typography.Text strong>{v}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.description}</Typography.Text></Space>) },
          { title: t('market.merchantNeeds.buyer'), dataIndex: 'buyerName' },
          { title: t('market.needs.industry'), dataIndex: 'industry', render: (v: string) => t(`industry.${v}`) },
          { title: t('market.needs.classifications'), key: 'c', render: (_, n) => n.acceptableClassifications.map((c) => <ClassificationTag key={c} level={c} />) },
          { title: t('market.needs.budget'), key: 'b', render: (_, n) => <><Money minor={n.budget.minMinor} currency={n.budget.currency} /> – <Money minor={n.budget.maxMinor} currency={n.budget.currency} /></> },
          { title: t('market.merchantNeeds.deadline'), dataIndex: 'deadline', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
          { title: '', key: 'a', render: (_, n) => <Button onClick={() => setAnswering(n)} data-testid="answer-need">{t('market.merchantNeeds.answer')}</Button> },
        ]} />
      <Card size="small" title={t('market.merchantNeeds.mine')} style={{ marginTop: 16 }}>
        <Table rowKey={(r) => r.answers[0].id} size="small" pagination={false} dataSource={mine.data ?? []} columns={[
          { title: t('market.needs.needTitle'), key: 'n', render: (_, r) => r.need.title },
          { title: t('market.compare.product'), key: 'p', render: (_, r) => r.answers[0].productTitle },
          { title: t('market.compare.price'), key: 'pr', render: (_, r) => <Money minor={r.answers[0].priceMinor} currency={r.answers[0].currency} /> },
          { title: t('market.needs.state'), key: 's', render: (_, r) => <Space><NeedStateTag state={r.need.state} /><Tag>{t(`market.answerState.${r.answers[0].state}`)}</Tag></Space> },
        ]} />
      </Card>
      <Modal open={!!answering} title={answering ? t('market.merchantNeeds.answerTitle', { title: answering.title }) : ''}
        onCancel={() => setAnswering(null)} onOk={() => form.submit()} confirmLoading={answer.isPending} destroyOnHidden
        okButtonProps={{ 'data-testid': 'answer-submit' } as never}>
        <ProblemAlert error={answer.error} />
        <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v)}>
          <Form.Item name="productId" label={t('market.merchantNeeds.product')} rules={[{ required: true, message: t('market.needs.required') }]}>
            <Select showSearch optionFilterProp="label" data-testid="answer-product" options={listed.map((p) => ({ value: p.id, label: p.title }))} />
          </Form.Item>
          <Form.Item name="price" label={t('market.merchantNeeds.price')} rules={[{ required: true, message: t('market.needs.required') },
            { pattern: /^\d+(\.\d{1,2})?$/, message: t('market.needs.moneyFormat') }]}>
            <Input data-testid="answer-price" />
          </Form.Item>
          <Form.Item name="note" label={t('market.merchantNeeds.note')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
