import { Segmented, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { when } from './parts';

const FILTERS = ['OPEN', 'DECIDED', 'ALL'] as const;
export const COMPLAINT_COLOURS: Record<string, string> = { OPEN: '#1d4ed8', DISMISSED: '#4b5563', PARTIAL_REFUND: '#9a4a00', FULL_REFUND: '#a61b1b' };

export function ComplaintStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={COMPLAINT_COLOURS[status]} data-status={status}>{t(`operator.complaints.state.${status}`)}</Tag>;
}

/** Complaints (数据异议), open ones first by default; each leads to its trade with both parties' statements. */
export default function Complaints() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = FILTERS.find((f) => f === params.get('show')) ?? 'OPEN';
  const complaints = useQuery({ queryKey: ['operator', 'complaints'], queryFn: () => call(api.GET('/api/operator/complaints')) });
  const all = [...(complaints.data ?? [])].reverse();
  const matches = (status: string, f: string) => f === 'ALL' || (f === 'OPEN') === (status === 'OPEN');
  const rows = all.filter((c) => matches(c.status, filter));
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('operator.complaints.title')}</Typography.Title>
      <ProblemAlert error={complaints.error} />
      <Segmented style={{ marginBottom: 16 }} value={filter} onChange={(v) => setParams({ show: String(v) })}
        options={FILTERS.map((f) => ({ value: f, label: `${f === 'ALL' ? t('operator.all') : t(`operator.complaints.filter.${f}`)} (${all.filter((c) => matches(c.status, f)).length})` }))} />
      <Table size="middle" rowKey="id" loading={complaints.isPending} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('operator.complaints.none')) }} columns={[
          { title: t('operator.complaints.filedAt'), dataIndex: 'createdAt', render: when, width: 170 },
          { title: t('operator.complaints.order'), dataIndex: 'orderId', render: (o: string) => <Link to={o} data-testid="complaint-link">{o.slice(0, 8)}…</Link> },
          { title: t('operator.complaints.filedBy'), dataIndex: 'filedByRole', render: (r: string, c) => `${t(`operator.complaints.role.${r}`, { defaultValue: r })} · ${c.filedBy}` },
          { title: t('operator.complaints.text'), dataIndex: 'text', ellipsis: true },
          { title: t('operator.complaints.status'), dataIndex: 'status', render: (s: string) => <ComplaintStatusTag status={s} /> },
        ]} />
    </>
  );
}
