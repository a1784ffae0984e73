// The k-anonymity threshold of a sandbox product: groups of fewer records are suppressed in buyers' query answers.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui';

export default function SandboxThreshold({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const current = useQuery({
    queryKey: ['sandbox-k', productId],
    queryFn: () => call(api.GET('/api/merchant/products/{id}/sandbox-k', { params: { path: { id: productId } } })),
  });
  const [k, setK] = useState<number | null>(null);
  useEffect(() => { if (current.data) setK(current.data.kThreshold); }, [current.data]);
  const save = useMutation({
    mutationFn: (value: number) => call(api.PUT('/api/merchant/products/{id}/sandbox-k', { params: { path: { id: productId } }, body: { kThreshold: value } })),
  });
  return (
    <Card title={t('sandbox.kTitle')} style={{ marginTop: 16 }} data-testid="sandbox-k">
      <Typography.Paragraph type="secondary">{t('sandbox.kHelp')}</Typography.Paragraph>
      <ProblemAlert error={current.error ?? save.error} />
      <Space>
        <InputNumber id="sandbox-k-input" aria-label={t('sandbox.kLabel')} min={5} max={100000} precision={0} value={k} onChange={(v) => setK(v)} />
        <Button type="primary" disabled={k === null} loading={save.isPending} onClick={() => k !== null && save.mutate(k)}>{t('sandbox.kSave')}</Button>
      </Space>
      {save.isSuccess && <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('sandbox.kSaved', { k: save.data.kThreshold })} />}
    </Card>
  );
}
