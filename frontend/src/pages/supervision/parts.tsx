// Pieces the onboarding, supervision and credit screens of the three consoles share: standing and measure tags, a
// dialog asking for a note, a credit record's events and the published scoring rules.
import { useState, type ReactNode } from 'react';
import { Descriptions, Form, Input, Modal, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Schemas } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';

export const when = (at?: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : '—');

// Solid tags with white text (Ant Design's light presets fall below 4.5:1 contrast).
const STANDING_COLOURS: Record<string, string> = { APPLYING: '#1d4ed8', ACTIVE: '#2e6b30', SUSPENDED: '#9a4a00', DISQUALIFIED: '#a61b1b' };
const MEASURE_COLOURS: Record<string, string> = {
  WARNING_TALK: '#1d4ed8', LISTING_TAKEDOWN: '#9a4a00', SUSPENSION: '#9a4a00', REINSTATEMENT: '#2e6b30', DISQUALIFICATION: '#a61b1b',
};

export function StandingTag({ standing }: { standing: string }) {
  const { t } = useTranslation();
  return <Tag color={STANDING_COLOURS[standing]} data-standing={standing}>{t(`supervision.standing.${standing}`)}</Tag>;
}

export function MeasureTag({ measure }: { measure: string }) {
  const { t } = useTranslation();
  return <Tag color={MEASURE_COLOURS[measure]} data-measure={measure}>{t(`supervision.measure.${measure}`)}</Tag>;
}

export function LedgerStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  const colour = state === 'RECORDED' ? '#2e6b30' : state === 'FAILED' ? '#a61b1b' : '#1d4ed8';
  return <Tag color={colour} data-ledger-state={state}>{t(`supervision.ledgerState.${state}`)}</Tag>;
}

/** A dialog asking for a text (a reason, a note, a statement), required unless {@code optional}; refusals shown in it. */
export function TextDialog({ open, title, label, optional, onCancel, onConfirm, extra, testId }: {
  open: boolean;
  title: string;
  label: string;
  optional?: boolean;
  onCancel: () => void;
  onConfirm: (text: string) => Promise<unknown>;
  extra?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { text } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onConfirm((text ?? '').trim());
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} okText={t('supervision.common.submit')} onOk={() => void submit()} confirmLoading={busy}
      onCancel={() => { setError(null); onCancel(); }} destroyOnHidden okButtonProps={{ 'data-testid': testId ?? 'text-confirm' } as never}>
      <ProblemAlert error={error} />
      {extra}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label={label} rules={optional ? [] : [{ required: true, whitespace: true, message: t('supervision.application.required') }]}>
          <Input.TextArea id="dialog-text" rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Report = Schemas['CreditRecord.Report'];
type EventView = Schemas['CreditRecord.EventView'];

/** A credit record's events, with an action column when the viewer may act on them. */
export function CreditEvents({ report, action }: { report: Report; action?: (e: EventView) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table size="small" rowKey="id" dataSource={report.events} pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: emptyText(t('supervision.common.none')) }} columns={[
        { title: t('supervision.common.at'), dataIndex: 'occurredAt', render: when, width: 170 },
        { title: t('supervision.credit.kind'), dataIndex: 'kind', render: (k: string) => t(`supervision.eventKind.${k}`) },
        { title: t('supervision.credit.source'), dataIndex: 'source', render: (s: string) => t(`supervision.source.${s}`) },
        { title: t('supervision.common.note'), dataIndex: 'note', ellipsis: true },
        { title: t('supervision.credit.points'), dataIndex: 'points', align: 'right' },
        { title: t('supervision.common.status'), dataIndex: 'status', render: (s: string) => t(`supervision.eventStatus.${s}`) },
        ...(action ? [{ title: t('supervision.common.actions'), key: 'a', render: (_: unknown, e: EventView) => action(e) }] : []),
      ]} />
  );
}

/** The scoring rules as the exchange publishes them. */
export function CreditRulesView({ rules }: { rules: Schemas['CreditRules.Published'] }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={2} bordered items={[
      { key: 'base', label: t('supervision.credit.base'), children: rules.base },
      { key: 'repair', label: t('supervision.credit.repairAfter'), children: rules.repairAfter },
      { key: 'submit', label: t('supervision.credit.submitMin'), children: rules.submitProductsMinScore },
      { key: 'order', label: t('supervision.credit.orderMin'), children: rules.placeOrdersMinScore },
      { key: 'large', label: t('supervision.credit.largeMin'), children: rules.largeOrderMinScore },
      { key: 'above', label: t('supervision.credit.largeAbove'), children: rules.largeOrderMinor },
      ...Object.entries(rules.points).map(([k, v]) => ({ key: k, label: t(`supervision.eventKind.${k}`), children: v })),
    ]} />
  );
}
