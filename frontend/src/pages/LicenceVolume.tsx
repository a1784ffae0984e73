// A licence's volume caps (用途用量), what was used and what is left; shown to the buyer on the order page and to the
// merchant under each order received.
import { Button, Card, Progress, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { emptyText, ProblemAlert } from '../ui';

export function useLicenceVolume(orderId: string, enabled = true) {
  return useQuery({
    queryKey: ['volume', orderId],
    queryFn: () => call(api.GET('/api/orders/{id}/volume', { params: { path: { id: orderId } } })),
    enabled,
  });
}

export function LicenceVolumeTable({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const volume = useLicenceVolume(orderId);
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en' : 'zh-CN');
  return (
    <>
      <ProblemAlert error={volume.error} />
      <Table size="small" pagination={false} rowKey="measure" loading={volume.isPending} dataSource={volume.data?.lines ?? []}
        locale={{ emptyText: emptyText(t('volume.none')) }} data-testid={`volume-${orderId}`} columns={[
          { title: t('volume.measureCol'), dataIndex: 'measure', render: (m: string) => t(`volume.measure.${m}`) },
          { title: t('volume.cap'), dataIndex: 'cap', align: 'right',
            render: (c: number | null | undefined, l) => <span data-testid={`volume-cap-${l.measure}`}>{c == null ? t('volume.noCap') : number(c)}</span> },
          { title: t('volume.used'), dataIndex: 'used', align: 'right', render: (u: number, l) => <span data-testid={`volume-used-${l.measure}`}>{number(u)}</span> },
          { title: t('volume.left'), dataIndex: 'left', align: 'right',
            render: (left: number | null | undefined, l) => (
              <span data-testid={`volume-left-${l.measure}`}>
                {left == null ? '—' : left === 0 ? <Typography.Text type="danger">{`0 · ${t('volume.exhausted')}`}</Typography.Text> : number(left)}
              </span>
            ) },
          { title: '', key: 'bar', width: 140,
            render: (_: unknown, l) => (l.cap ? <Progress size="small" percent={Math.min(100, Math.round((l.used * 100) / l.cap))}
              aria-label={`${t(`volume.measure.${l.measure}`)} ${l.used} / ${l.cap}`} status={l.left === 0 ? 'exception' : 'normal'} /> : null) },
        ]} />
    </>
  );
}

export function LicenceVolumeCard({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const volume = useLicenceVolume(orderId);
  return (
    <Card size="small" title={t('volume.title')} style={{ marginBottom: 16 }} data-testid="volume-card"
      extra={<Button size="small" onClick={() => void volume.refetch()} data-testid="volume-refresh">{t('volume.refresh')}</Button>}>
      <LicenceVolumeTable orderId={orderId} />
    </Card>
  );
}
