// Pieces the off-venue screens share: the dictionary (mounted with the first of them that loads), the state tag, the
// registration form and the deals' common columns.
import { DatePicker, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { mountDictionary } from '../../i18n';
import { offVenueEn, offVenueZh } from '../../i18n/offvenue';
import { CLASSIFICATIONS, INDUSTRIES, PLAN_KINDS } from '../../lib/urlState';
import { parseMoney } from '../../lib/money';
import { ClassificationTag, Money, ProblemAlert } from '../../ui';

mountDictionary('offVenue', offVenueZh, offVenueEn);

export type Deal = Schemas['OffVenueViews.DealView'];

// Solid tags with white text: Ant Design's preset light tags fall below 4.5:1 contrast.
const STATE_COLOURS: Record<string, string | undefined> = {
  REGISTERED: '#1f4e99', CONFIRMED: '#6b3fa0', VERIFIED: '#9a4a00', RECORDED: '#2e6b30', REJECTED: '#a61b1b', DECLINED: '#4b5563',
};

export function DealStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOURS[state]} data-testid="deal-state">{t(`offVenue.state.${state}`)}</Tag>;
}

/** SHA-256 of a text in lower-case hex, computed in the browser (the text itself is not sent). */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes)).map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The columns every list of deals shows. */
export function dealColumns(t: (k: string) => string) {
  return [
    { title: t('offVenue.deals.productTitle'), dataIndex: 'productTitle', key: 'title' },
    { title: t('offVenue.deals.merchant'), key: 'merchant', render: (_: unknown, d: Deal) => d.merchant.name },
    { title: t('offVenue.deals.buyer'), key: 'buyer', render: (_: unknown, d: Deal) => d.buyer.name },
    { title: t('offVenue.deals.price'), key: 'price', render: (_: unknown, d: Deal) => <Money minor={d.price.amountMinor} currency={d.price.currency} /> },
    { title: t('offVenue.deals.classification'), key: 'level', render: (_: unknown, d: Deal) => <ClassificationTag level={d.classification} /> },
    { title: t('offVenue.deals.dealDate'), dataIndex: 'dealDate', key: 'date' },
    { title: t('offVenue.deals.state'), key: 'state', render: (_: unknown, d: Deal) => <DealStateTag state={d.state} /> },
  ];
}

