// The buyer's data needs (交易撮合): post one (what, for which scenario, budget, deadline, acceptable classifications)
// and follow the ones posted; each opens the side-by-side comparison of its answers.
import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../api/client';
import { CLASSIFICATIONS, INDUSTRIES } from '../../lib/urlState';
import { REGIONS } from '../../lib/regions';
import { parseMoney } from '../../lib/money';
import { Money, ProblemAlert } from '../../ui';

interface NeedForm {
  title: string; description: string; industry: string; purpose: string; location: string;
  budgetMin: string; budgetMax: string; deadline: Dayjs; classifications: string[];
}

export function NeedStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  // Solid tags with white text: Ant Design's preset light tags fall below 4.5:1 contrast.
  const colour = state === 'OPEN' ? '#1f4e99' : state === 'MATCHED' ? '#2e6b30' : undefined;
  return <Tag color={colour} data-testid="need-state">{t(`market.needState.${state}`)}</Tag>;
}

export default function Needs() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NeedForm>();
  const needs = useQuery({ queryKey: ['needs'], queryFn: () => call(api.GET('/api/needs')) });
  const post = useMutation({
    mutationFn: (v: NeedForm) => call(api.POST('/api/needs', { body: {
      title: v.title, description: v.description, industry: v.industry as never,
      scenario: { purpose: v.purpose, location: v.location },
      budget: { minMinor: parseMoney(v.budgetMin, 'CNY') ?? 0, maxMinor: parseMoney(v.budgetMax, 'CNY') ?? 0, currency: 'CNY' },
      deadline: v.deadline.toISOString(), acceptableClassifications: v.classifications as never,
    } })),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      message.success(t('market.needs.posted'));
      void queries.invalidateQueries({ queryKey: ['needs'] });
    },
  });
  const money = { pattern: /^\d+(\.\d{1,2})?$/, message: t('market.needs.moneyFormat') };
  const required = { required: true, message: t('market.needs.required') };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>{t('market.needs.title')}</Typography.Title>
        <Button type="primary" onClick={() => setOpen(true)} data-testid="post-need">{t('market.needs.post')}</Button>
      </Space>
      <ProblemAlert error={needs.error} />
      <Table rowKey="id" loading={needs.isPending} dataSource={needs.data ?? []} pagination={false}
        locale={{ emptyText: t('market.needs.none') }} columns={[
          { title: t('market.needs.needTitle'), dataIndex: 'title', render: (v: string, n) => <Link to={`/needs/${n.id}`} data-testid="need-link">{v}</Link> },
          { title: t('market.needs.budget'), key: 'b', render: (_, n) => <><Money minor={n.budget.minMinor} currency={n.budget.currency} /> – <Money minor={n.budget.maxMinor} currency={n.budget.currency} /></> },
          { title: t('market.needs.deadline'), dataIndex: 'deadline', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('market.needs.answers'), dataIndex: 'answers' },
          { title: t('market.needs.state'), dataIndex: 'state', render: (v: string) => <NeedStateTag state={v} /> },
        ]} />
      <Modal open={open} title={t('market.needs.post')} onCancel={() => setOpen(false)} onOk={() => form.submit()}
        okText={t('market.needs.post')} confirmLoading={post.isPending} destroyOnHidden width={640}
        okButtonProps={{ 'data-testid': 'need-submit' } as never}>
        <ProblemAlert error={post.error} />
        <Form form={form} layout="vertical" onFinish={(v) => post.mutate(v)}
          initialValues={{ location: 'CN-SH', classifications: ['GENERAL'], deadline: dayjs().add(14, 'day') }}>
          <Form.Item name="title" label={t('market.needs.needTitle')} rules={[required, { max: 200 }]}><Input data-testid="need-title" /></Form.Item>
          <Form.Item name="description" label={t('market.needs.description')} rules={[required, { max: 4000 }]}>
            <Input.TextArea rows={3} data-testid="need-description" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="industry" label={t('market.needs.industry')} rules={[required]}>
              <Select style={{ width: 180 }} showSearch optionFilterProp="label" data-testid="need-industry" options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
            </Form.Item>
            <Form.Item name="purpose" label={t('market.needs.purpose')} rules={[required, { max: 200 }]}><Input style={{ width: 220 }} data-testid="need-purpose" /></Form.Item>
            <Form.Item name="location" label={t('market.needs.location')} rules={[required]}>
              <Select style={{ width: 120 }} options={REGIONS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="budgetMin" label={t('market.needs.budgetMin')} rules={[required, money]}><Input style={{ width: 160 }} data-testid="need-budget-min" /></Form.Item>
            <Form.Item name="budgetMax" label={t('market.needs.budgetMax')} rules={[required, money]}><Input style={{ width: 160 }} data-testid="need-budget-max" /></Form.Item>
            <Form.Item name="deadline" label={t('market.needs.deadline')} rules={[required]}>
              <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs())} />
            </Form.Item>
          </Space>
          <Form.Item name="classifications" label={t('market.needs.classifications')} rules={[required]}>
            <Checkbox.Group options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
