import { Segmented, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ClassificationTag, emptyText, ProblemAlert } from '../../ui';
import { ProductStatusTag } from './parts';
import { useLocalText } from '../../lib/localText';

const KINDS = ['ALL', 'LISTING', 'REVISION'] as const;

/** Products submitted for their first listing and revisions of listed ones, oldest first, filtered by kind in the URL. */
export default function ReviewQueue() {
  const { t } = useTranslation();
  const local = useLocalText();
  const [params, setParams] = useSearchParams();
  const kind = KINDS.find((k) => k === params.get('kind')) ?? 'ALL';
  const queue = useQuery({ queryKey: ['operator', 'reviews'], queryFn: () => call(api.GET('/api/operator/reviews')) });
  const count = (k: string) => (queue.data ?? []).filter((r) => k === 'ALL' || r.kind === k).length;
  const rows = (queue.data ?? []).filter((r) => kind === 'ALL' || r.kind === kind);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('operator.reviews.title')}</Typography.Title>
      <ProblemAlert error={queue.error} />
      <Segmented style={{ marginBottom: 16 }} value={kind} onChange={(v) => setParams(v === 'ALL' ? {} : { kind: String(v) })}
        options={KINDS.map((k) => ({ value: k, label: `${k === 'ALL' ? t('operator.all') : t(`operator.kind.${k}`)} (${count(k)})` }))} />
      <Table size="middle" rowKey={(r) => r.kind + r.id} loading={queue.isPending} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('operator.reviews.none')) }} columns={[
          { title: t('operator.reviews.product'), dataIndex: 'title', render: (title: string, r) => <Link to={r.id} data-testid="review-link">{local(title, r.titleEn)}</Link> },
          { title: t('operator.reviews.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={k === 'REVISION' ? '#6b21a8' : '#1d4ed8'}>{t(`operator.kind.${k}`)}</Tag> },
          { title: t('operator.reviews.merchant'), dataIndex: 'merchantName' },
          { title: t('operator.reviews.classification'), dataIndex: 'classificationLevel', render: (l: string) => <ClassificationTag level={l} /> },
          { title: t('operator.reviews.industry'), dataIndex: 'industry', render: (i: string) => t(`industry.${i}`) },
          { title: t('operator.status.IN_REVIEW'), dataIndex: 'status', render: (s: string, r) => (
            <>
              <ProductStatusTag status={s} />
              {/* approved earlier, but the registration did not reach the ledger: it can only be rejected now */}
              {r.ledgerRefusal && <Tag color="#a61b1b" data-testid={`queue-ledger-refusal-${r.id}`}>{t('ledgerRefusal.queueTag')}</Tag>}
            </>
          ) },
        ]} />
    </>
  );
}
