import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { when } from './parts';
import { actionName, actorName } from '../../lib/audit';

/** The console's main screen: what waits for the operator, and what it did last. */
export default function Dashboard() {
  const { t } = useTranslation();
  const reviews = useQuery({ queryKey: ['operator', 'reviews'], queryFn: () => call(api.GET('/api/operator/reviews')) });
  const complaints = useQuery({ queryKey: ['operator', 'complaints'], queryFn: () => call(api.GET('/api/operator/complaints')) });
  const products = useQuery({
    queryKey: ['operator', 'products', 'counts'],
    queryFn: () => call(api.GET('/api/operator/products', { params: { query: { size: 1 } } })),
  });
  const actions = useQuery({
    queryKey: ['operator', 'actions'],
    queryFn: () => call(api.GET('/api/operator/actions', { params: { query: { size: 12 } } })),
  });
  const listings = reviews.data?.filter((r) => r.kind === 'LISTING').length;
  const revisions = reviews.data?.filter((r) => r.kind === 'REVISION').length;
  const open = complaints.data?.filter((c) => c.status === 'OPEN').length;
  const tile = (testId: string, title: string, value: number | undefined, to: string) => (
    <Col xs={12} md={8} xl={4} key={testId}>
      <Link to={to}>
        <Card hoverable size="small">
          <div data-testid={testId}><Statistic title={title} value={value ?? '—'} styles={{ content: { color: '#1f4e99' } }} /></div>
        </Card>
      </Link>
    </Col>
  );
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('operator.dashboard.title')}</Typography.Title>
      <ProblemAlert error={reviews.error ?? complaints.error ?? products.error ?? actions.error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        {tile('count-listing-reviews', t('operator.dashboard.listingReviews'), listings, 'reviews')}
        {tile('count-revision-reviews', t('operator.dashboard.revisionReviews'), revisions, 'reviews?kind=REVISION')}
        {tile('count-open-complaints', t('operator.dashboard.openComplaints'), open, 'complaints')}
        {tile('count-listed', t('operator.dashboard.listed'), products.data?.counts.LISTED, 'products?status=LISTED')}
        {tile('count-suspended', t('operator.dashboard.suspended'), products.data?.counts.SUSPENDED, 'products?status=SUSPENDED')}
      </Row>
      <Card title={<Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>{t('operator.dashboard.recent')}</Typography.Title>} size="small">
        <Table size="small" rowKey="seq" loading={actions.isPending} pagination={false} dataSource={actions.data}
          data-testid="recent-actions" locale={{ emptyText: emptyText(t('operator.dashboard.none')) }} columns={[
            { title: t('operator.dashboard.at'), dataIndex: 'at', render: when, width: 170 },
            { title: t('operator.dashboard.actor'), dataIndex: 'actor', width: 130, render: (a: string) => actorName(t, a) },
            { title: t('operator.dashboard.action'), dataIndex: 'action', width: 130, render: (a: string) => actionName(t, a) },
            { title: t('operator.dashboard.subject'), dataIndex: 'subject', ellipsis: true },
            { title: t('operator.dashboard.detail'), dataIndex: 'detail', ellipsis: true },
          ]} />
      </Card>
    </>
  );
}
