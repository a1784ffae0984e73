// The regulator's supervision page: supervision actions read from the ledger, and every party's credit record.
import { Table, Tabs, Typography, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { CreditEvents, MeasureTag, when } from './parts';

function PartyRecord({ organisationId }: { organisationId: string }) {
  const record = useQuery({
    queryKey: ['regulator', 'credit', organisationId],
    queryFn: () => call(api.GET('/api/regulator/credit/parties/{organisationId}', { params: { path: { organisationId } } })),
  });
  if (record.error) return <ProblemAlert error={record.error} />;
  if (!record.data) return <Skeleton active />;
  return <CreditEvents report={record.data} />;
}

export default function RegulatorSupervision() {
  const { t } = useTranslation();
  const actions = useQuery({ queryKey: ['regulator', 'supervision'], queryFn: () => call(api.GET('/api/regulator/supervision-actions')) });
  const credit = useQuery({ queryKey: ['regulator', 'credit'], queryFn: () => call(api.GET('/api/regulator/credit')) });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('supervision.regulatorPage.title')}</Typography.Title>
      <ProblemAlert error={actions.error ?? credit.error} />
      <Tabs items={[
        {
          key: 'actions', label: t('supervision.nav.supervision'), children: (
            <>
              <Typography.Paragraph type="secondary">
                {t('supervision.regulatorPage.fromLedger')}
                {actions.data && actions.data.notYetOnLedger > 0 ? ` · ${t('supervision.regulatorPage.pending', { count: actions.data.notYetOnLedger })}` : ''}
              </Typography.Paragraph>
              <Table size="small" rowKey={(v) => v.recorded.txId} loading={actions.isPending} dataSource={actions.data?.onLedger ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText(t('supervision.common.none')) }}
                columns={[
                  { title: t('supervision.common.at'), key: 'at', render: (_, v) => when(v.recorded.recordedAt) },
                  { title: t('supervision.common.merchant'), key: 'm', render: (_, v) => <span data-testid="supervised-merchant">{v.organisationName ?? v.recorded.request.partyId}</span> },
                  { title: t('supervision.common.measure'), key: 'k', render: (_, v) => <MeasureTag measure={v.recorded.request.measure} /> },
                  { title: t('supervision.common.reason'), key: 'r', render: (_, v) => <span data-testid="supervision-reason">{v.recorded.request.reason}</span> },
                  { title: t('supervision.common.actor'), key: 'who', render: (_, v) => <span style={{ whiteSpace: 'nowrap' }}>{v.recorded.request.decidedBy}</span> },
                  { title: t('supervision.common.tx'), key: 'tx', render: (_, v) => <Link className="mono" style={{ whiteSpace: 'nowrap' }} to={`/regulator/blocks/tx/${encodeURIComponent(v.recorded.txId)}`}>{v.recorded.txId.slice(0, 12)}…</Link> },
                ]} />
            </>
          ),
        },
        {
          key: 'credit', label: t('supervision.regulatorPage.credit'), children: (
            <Table size="small" rowKey="organisationId" loading={credit.isPending} dataSource={credit.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }} expandable={{ expandedRowRender: (s) => <PartyRecord organisationId={s.organisationId} /> }}
              columns={[
                { title: t('supervision.common.party'), dataIndex: 'organisationName' },
                { title: t('supervision.common.creditCode'), dataIndex: 'creditCode', render: (c: string) => <span className="mono" style={{ whiteSpace: 'nowrap' }}>{c}</span> },
                { title: t('supervision.common.score'), dataIndex: 'score', align: 'right' },
                { title: t('supervision.credit.events'), dataIndex: 'events', align: 'right' },
                { title: t('supervision.credit.open'), key: 'open', align: 'right', render: (_, s) => s.openObjections + s.openRepairs },
              ]} />
          ),
        },
      ]} />
    </>
  );
}
