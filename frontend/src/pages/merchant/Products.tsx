import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ClassificationTag, emptyText, LinkButton, Money, ProblemAlert } from '../../ui';
import { ProductStatusTag } from './common';
import { useLocalText } from '../../lib/localText';

const EDITABLE = ['DRAFT', 'REJECTED', 'LISTED', 'SUSPENDED'];
const SUBMITTABLE = ['DRAFT', 'REJECTED'];

/** The merchant's products with their status and the actions each status allows. */
export default function Products() {
  const { t } = useTranslation();
  const local = useLocalText();
  const queries = useQueryClient();
  // Fetched again whenever the list is opened: a review decided meanwhile must show at once.
  const products = useQuery({ queryKey: ['merchant-products'], queryFn: () => call(api.GET('/api/merchant/products')), staleTime: 0 });
  const [delisting, setDelisting] = useState<{ id: string; title: string } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const delist = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      call(api.POST('/api/merchant/products/{id}/delist', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => {
      setDelisting(null);
      form.resetFields();
      void queries.invalidateQueries({ queryKey: ['merchant-products'] });
    },
  });
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('merchant.products.title')}</Typography.Title>
        <LinkButton type="primary" icon={<PlusOutlined />} to="/merchant/products/new" data-testid="new-product">
          {t('merchant.products.new')}
        </LinkButton>
      </Space>
      <ProblemAlert error={products.error} />
      <Table
        style={{ marginTop: 16 }}
        loading={products.isPending}
        rowKey="id"
        dataSource={products.data ?? []}
        locale={{ emptyText: emptyText(t('merchant.products.none')) }}
        columns={[
          { title: t('merchant.products.name'), dataIndex: 'title', render: (title: string, p) => <Link to={`/merchant/products/${p.id}`}>{local(title, p.titleEn)}</Link> },
          { title: t('merchant.products.status'), dataIndex: 'status', render: (s: string) => <ProductStatusTag status={s} /> },
          { title: t('merchant.products.industry'), dataIndex: 'industry', render: (v: string) => t(`industry.${v}`) },
          { title: t('merchant.products.classification'), dataIndex: 'classificationLevel', render: (v: string) => <ClassificationTag level={v} /> },
          { title: t('merchant.products.from'), dataIndex: 'minPriceMinor', align: 'right', render: (m: number | null, p) => (m == null ? '—' : <Money minor={m} currency={p.currency} />) },
          {
            title: t('merchant.products.actions'),
            key: 'actions',
            render: (_: unknown, p) => (
              <Space wrap>
                {EDITABLE.includes(p.status) && (
                  <LinkButton size="small" to={`/merchant/products/${p.id}`}>
                    {t('merchant.products.edit')}
                  </LinkButton>
                )}
                {SUBMITTABLE.includes(p.status) && (
                  <LinkButton size="small" type="primary" to={`/merchant/products/${p.id}`} state={{ step: 'submit' }}>
                    {t('merchant.products.submit')}
                  </LinkButton>
                )}
                {p.status !== 'DELISTED' && (
                  <Button size="small" danger onClick={() => setDelisting({ id: p.id, title: local(p.title, p.titleEn) })}>
                    {t('merchant.products.delist')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={delisting !== null}
        title={t('merchant.products.delistTitle', { title: delisting?.title ?? '' })}
        okText={t('merchant.products.delist')}
        okButtonProps={{ danger: true, loading: delist.isPending }}
        cancelText={t('merchant.cancel')}
        onCancel={() => { setDelisting(null); delist.reset(); }}
        onOk={() => void form.validateFields().then((v) => delisting && delist.mutate({ id: delisting.id, reason: v.reason }))}
      >
        <Typography.Paragraph>{t('merchant.products.delistFinal')}</Typography.Paragraph>
        <ProblemAlert error={delist.error} />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('merchant.products.reason')} rules={[{ required: true, whitespace: true, message: t('merchant.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