/** The details under a deal's row: the licence, the scenario, the digest and, once recorded, the ledger transaction. */
export function DealDetails({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  return (
    <dl className="deal-details" style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px' }}>
      <dt>{t('offVenue.deals.registeredBy')}</dt><dd style={{ margin: 0 }}>{t(`offVenue.side.${deal.registeredBySide}`)} · {deal.registeredBy}</dd>
      <dt>{t('offVenue.deals.industry')}</dt><dd style={{ margin: 0 }}>{t(`industry.${deal.industry}`)} · {t(`planKind.${deal.planKind}`)}</dd>
      <dt>{t('offVenue.deals.licence')}</dt><dd style={{ margin: 0 }}>{deal.licenceSummary}</dd>
      <dt>{t('offVenue.deals.scenario')}</dt><dd style={{ margin: 0 }}>{deal.scenario}</dd>
      <dt>{t('offVenue.deals.productDigest')}</dt><dd style={{ margin: 0 }} className="mono">{deal.productDigest}</dd>
      {deal.decisionReason && <><dt>{t('offVenue.deals.reason')}</dt><dd style={{ margin: 0 }}>{deal.decisionReason}</dd></>}
      {deal.transactionId && <><dt>{t('offVenue.deals.transaction')}</dt><dd style={{ margin: 0 }} className="mono" data-testid="deal-tx">{deal.transactionId}</dd></>}
    </dl>
  );
}

interface DealForm {
  counterparty: string; productTitle: string; description?: string; productDigest: string; industry: string;
  classification: string; planKind: string; price: string; licenceSummary: string; scenario: string; dealDate: Dayjs;
}

/** The registration form: a merchant names its buyer, a buyer its merchant, by credit code. */
export function RegisterDealModal({ open, onClose, counterpartyIs }: { open: boolean; onClose: () => void; counterpartyIs: 'BUYER' | 'MERCHANT' }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form] = Form.useForm<DealForm>();
  const register = useMutation({
    mutationFn: (v: DealForm) => call(api.POST('/api/off-venue-deals', { body: {
      counterpartyCreditCode: v.counterparty.trim(), productTitle: v.productTitle, productDigest: v.productDigest.trim(),
      industry: v.industry as never, classification: v.classification as never, planKind: v.planKind as never,
      price: { amountMinor: parseMoney(v.price, 'CNY') ?? 0, currency: 'CNY' }, licenceSummary: v.licenceSummary,
      scenario: v.scenario, dealDate: v.dealDate.format('YYYY-MM-DD'),
    } })),
    onSuccess: () => {
      form.resetFields();
      onClose();
      void queries.invalidateQueries({ queryKey: ['off-venue-deals'] });
    },
  });
  const required = { required: true, message: t('offVenue.deals.required') };
  return (
    <Modal open={open} title={t('offVenue.deals.register')} onCancel={onClose} onOk={() => form.submit()} width={680}
      okText={t('offVenue.deals.register')} confirmLoading={register.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'deal-submit' } as never}>
      <ProblemAlert error={register.error} />
      <Form form={form} layout="vertical" onFinish={(v) => register.mutate(v)}
        initialValues={{ industry: 'METEOROLOGY', classification: 'GENERAL', planKind: 'ONE_OFF', dealDate: dayjs().subtract(1, 'day') }}>
        <Form.Item name="counterparty" label={t(counterpartyIs === 'BUYER' ? 'offVenue.deals.counterpartyBuyer' : 'offVenue.deals.counterpartyMerchant')}
          rules={[required, { len: 18, message: '18' }]}>
          <Input data-testid="deal-counterparty" maxLength={18} />
        </Form.Item>
        <Form.Item name="productTitle" label={t('offVenue.deals.productTitle')} rules={[required, { max: 200 }]}>
          <Input data-testid="deal-title" />
        </Form.Item>
        <Form.Item name="description" label={t('offVenue.deals.describe')}>
          <Input.TextArea rows={2} data-testid="deal-description" onChange={(e) => {
            const text = e.target.value;
            if (text) void sha256Hex(text).then((h) => form.setFieldValue('productDigest', h));
          }} />
        </Form.Item>
        <Form.Item name="productDigest" label={t('offVenue.deals.productDigest')}
          rules={[required, { pattern: /^[0-9a-f]{64}$/, message: t('offVenue.deals.digestFormat') }]}>
          <Input className="mono" data-testid="deal-digest" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="industry" label={t('offVenue.deals.industry')} rules={[required]}>
            <Select style={{ width: 170 }} showSearch optionFilterProp="label" options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
          </Form.Item>
          <Form.Item name="classification" label={t('offVenue.deals.classification')} rules={[required]}>
            <Select style={{ width: 140 }} options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} />
          </Form.Item>
          <Form.Item name="planKind" label={t('offVenue.deals.planKind')} rules={[required]}>
            <Select style={{ width: 150 }} options={PLAN_KINDS.map((k) => ({ value: k, label: t(`planKind.${k}`) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="price" label={t('offVenue.deals.price')} rules={[required, { pattern: /^\d+(\.\d{1,2})?$/, message: t('offVenue.deals.moneyFormat') }]}>
            <Input style={{ width: 180 }} data-testid="deal-price" />
          </Form.Item>
          <Form.Item name="dealDate" label={t('offVenue.deals.dealDate')} rules={[required]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
        </Space>
        <Form.Item name="licenceSummary" label={t('offVenue.deals.licence')} rules={[required, { max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="deal-licence" />
        </Form.Item>
        <Form.Item name="scenario" label={t('offVenue.deals.scenario')} rules={[required, { max: 500 }]}>
          <Input data-testid="deal-scenario" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
