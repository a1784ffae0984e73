// The merchant's onboarding and credit page: its standing, the onboarding application (数商入驻) while it is not yet
// admitted, the supervision actions taken against it, and its credit record with objections (异议) and repair (信用修复).
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { creditCodeProblem } from '../../lib/creditCode';
import { emptyText, ProblemAlert } from '../../ui';
import { CreditEvents, CreditRulesView, LedgerStateTag, MeasureTag, StandingTag, TextDialog, when } from './parts';

const DECLARATIONS = ['lawfulOperation', 'lawfulSources', 'securityMeasures', 'noViolations', 'rulesAccepted'] as const;

interface ApplicationValues {
  creditCode: string;
  businessScope: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  declarations: string[];
}

function ApplicationForm({ creditCode }: { creditCode: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<ApplicationValues>();
  const apply = useMutation({
    mutationFn: (v: ApplicationValues) => call(api.POST('/api/merchant/onboarding', {
      body: {
        creditCode: v.creditCode.trim().toUpperCase(), businessScope: v.businessScope, contactName: v.contactName,
        contactPhone: v.contactPhone, contactEmail: v.contactEmail,
        declarations: Object.fromEntries(DECLARATIONS.map((d) => [d, v.declarations.includes(d)])) as never,
      },
    })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['merchant', 'onboarding'] }),
  });
  return (
    <Card title={t('supervision.application.title')} data-testid="onboarding-form">
      <Typography.Paragraph type="secondary">{t('supervision.application.intro')}</Typography.Paragraph>
      <ProblemAlert error={apply.error} />
      <Form form={form} layout="vertical" initialValues={{ creditCode, declarations: [] }} onFinish={(v) => apply.mutate(v)}>
        <Form.Item name="creditCode" label={t('supervision.application.creditCode')} rules={[{ required: true, message: t('supervision.application.required') },
          { validator: (_, value?: string) => {
            const problem = creditCodeProblem((value ?? '').trim().toUpperCase());
            return value && problem ? Promise.reject(new Error(t(`signUp.creditCodeProblem.${problem.kind}`, problem))) : Promise.resolve();
          } }]}>
          <Input id="creditCode" maxLength={18} />
        </Form.Item>
        <Form.Item name="businessScope" label={t('supervision.application.businessScope')} rules={[{ required: true, whitespace: true, message: t('supervision.application.required') }]}>
          <Input.TextArea id="businessScope" rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('supervision.application.contactName')} rules={[{ required: true, whitespace: true, message: t('supervision.application.required') }]}>
            <Input id="contactName" maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('supervision.application.contactPhone')} rules={[{ required: true, whitespace: true, message: t('supervision.application.required') }]}>
            <Input id="contactPhone" maxLength={40} />
          </Form.Item>
          <Form.Item name="contactEmail" label={t('supervision.application.contactEmail')} rules={[{ required: true, type: 'email', message: t('supervision.application.required') }]}>
            <Input id="contactEmail" maxLength={200} />
          </Form.Item>
        </Space>
        <Form.Item name="declarations" label={t('supervision.application.declarations')}
          rules={[{ validator: (_, v: string[]) => (v?.length === DECLARATIONS.length ? Promise.resolve() : Promise.reject(new Error(t('supervision.application.declarationRequired')))) }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={DECLARATIONS.map((d) => ({ value: d, label: t(`supervision.application.${d}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="onboarding-submit">{t('supervision.common.submit')}</Button>
      </Form>
    </Card>
  );
}

export default function MerchantStanding() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['merchant', 'onboarding'], queryFn: () => call(api.GET('/api/merchant/onboarding')) });
  const actions = useQuery({ queryKey: ['merchant', 'supervision'], queryFn: () => call(api.GET('/api/merchant/supervision')) });
  const credit = useQuery({ queryKey: ['merchant', 'credit'], queryFn: () => call(api.GET('/api/credit')) });
  const [objecting, setObjecting] = useState<string | null>(null);
  const [repairing, setRepairing] = useState(false);
  const refreshCredit = () => client.invalidateQueries({ queryKey: ['merchant', 'credit'] });
  const s = status.data;
  const pending = s?.applications.some((a) => a.application.status === 'SUBMITTED');
  const report = credit.data;
  const openObjection = new Set((report?.objections ?? []).filter((o) => o.status === 'OPEN').map((o) => o.eventId));
  const canRepair = report?.repairEligibleFrom != null && dayjs(report.repairEligibleFrom).isBefore(dayjs())
    && !(report.repairs ?? []).some((r) => r.status === 'OPEN');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('supervision.merchantPage.title')}</Typography.Title>
      <ProblemAlert error={status.error ?? actions.error ?? credit.error} />
      {s && (
        <Card title={t('supervision.merchantPage.standing')} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={3} items={[
            { key: 'standing', label: t('supervision.common.standing'), children: <span data-testid="own-standing"><StandingTag standing={s.standing} /></span> },
            { key: 'code', label: t('supervision.common.creditCode'), children: <span className="mono" style={{ whiteSpace: 'nowrap' }}>{s.creditCode}</span> },
            { key: 'since', label: t('supervision.common.since'), children: when(s.since) },
          ]} />
          {pending && <Alert type="info" showIcon title={t('supervision.application.submitted')} style={{ marginTop: 12 }} />}
          {s.applications.length > 0 && (
            <Table size="small" rowKey={(a) => a.application.id} style={{ marginTop: 12 }} pagination={false} dataSource={s.applications} columns={[
              { title: t('supervision.onboarding.submittedAt'), key: 'at', render: (_, a) => when(a.application.submittedAt) },
              { title: t('supervision.application.dueAt'), key: 'due', render: (_, a) => when(a.application.reviewDueAt) },
              { title: t('supervision.common.status'), key: 's', render: (_, a) => <span data-testid="application-status">{t(`supervision.appStatus.${a.application.status}`)}</span> },
              { title: t('supervision.application.decisionNote'), key: 'n', render: (_, a) => a.application.decisionNote || '—' },
            ]} />
          )}
        </Card>
      )}
      {s && s.standing === 'APPLYING' && !pending && <ApplicationForm creditCode={s.creditCode} />}
      <Card title={t('supervision.merchantPage.supervision')} style={{ marginTop: 16 }}>
        <Table size="small" rowKey={(a) => a.action.id} dataSource={actions.data ?? []} loading={actions.isPending} pagination={false}
          locale={{ emptyText: emptyText(t('supervision.common.none')) }} columns={[
            { title: t('supervision.common.at'), key: 'at', render: (_, a) => when(a.action.decidedAt) },
            { title: t('supervision.common.measure'), key: 'm', render: (_, a) => <MeasureTag measure={a.action.measure} /> },
            { title: t('supervision.common.reason'), key: 'r', render: (_, a) => a.action.reason },
            { title: t('supervision.common.ledger'), key: 'l', render: (_, a) => <LedgerStateTag state={a.action.ledgerState} /> },
            { title: t('supervision.common.tx'), key: 'tx', render: (_, a) => (a.action.transactionId ? <code className="hash">{a.action.transactionId.slice(0, 16)}…</code> : '—') },
          ]} />
      </Card>
      {report && (
        <Card title={t('supervision.merchantPage.credit')} style={{ marginTop: 16 }}
          extra={canRepair ? <Button onClick={() => setRepairing(true)} data-testid="apply-repair">{t('supervision.credit.applyRepair')}</Button> : null}>
          <Space size="large" align="start" wrap style={{ marginBottom: 16 }}>
            <Statistic title={t('supervision.common.score')} value={report.score} />
            <Statistic title={t('supervision.credit.eligibleFrom')} value={report.repairEligibleFrom ? when(report.repairEligibleFrom) : t('supervision.credit.noneEligible')} />
          </Space>
          <CreditEvents report={report} action={(e) => (e.status === 'STANDING' && e.points < 0 && !openObjection.has(e.id)
            ? <Button size="small" onClick={() => setObjecting(e.id)}>{t('supervision.credit.object')}</Button> : null)} />
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t('supervision.credit.rules')}</Typography.Title>
          <CreditRulesView rules={report.rules} />
        </Card>
      )}
      <TextDialog open={objecting !== null} title={t('supervision.credit.object')} label={t('supervision.credit.objectionReason')}
        onCancel={() => setObjecting(null)}
        onConfirm={async (reason) => {
          await call(api.POST('/api/credit/events/{id}/objections', { params: { path: { id: objecting! } }, body: { reason } }));
          setObjecting(null);
          await refreshCredit();
        }} />
      <TextDialog open={repairing} title={t('supervision.credit.applyRepair')} label={t('supervision.credit.repairStatement')}
        onCancel={() => setRepairing(false)}
        onConfirm={async (statement) => {
          await call(api.POST('/api/credit/repairs', { body: { statement } }));
          setRepairing(false);
          await refreshCredit();
        }} />
    </>
  );
}
