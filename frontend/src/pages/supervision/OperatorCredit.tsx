// The operator's credit page: every party's score, objections (异议) and repair applications (信用修复) to decide.
import { useState } from 'react';
import { Button, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { TextDialog, when } from './parts';

export default function OperatorCredit() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const overview = useQuery({ queryKey: ['operator', 'credit'], queryFn: () => call(api.GET('/api/operator/credit')) });
  const objections = useQuery({ queryKey: ['operator', 'credit', 'objections'], queryFn: () => call(api.GET('/api/operator/credit/objections')) });
  const repairs = useQuery({ queryKey: ['operator', 'credit', 'repairs'], queryFn: () => call(api.GET('/api/operator/credit/repairs')) });
  const [deciding, setDeciding] = useState<{ kind: 'objection' | 'repair'; id: string; accept: boolean } | null>(null);
  const names = new Map((overview.data ?? []).map((s) => [s.organisationId, s.organisationName]));
  const decideButtons = (kind: 'objection' | 'repair', id: string) => (
    <Space>
      <Button size="small" type="primary" onClick={() => setDeciding({ kind, id, accept: true })}>{t('supervision.common.accept')}</Button>
      <Button size="small" onClick={() => setDeciding({ kind, id, accept: false })}>{t('supervision.common.refuse')}</Button>
    </Space>
  );
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('supervision.creditPage.title')}</Typography.Title>
      <ProblemAlert error={overview.error ?? objections.error ?? repairs.error} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('supervision.creditPage.objections')}</Typography.Title>
      <Table size="small" rowKey="id" dataSource={objections.data ?? []} loading={objections.isPending} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('supervision.common.none')) }} columns={[
          { title: t('supervision.common.at'), dataIndex: 'filedAt', render: when },
          { title: t('supervision.common.party'), dataIndex: 'organisationId', render: (id: string) => names.get(id) ?? id },
          { title: t('supervision.credit.objectionReason'), dataIndex: 'reason', ellipsis: true },
          { title: t('supervision.common.status'), dataIndex: 'status', render: (s: string) => t(`supervision.decision.${s}`) },
          { title: t('supervision.common.actions'), key: 'a', render: (_, o) => (o.status === 'OPEN' ? decideButtons('objection', o.id) : (o.decisionNote || '—')) },
        ]} />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('supervision.creditPage.repairs')}</Typography.Title>
      <Table size="small" rowKey="id" dataSource={repairs.data ?? []} loading={repairs.isPending} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('supervision.common.none')) }} columns={[
          { title: t('supervision.common.at'), dataIndex: 'filedAt', render: when },
          { title: t('supervision.common.party'), dataIndex: 'organisationId', render: (id: string) => names.get(id) ?? id },
          { title: t('supervision.credit.repairStatement'), dataIndex: 'statement', ellipsis: true },
          { title: t('supervision.common.status'), dataIndex: 'status', render: (s: string) => t(`supervision.decision.${s}`) },
          { title: t('supervision.common.actions'), key: 'a', render: (_, r) => (r.status === 'OPEN' ? decideButtons('repair', r.id) : (r.decisionNote || '—')) },
        ]} />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{t('supervision.credit.overview')}</Typography.Title>
      <Table size="small" rowKey="organisationId" dataSource={overview.data ?? []} loading={overview.isPending} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('supervision.common.party'), dataIndex: 'organisationName' },
          { title: t('supervision.common.creditCode'), dataIndex: 'creditCode', render: (c: string) => <span className="mono" style={{ whiteSpace: 'nowrap' }}>{c}</span> },
          { title: t('supervision.common.score'), dataIndex: 'score', align: 'right' },
          { title: t('supervision.credit.events'), dataIndex: 'events', align: 'right' },
          { title: t('supervision.credit.open'), key: 'open', align: 'right', render: (_, s) => s.openObjections + s.openRepairs },
        ]} />
      <TextDialog open={deciding !== null} title={t('supervision.creditPage.decide')} label={t('supervision.common.note')}
        onCancel={() => setDeciding(null)}
        onConfirm={async (note) => {
          const body = { accept: deciding!.accept, note };
          if (deciding!.kind === 'objection') {
            await call(api.POST('/api/operator/credit/objections/{id}/decide', { params: { path: { id: deciding!.id } }, body }));
          } else {
            await call(api.POST('/api/operator/credit/repairs/{id}/decide', { params: { path: { id: deciding!.id } }, body }));
          }
          setDeciding(null);
          await client.invalidateQueries({ queryKey: ['operator', 'credit'] });
        }} />
    </>
  );
}
