// The buyer's rating of a delivered order's product: 1-5 stars and a short text, once per order.
import { App, Button, Card, Form, Input, Rate, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui';

export function RateOrder({ orderId, productId }: { orderId: string; productId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ stars: number; text: string }>();
  const [held, setHeld] = useState<boolean | null>(null);
  const rate = useMutation({
    mutationFn: (v: { stars: number; text: string }) =>
      call(api.POST('/api/orders/{id}/rating', { params: { path: { id: orderId } }, body: { stars: v.stars, text: v.text } })),
    onSuccess: (r) => {
      setHeld(!r.shown);
      message.success(t('market.ratings.submitted'));
      void queries.invalidateQueries({ queryKey: ['ratings', productId] });
    },
  });
  return (
    <Card size="small" title={t('market.ratings.rate')} style={{ marginBottom: 16 }} data-testid="rate-order">
      {held === null ? (
        <Form form={form} layout="vertical" initialValues={{ stars: 5 }} onFinish={(v) => rate.mutate(v)}>
          <ProblemAlert error={rate.error} />
          <Form.Item name="stars" label={t('market.ratings.stars')} rules={[{ required: true }]}>
            <Stars label={t('market.ratings.stars')} />
          </Form.Item>
          <Form.Item name="text" label={t('market.ratings.text')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="rating-text" />
          </Form.Item>
          <Button htmlType="submit" loading={rate.isPending} data-testid="rating-submit">{t('market.ratings.submit')}</Button>
        </Form>
      ) : (
        <Typography.Text data-testid="rating-done">{held ? t('market.ratings.held') : t('market.ratings.submitted')}</Typography.Text>
      )}
    </Card>
  );
}

/**
 * The stars as a form control. Form.Item hands its control aria-required and aria-describedby, which the list Rate
 * renders may not carry (axe: aria-allowed-attr); this takes only the value, and names itself.
 */
function Stars({ value, onChange, label }: { value?: number; onChange?: (v: number) => void; label: string }) {
  return <Rate value={value} onChange={onChange} aria-label={label} />;
}
