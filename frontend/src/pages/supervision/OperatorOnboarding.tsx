// The operator's onboarding queue (入驻审核): applications waiting first, overdue ones flagged at the top.
import { useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { TextDialog, when } from './parts';

export default function OperatorOnboarding() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const queue = useQuery({ queryKey: ['operator', 'onboarding'], queryFn: () => call(api.GET('/api/operator/onboarding')) });
  const [deciding, setDeciding] = useState<{ id: string; approve: boolean } | null>(null);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('supervision.onboarding.title')}</Typography.Title>
      <ProblemAlert error={queue.error} />
      <Table size="middle" rowKey={(v) => v.application.id} loading={queue.isPending} dataSource={queue.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: emptyText(t('supervision.common.none')) }}
        columns={[
          // The applicant with its credit code under it: eight columns side by side left neither readable.
          { title: t('supervision.onboarding.applicant'), key: 'org', width: '24%', render: (_, v) => (
            <>
              <span data-testid="applicant" style={{ display: 'block' }}>{v.organisationName}</span>
              <span className="mono" style={{ whiteSpace: 'nowrap' }} title={t('supervision.common.creditCode')}>{v.application.creditCode}</span>
            </>) },
          { title: t('supervision.onboarding.scope'), key: 'scope', ellipsis: true, render: (_, v) => v.application.businessScope },
          { title: t('supervision.onboarding.contact'), key: 'contact', render: (_, v) => (
            <>
              <div>{v.application.contactName}</div>
              <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'nowrap' }}>{v.application.contactPhone}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>{v.application.contactEmail}</Typography.Text>
            </>) },
          { title: t('supervision.onboarding.submittedAt'), key: 'at', render: (_, v) => when(v.application.submittedAt) },
          { title: t('supervision.onboarding.dueAt'), key: 'due', render: (_, v) => (
            <Space>{when(v.application.reviewDueAt)}{v.overdue && <Tag color="#a61b1b" data-testid="overdue">{t('supervision.onboarding.overdue')}</Tag>}</Space>) },
          { title: t('supervision.common.status'), key: 's', render: (_, v) => t(`supervision.appStatus.${v.application.status}`) },
          { title: t('supervision.common.actions'), key: 'a', render: (_, v) => (v.application.status === 'SUBMITTED' ? (
            <Space>
              <Button size="small" type="primary" data-testid="approve-application" onClick={() => setDeciding({ id: v.application.id, approve: true })}>{t('supervision.common.approve')}</Button>
              <Button size="small" danger onClick={() => setDeciding({ id: v.application.id, approve: false })}>{t('supervision.common.reject')}</Button>
            </Space>) : (v.application.decisionNote || '—')) },
        ]} />
      <TextDialog open={deciding !== null} optional={deciding?.approve}
        title={deciding?.approve ? t('supervision.common.approve') : t('supervision.common.reject')}
        label={t('supervision.application.decisionNote')} testId="decide-confirm" onCancel={() => setDeciding(null)}
        onConfirm={async (note) => {
          await call(api.POST('/api/operator/onboarding/{id}/decide', { params: { path: { id: deciding!.id } }, body: { approve: deciding!.approve, note: note || undefined } }));
          setDeciding(null);
          await client.invalidateQueries({ queryKey: ['operator', 'onboarding'] });
        }} />
    </>
  );
}
