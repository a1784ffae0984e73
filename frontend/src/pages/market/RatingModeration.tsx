// The operator's queue of ratings held by a blocked word or reported by a party: keep (shown) or hide.
import { useState } from 'react';
import { Alert, Button, Form, Input, List, Modal, Rate, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui';

export default function RatingModeration() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [deciding, setDeciding] = useState<{ id: string; keep: boolean } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const queue = useQuery({ queryKey: ['rating-queue'], queryFn: () => call(api.GET('/api/operator/ratings')) });
  const decide = useMutation({
    mutationFn: (reason: string) => (deciding!.keep
      ? call(api.POST('/api/operator/ratings/{id}/keep', { params: { path: { id: deciding!.id } }, body: { reason } }))
      : call(api.POST('/api/operator/ratings/{id}/hide', { params: { path: { id: deciding!.id } }, body: { reason } }))),
    onSuccess: () => {
      setDeciding(null);
      form.resetFields();
      void queries.invalidateQueries({ queryKey: ['rating-queue'] });
    },
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('market.moderation.title')}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('market.moderation.rule')} />
      <ProblemAlert error={queue.error} />
      <Table rowKey="id" loading={queue.isPending} dataSource={queue.data ?? []} pagination={false}
        locale={{ emptyText: t('market.moderation.none') }} columns={[
          { title: t('market.ratings.product'), dataIndex: 'productTitle' },
          { title: t('market.ratings.stars'), dataIndex: 'stars', render: (v: number) => <Rate disabled value={v} style={{ fontSize: 12 }} /> },
          { title: t('market.ratings.text'), key: 'x', render: (_, r) => (
            <Space direction="vertical" size={0}><span>{r.text}</span>{r.reply && <Typography.Text type="secondary">{t('market.ratings.reply')}：{r.reply}</Typography.Text>}</Space>) },
          { title: t('market.moderation.why'), dataIndex: 'moderationNote' },
          { title: t('market.moderation.reports'), key: 'rep', render: (_, r) => (
            <List size="small" dataSource={r.reports} renderItem={(p) => <List.Item>{p.role}: {p.reason}</List.Item>} />) },
          { title: '', key: 'a', render: (_, r) => (
            <Space>
              <Button size="small" onClick={() => setDeciding({ id: r.id, keep: true })}>{t('market.moderation.keep')}</Button>
              <Button size="small" danger onClick={() => setDeciding({ id: r.id, keep: false })}>{t('market.moderation.hide')}</Button>
            </Space>
          ) },
        ]} />
      <Modal open={!!deciding} destroyOnHidden title={deciding?.keep ? t('market.moderation.keep') : t('market.moderation.hide')}
        onCancel={() => setDeciding(null)} onOk={() => form.submit()} confirmLoading={decide.isPending}>
        <ProblemAlert error={decide.error} />
        <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v.reason)}>
          <Form.Item name="reason" label={t('market.moderation.reason')} rules={[{ required: true, message: t('market.needs.required') }, { max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
