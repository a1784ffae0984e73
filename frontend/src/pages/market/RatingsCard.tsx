// A product's ratings on its sheet: average and count of the shown ones, each with the merchant's answer.
import { List, Rate, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui';

export function RatingsCard({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const ratings = useQuery({
    queryKey: ['ratings', productId],
    queryFn: () => call(api.GET('/api/products/{id}/ratings', { params: { path: { id: productId } } })),
  });
  if (ratings.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (ratings.error) return <ProblemAlert error={ratings.error} />;
  const r = ratings.data;
  if (r.count === 0) return <Typography.Text type="secondary" data-testid="ratings-none">{t('market.ratings.none')}</Typography.Text>;
  return (
    <div data-testid="ratings">
      <Space>
        <Rate disabled allowHalf value={r.average ?? 0} aria-label={t('market.ratings.stars')} />
        <Typography.Text data-testid="ratings-average">{t('market.ratings.average', { average: r.average, count: r.count })}</Typography.Text>
      </Space>
      <List size="small" dataSource={r.ratings} renderItem={(x) => (
        <List.Item key={x.id}>
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <Space><Rate disabled value={x.stars} style={{ fontSize: 12 }} /><Typography.Text type="secondary">{dayjs(x.createdAt).format('YYYY-MM-DD')}</Typography.Text></Space>
            <Typography.Text>{x.text}</Typography.Text>
            {x.reply && <Typography.Text type="secondary">{t('market.ratings.reply')}：{x.reply}</Typography.Text>}
          </Space>
        </List.Item>
      )} />
    </div>
  );
}
