// The ratings of the merchant's products, each answered once; a party may report abusive text to the operator.
import { useState } from 'react';
import { Button, Form, Input, Modal, Rate, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui';

export default function MerchantRatings() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [replying, setReplying] = useState<string | null>(null);
  const [reporting, setReporting] = useState<string | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const ratings = useQuery({ queryKey: ['merchant-ratings'], queryFn: () => call(api.GET('/api/merchant/ratings')) });
  const done = () => {
    setReplying(null);
    setReporting(null);
    form.resetFields();
    void queries.invalidateQueries({ queryKey: ['merchant-ratings'] });
  };
  const reply = useMutation({
    mutationFn: (text: string) => call(api.POST('/api/merchant/ratings/{id}/reply', { params: { path: { id: replying! } }, body: { text } })),
    onSuccess: done,
  });
  const report = useMutation({
    mutationFn: (reason: string) => call(api.POST('/api/ratings/{id}/report', { params: { path: { id: reporting! } }, body: { reason } })),
    onSuccess: done,
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('market.ratings.merchantTitle')}</Typography.Title>
      <ProblemAlert error={ratings.error} />
      <Table rowKey="id" loading={ratings.isPending} dataSource={ratings.data ?? []} pagination={false}
        locale={{ emptyText: t('market.ratings.none') }} columns={[
          { title: t('market.ratings.product'), dataIndex: 'productTitle' },
          { title: t('market.ratings.stars'), dataIndex: 'stars', render: (v: number) => <Rate disabled value={v} style={{ fontSize: 12 }} /> },
          { title: t('market.ratings.text'), dataIndex: 'text' },
          { title: t('market.ratings.reply'), dataIndex: 'reply', render: (v?: string | null) => v ?? '—' },
          { title: '', key: 's', render: (_, r) => <Tag>{r.shown ? t('market.ratings.shown') : t('market.ratings.hidden')}</Tag> },
          { title: '', key: 'a', render: (_, r) => (
            <Space>
              {!r.reply && <Button size="small" onClick={() => setReplying(r.id)} data-testid="reply-rating">{t('market.ratings.answer')}</Button>}
              <Button size="small" onClick={() => setReporting(r.id)}>{t('market.ratings.report')}</Button>
            </Space>
          ) },
        ]} />
      <Modal open={!!replying || !!reporting} destroyOnHidden
        title={replying ? t('market.ratings.answerTitle') : t('market.ratings.report')}
        onCancel={() => { setReplying(null); setReporting(null); }} onOk={() => form.submit()}
        confirmLoading={reply.isPending || report.isPending}>
        <ProblemAlert error={replying ? reply.error : report.error} />
        <Typography.Paragraph type="secondary">{replying ? t('market.ratings.onlyOnce') : ''}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => (replying ? reply.mutate(v.text) : report.mutate(v.text))}>
          <Form.Item name="text" label={replying ? t('market.ratings.answer') : t('market.ratings.reportReason')}
            rules={[{ required: true, message: t('market.needs.required') }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
