import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Progress, Row, Select, Space, Steps, Switch,
  Table, Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, ApiError, authorizationHeader, call, type Problem } from '../../api/client';
import { licenceSentences, type Lang } from '../../lib/licence';
import { INDUSTRIES } from '../../lib/urlState';
import { emptyText, ProblemAlert } from '../../ui';
import { ProductStatusTag } from './common';
import SandboxThreshold from './SandboxThreshold';
import { fromSheet, NEW_PRODUCT, percentToBp, shares, TEMPLATES, toDraft, type EditorValues, type Sheet } from './draft';
import { useLocalText } from '../../lib/localText';
import { ValuationCard } from '../market/ValuationCard';
import { LedgerRefusalNotice } from '../LedgerRefusalNotice';

const STEPS = ['basics', 'provenance', 'shares', 'schema', 'licence', 'pricing', 'compliance'] as const;
const SOURCE_TYPES = ['PUBLIC', 'ENTERPRISE', 'PERSONAL'] as const;
const LEVELS = ['GENERAL', 'IMPORTANT', 'CORE'] as const;
const MODES = ['FILE_DOWNLOAD', 'METERED_API', 'QUERY_SANDBOX'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Which step holds a field the server named in its problem, so the editor can take the merchant there. */
const STEP_OF_FIELD: [RegExp, (typeof STEPS)[number]][] = [
  [/provenance|quality/, 'provenance'], [/contributor|Share|platformFee|parentCertificates/, 'shares'], [/schema|sampleRows/, 'schema'],
  [/licence/, 'licence'], [/pricingPlans/, 'pricing'], [/filing|personalData/, 'compliance'],
];

/** The step holding a form field, by the field's name. */
function stepOfField(name: string): (typeof STEPS)[number] {
  if (/^(sources|collected|volumeRecords|updateFrequency|completeness|accuracy|qualityMethod)/.test(name)) return 'provenance';
  if (/^(contributors|platformFee|parentCertificates)/.test(name)) return 'shares';
  if (/^(schema|sampleRows)/.test(name)) return 'schema';
  if (/^(template|purposes|termDays|territory|seats|cap|royalty)/.test(name)) return 'licence';
  if (/^plans/.test(name)) return 'pricing';
  if (/^(filing|personal)/.test(name)) return 'compliance';
  return 'basics';
}

/** The guided product editor: a new product, or a product of the merchant's to change, upload a version of, or submit. */
export default function ProductEditor() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const local = useLocalText();
  const navigate = useNavigate();
  const location = useLocation();
  const queries = useQueryClient();
  const [form] = Form.useForm<EditorValues>();
  const [step, setStep] = useState(0);
  const sheet = useQuery({
    queryKey: ['merchant-sheet', id],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'IN_REVIEW' || q.state.data.pendingLedgerWrite) ? 3000 : false),
  });
  useEffect(() => {
    if (sheet.data) form.setFieldsValue(fromSheet(sheet.data));
  }, [sheet.data, form]);

  const save = useMutation({
    mutationFn: (draft: ReturnType<typeof toDraft>) => (id
      ? call(api.PUT('/api/merchant/products/{id}', { params: { path: { id } }, body: draft }))
      : call(api.POST('/api/merchant/products', { body: draft }))),
    onSuccess: (saved) => {
      queries.setQueryData(['merchant-sheet', saved.id], saved);
      void queries.invalidateQueries({ queryKey: ['merchant-products'] });
      if (!id) navigate(`/merchant/products/${saved.id}`, { replace: true, state: { saved: true } });
    },
    onError: (e) => {
      const field = e instanceof ApiError ? e.problem.field : undefined;
      const at = field ? STEP_OF_FIELD.find(([re]) => re.test(field)) : undefined;
      setStep(STEPS.indexOf(at ? at[1] : 'basics'));
    },
  });
  const onSave = async () => {
    try {
      await form.validateFields();
    } catch (e) {
      // Take the merchant to the step of the first field in error.
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name.join('_') ?? '';
      setStep(STEPS.indexOf(stepOfField(first)));
      return;
    }
    const values = form.getFieldsValue(true) as EditorValues;
    if (!shares(values).valid) {
      setStep(STEPS.indexOf('shares'));
      return;
    }
    save.mutate(toDraft(values));
  };

  const status = sheet.data?.status;
  const editable = !id || (status !== undefined && ['DRAFT', 'REJECTED', 'LISTED', 'SUSPENDED'].includes(status));
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {id ? (sheet.data ? local(sheet.data.title, sheet.data.titleEn) : '…') : t('merchant.editor.newTitle')}
        </Typography.Title>
        {status && <ProductStatusTag status={status} />}
      </Space>
      <ProblemAlert error={sheet.error} />
      {sheet.data?.pendingRevision && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon
          title={t('merchant.editor.revision', { status: t(`merchant.revisionStatus.${sheet.data.pendingRevision.status}`) })} />
      )}
      {sheet.data?.ledgerRefusal && <LedgerRefusalNotice refusal={sheet.data.ledgerRefusal} reader="merchant" />}
      {(location.state as { saved?: boolean } | null)?.saved && !save.isSuccess && (
        <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('merchant.editor.created')} data-testid="saved" />
      )}
      <Card style={{ marginTop: 16 }}>
        <Steps
          size="small"
          current={step}
          onChange={setStep}
          items={STEPS.map((s) => ({ title: t(`merchant.editor.step.${s}`) }))}
          style={{ marginBottom: 24 }}
        />
        <Form form={form} layout="vertical" initialValues={NEW_PRODUCT} disabled={!editable} requiredMark scrollToFirstError>
          <Section show={step === 0}><Basics /></Section>
          <Section show={step === 1}><Provenance /></Section>
          <Section show={step === 2}><Shares /></Section>
          <Section show={step === 3}><SchemaAndSamples /></Section>
          <Section show={step === 4}><Licence lang={lang} /></Section>
          <Section show={step === 5}><Pricing /></Section>
          <Section show={step === 6}><Compliance /></Section>
        </Form>
        <ProblemAlert error={save.error} />
        {save.isSuccess && id && <Alert type="success" showIcon title={t('merchant.editor.saved')} style={{ marginBottom: 16 }} data-testid="saved" />}
        <Space>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>{t('merchant.editor.back')}</Button>
          <Button disabled={step === STEPS.length - 1} onClick={() => setStep(step + 1)} data-testid="next-step">{t('merchant.editor.next')}</Button>
          {editable && (
            <Button type="primary" loading={save.isPending} onClick={() => void onSave()} data-testid="save-product">
              {id ? t('merchant.editor.saveChanges') : t('merchant.editor.create')}
            </Button>
          )}
        </Space>
      </Card>
      {sheet.data && (
        <Card size="small" style={{ marginTop: 16 }} title={t('market.valuation.title')}>
          <ValuationCard productId={sheet.data.id} />
        </Card>
      )}
      {sheet.data && <Versions sheet={sheet.data} />}
      {sheet.data && id && sheet.data.deliveryModes.includes('QUERY_SANDBOX') && <SandboxThreshold productId={id} />}
      {sheet.data && <Submission sheet={sheet.data} highlight={(location.state as { step?: string } | null)?.step === 'submit'} />}
    </>
  );
}

function Section({ show, children }: { show: boolean; children: React.ReactNode }) {
  // Hidden, not unmounted: the form keeps every step's values and checks them all on saving.
  return <div style={{ display: show ? 'block' : 'none' }}>{children}</div>;
}

function useRequired() {
  const { t } = useTranslation();
  return [{ required: true, message: t('merchant.required') }];
}

function Basics() {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('merchant.editor.bilingualHint')} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('merchant.editor.title')} rules={[...required, { max: 200 }]}>
            <Input placeholder={t('merchant.editor.titlePlaceholder')} data-testid="title" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('merchant.editor.category')} rules={[...required, { max: 100 }]} extra={t('merchant.editor.categoryHelp')}>
            <Input data-testid="category" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="titleEn" label={t('merchant.editor.titleEn')} rules={[{ max: 200 }]}>
        <Input lang="en" placeholder={t('merchant.editor.titleEnPlaceholder')} data-testid="titleEn" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="description" label={t('merchant.editor.description')} rules={[...required, { max: 8000 }]}>
            <Input.TextArea rows={4} placeholder={t('merchant.editor.descriptionPlaceholder')} data-testid="description" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="descriptionEn" label={t('merchant.editor.descriptionEn')} rules={[{ max: 8000 }]}>
            <Input.TextArea lang="en" rows={4} placeholder={t('merchant.editor.descriptionEnPlaceholder')} data-testid="descriptionEn" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="industry" label={t('merchant.editor.industry')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="industry" options={INDUSTRIES.map((v) => ({ value: v, label: t(`industry.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sourceType" label={t('merchant.editor.sourceType')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="sourceType" options={SOURCE_TYPES.map((v) => ({ value: v, label: t(`sourceType.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="classificationLevel" label={t('merchant.editor.classification')} rules={required} extra={t('merchant.editor.classificationHelp')}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="classification" options={LEVELS.map((v) => ({ value: v, label: t(`classification.${v}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="tags" label={t('merchant.editor.tags')}>
        <Select mode="tags" tokenSeparators={[',', '，']} aria-label={t('merchant.editor.tags')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="deliveryModes" label={t('merchant.editor.deliveryModes')} rules={[{ required: true, type: 'array', min: 1, message: t('merchant.required') }]}>
            <Checkbox.Group options={MODES.map((m) => ({ value: m, label: t(`delivery.${m}`) }))} data-testid="deliveryModes" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="crossBorderAllowed" label={t('merchant.editor.crossBorder')} valuePropName="checked">
            <Switch aria-label={t('merchant.editor.crossBorder')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function Provenance() {
  const { t } = useTranslation();
  const required = useRequired();
  const date = { pattern: DATE, message: t('merchant.editor.dateFormat') };
  return (
    <>
      <Form.Item name="sources" label={t('merchant.editor.sources')} rules={[{ required: true, type: 'array', min: 1, message: t('merchant.required') }]} extra={t('merchant.editor.sourcesHelp')}>
        <Select mode="tags" tokenSeparators={[';', '；']} data-testid="sources" aria-label={t('merchant.editor.sources')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="collectedFrom" label={t('merchant.editor.collectedFrom')} rules={[...required, date]}>
            <Input placeholder="2024-01-01" data-testid="collectedFrom" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="collectedTo" label={t('merchant.editor.collectedTo')} rules={[date]} extra={t('merchant.editor.ongoing')}>
            <Input placeholder="2025-12-31" data-testid="collectedTo" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="volumeRecords" label={t('merchant.editor.volume')} rules={required}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="volume" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="updateFrequency" label={t('merchant.editor.updateFrequency')} rules={[...required, { max: 60 }]}>
            <Input placeholder={t('merchant.editor.updateFrequencyPlaceholder')} data-testid="updateFrequency" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('merchant.editor.quality')}</Typography.Title>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="completenessPercent" label={t('merchant.editor.completeness')} rules={required}>
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="accuracyPercent" label={t('merchant.editor.accuracy')} rules={required}>
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="qualityMethod" label={t('merchant.editor.qualityMethod')} rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function Shares() {
  const { t } = useTranslation();
  const required = useRequired();
  const contributors = Form.useWatch('contributors') as EditorValues['contributors'] | undefined;
  const platformFee = Form.useWatch('platformFee') as string | undefined;
  const s = shares({ contributors: contributors ?? [], platformFee: platformFee ?? '' });
  const percent = { pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('merchant.editor.percentFormat') };
  const local = useLocalText();
  // The licences the organisation bought that permit deriving: a derived product names its parents among them.
  const choices = useQuery({ queryKey: ['parent-licences'], queryFn: () => call(api.GET('/api/merchant/products/parent-licences')) });
  const chosen = (Form.useWatch('parentCertificates') ?? []) as string[];
  const royaltiesBp = chosen.reduce((sum, c) => sum + ((choices.data ?? []).find((l) => l.certificateId === c)?.royaltyBp ?? 0), 0);
  return (
    <>
      <Typography.Paragraph>{t('merchant.editor.sharesIntro')}</Typography.Paragraph>
      <Form.Item name="parentCertificates" label={t('merchant.editor.parents')} extra={t('merchant.editor.parentsHelp')}>
        <Select
          mode="multiple"
          allowClear
          data-testid="parent-licences"
          aria-label={t('merchant.editor.parents')}
          loading={choices.isPending}
          notFoundContent={t('merchant.editor.parentsNone')}
          optionFilterProp="label"
          options={(choices.data ?? []).map((l) => ({
            value: l.certificateId,
            label: `${local(l.productTitle, l.productTitleEn)} · ${l.merchantName} · ${t('merchant.editor.parentRoyalty', { percent: l.royaltyBp / 100 })}`
              + (l.resale ? '' : ` · ${t('merchant.editor.parentNoResale')}`),
          }))}
        />
      </Form.Item>
      <Form.List name="contributors">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} align="top">
                <Col xs={24} md={9}>
                  <Form.Item name={[f.name, 'name']} label={t('merchant.editor.contributorName')} rules={[...required, { max: 200 }]}>
                    <Input data-testid={`contributor-${i}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'partyId']} label={t('merchant.editor.contributorParty')} rules={[...required, { max: 128 }]} extra={t('merchant.editor.contributorPartyHelp')}>
                    <Input data-testid={`contributor-${i}-party`} />
                  </Form.Item>
                </Col>
                <Col xs={18} md={5}>
                  <Form.Item name={[f.name, 'share']} label={t('merchant.editor.contributorShare')} rules={[...required, percent]}>
                    <Input suffix="%" data-testid={`contributor-${i}-share`} />
                  </Form.Item>
                </Col>
                <Col xs={6} md={2}>
                  <Form.Item label=" ">
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('merchant.editor.remove')} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', partyId: '', share: '' })} data-testid="add-contributor" style={{ marginBottom: 16 }}>
              {t('merchant.editor.addContributor')}
            </Button>
          </>
        )}
      </Form.List>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="platformFee" label={t('merchant.editor.platformFee')} rules={[...required, percent]} extra={t('merchant.editor.platformFeeHelp')}>
            <Input suffix="%" data-testid="platformFee" />
          </Form.Item>
        </Col>
      </Row>
      <Descriptions bordered size="small" column={1} data-testid="share-total" styles={{ content: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('merchant.editor.contributorsTotal')}>{(s.contributorsTotal / 100).toFixed(2)}%</Descriptions.Item>
        <Descriptions.Item label={t('merchant.editor.platformFee')}>{(s.feeBp / 100).toFixed(2)}%</Descriptions.Item>
        <Descriptions.Item label={t('merchant.editor.merchantShare')}>{(Math.max(s.merchantBp, 0) / 100).toFixed(2)}%</Descriptions.Item>
        {chosen.map((c) => {
          const l = (choices.data ?? []).find((x) => x.certificateId === c);
          return l && (
            <Descriptions.Item key={c} label={t('merchant.editor.royaltyLine', { merchant: l.merchantName,
              product: local(l.productTitle, l.productTitleEn), certificate: l.certificateId })}>{(l.royaltyBp / 100).toFixed(2)}%</Descriptions.Item>
          );
        })}
        {chosen.length > 0 && (
          <Descriptions.Item label={t('merchant.editor.royaltiesTotal')}>{(royaltiesBp / 100).toFixed(2)}%</Descriptions.Item>
        )}
        {chosen.length > 0 && (
          <Descriptions.Item label={t('merchant.editor.merchantNet')}>{(Math.max(s.merchantBp - royaltiesBp, 0) / 100).toFixed(2)}%</Descriptions.Item>
        )}
      </Descriptions>
      <div style={{ marginTop: 8 }} aria-live="polite">
        {!s.valid
          ? <Alert type="error" showIcon title={t('merchant.editor.sharesTooHigh')} />
          : royaltiesBp > s.merchantBp
            ? <Alert type="error" showIcon title={t('merchant.editor.royaltiesTooHigh')} />
            : <Alert type="success" showIcon title={t('merchant.editor.sharesOk')} />}
      </div>
    </>
  );
}

function SchemaAndSamples() {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('merchant.editor.schema')}</Typography.Title>
      <Form.List name="schema">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key}>
                <Col xs={24} md={7}>
                  <Form.Item name={[f.name, 'name']} label={t('merchant.editor.fieldName')} rules={[...required, { max: 100 }]}>
                    <Input data-testid={`field-${i}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={[f.name, 'type']} label={t('merchant.editor.fieldType')} rules={required}>
                    <Select options={['string', 'number', 'integer', 'boolean', 'date', 'timestamp'].map((v) => ({ value: v, label: v }))} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={10}>
                  <Form.Item name={[f.name, 'description']} label={t('merchant.editor.fieldMeaning')} rules={[{ max: 500 }]}>
                    <Input data-testid={`field-${i}-description`} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Form.Item label=" ">
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('merchant.editor.remove')} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', type: 'string', description: '' })} style={{ marginBottom: 16 }}>
              {t('merchant.editor.addField')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item
        name="sampleRows"
        label={t('merchant.editor.samples')}
        extra={t('merchant.editor.samplesHelp')}
        rules={[{
          validator: (_, v: string) => {
            try {
              const rows: unknown = JSON.parse(v || '[]');
              return Array.isArray(rows) && rows.length <= 20 && rows.every((r) => r && typeof r === 'object' && !Array.isArray(r))
                ? Promise.resolve() : Promise.reject(new Error(t('merchant.editor.samplesInvalid')));
            } catch {
              return Promise.reject(new Error(t('merchant.editor.samplesInvalid')));
            }
          },
        }]}
      >
        <Input.TextArea rows={5} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="sampleRows" />
      </Form.Item>
    </>
  );
}

function Licence({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const template = (Form.useWatch('template') ?? 'INTERNAL_ANALYSIS') as keyof typeof TEMPLATES;
  const purposes = (Form.useWatch('purposes') ?? []) as string[];
  const termDays = Form.useWatch('termDays') as number | undefined;
  const territory = Form.useWatch('territory') as string | undefined;
  const seats = Form.useWatch('seats') as number | undefined;
  const caps = {
    records: Form.useWatch('capRecords') as number | undefined, calls: Form.useWatch('capCalls') as number | undefined,
    queries: Form.useWatch('capQueries') as number | undefined, downloads: Form.useWatch('capDownloads') as number | undefined,
  };
  const royalty = Form.useWatch('royalty') as string | undefined;
  const base = (TEMPLATES[template] ?? TEMPLATES.INTERNAL_ANALYSIS) as (typeof TEMPLATES)[keyof typeof TEMPLATES] & { royaltyBp?: number };
  const compensates = base.royaltyBp !== undefined;
  const preview = licenceSentences({
    right: base.right, purposes: purposes.length ? purposes : [t('merchant.editor.purposePending')],
    termDays: termDays || base.termDays, territory: territory ?? 'DOMESTIC', seats: seats || base.seats,
    permittedActions: [...base.permittedActions], duties: [...base.duties], volumeCaps: caps,
    royaltyBp: compensates ? (percentToBp(royalty) ?? base.royaltyBp) : null,
  }, lang);
  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <Form.Item name="template" label={t('merchant.editor.template')} rules={useRequired()}>
          <Select data-testid="template" options={Object.keys(TEMPLATES).map((k) => ({ value: k, label: t(`template.${k}`) }))} />
        </Form.Item>
        <Form.Item name="purposes" label={t('merchant.editor.purposes')} extra={t('merchant.editor.purposesHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('merchant.required') }]}>
          <Select mode="tags" tokenSeparators={[';', '；']} data-testid="purposes" aria-label={t('merchant.editor.purposes')} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={8}>
            <Form.Item name="termDays" label={t('merchant.editor.termDays')}>
              <InputNumber min={1} max={3650} precision={0} placeholder={String(base.termDays)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="seats" label={t('merchant.editor.seats')}>
              <InputNumber min={1} max={10000} precision={0} placeholder={String(base.seats)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="territory" label={t('merchant.editor.territory')}>
              <Select options={['DOMESTIC', 'CROSS_BORDER'].map((v) => ({ value: v, label: t(`merchant.territory.${v}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {compensates && (
          <Form.Item name="royalty" label={t('merchant.editor.royalty')} extra={t('merchant.editor.royaltyHelp')}
            rules={[{ pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('merchant.editor.percentFormat') }]}>
            <Input suffix="%" placeholder={String((base.royaltyBp ?? 0) / 100)} data-testid="royalty" style={{ maxWidth: 200 }} />
          </Form.Item>
        )}
        <Typography.Text strong>{t('volume.editorTitle')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('volume.editorHelp')}</Typography.Paragraph>
        <Row gutter={8}>
          {(['Records', 'Calls', 'Queries', 'Downloads'] as const).map((m) => (
            <Col span={6} key={m}>
              <Form.Item name={`cap${m}`} label={t(`volume.measure.${m.toUpperCase()}`)}>
                <InputNumber min={1} max={1_000_000_000_000_000} precision={0} placeholder={t('volume.noCap')}
                  style={{ width: '100%' }} data-testid={`cap-${m.toLowerCase()}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('merchant.editor.licencePreview')} data-testid="licence-preview" aria-live="polite">
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {preview.map((s) => <li key={s}>{s}</li>)}
          </ul>
        </Card>
      </Col>
    </Row>
  );
}

function Pricing() {
  const { t } = useTranslation();
  const required = useRequired();
  const plans = (Form.useWatch('plans') ?? []) as EditorValues['plans'];
  const money = { pattern: /^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/, message: t('merchant.editor.moneyFormat') };
  return (
    <Form.List name="plans" rules={[{ validator: (_, v: unknown[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('merchant.editor.onePlan')))) }]}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => {
            const kind = plans[f.name]?.kind ?? 'ONE_OFF';
            return (
              <Card key={f.key} size="small" style={{ marginBottom: 12 }} data-testid={`plan-${i}`}
                title={t('merchant.editor.plan', { n: i + 1 })}
                extra={<Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('merchant.editor.remove')} />}>
                <Row gutter={8}>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'id']} label={t('merchant.editor.planId')} rules={[...required, { max: 40 }]}>
                      <Input data-testid={`plan-${i}-id`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'kind']} label={t('merchant.editor.planKind')} rules={required}>
                      <Select data-testid={`plan-${i}-kind`} options={['ONE_OFF', 'SUBSCRIPTION', 'METERED', 'PRIVATE_OFFER'].map((k) => ({ value: k, label: t(`planKind.${k}`) }))} />
                    </Form.Item>
                  </Col>
                  {kind !== 'METERED' && (
                    <Col xs={12} md={6}>
                      <Form.Item name={[f.name, 'price']} label={t('merchant.editor.price')} rules={[...required, money]}>
                        <Input prefix="¥" data-testid={`plan-${i}-price`} />
                      </Form.Item>
                    </Col>
                  )}
                  {kind === 'SUBSCRIPTION' && (
                    <Col xs={12} md={6}>
                      <Form.Item name={[f.name, 'period']} label={t('merchant.editor.period')} rules={required}>
                        <Select options={['MONTH', 'QUARTER', 'YEAR'].map((p) => ({ value: p, label: t(`period.${p}`) }))} />
                      </Form.Item>
                    </Col>
                  )}
                  {kind === 'PRIVATE_OFFER' && (
                    <Col xs={24} md={6}>
                      <Form.Item name={[f.name, 'buyerCreditCode']} label={t('merchant.editor.buyerCreditCode')} rules={[...required, { len: 18 }]}>
                        <Input maxLength={18} />
                      </Form.Item>
                    </Col>
                  )}
                  {kind === 'METERED' && (
                    <>
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'freeUnits']} label={t('merchant.editor.freeUnits')}>
                          <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`plan-${i}-free`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'unitPrice']} label={t('merchant.editor.unitPrice')} rules={[...required, money]}>
                          <Input prefix="¥" data-testid={`plan-${i}-unit`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'monthlyCap']} label={t('merchant.editor.monthlyCap')} rules={[money]} extra={t('merchant.editor.noCap')}>
                          <Input prefix="¥" />
                        </Form.Item>
                      </Col>
                    </>
                  )}
                </Row>
              </Card>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({ id: `plan-${fields.length + 1}`, kind: 'METERED', freeUnits: 0, unitPrice: '' })} data-testid="add-plan">
            {t('merchant.editor.addPlan')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

function Compliance() {
  const { t } = useTranslation();
  const required = useRequired();
  const level = Form.useWatch('classificationLevel') as string | undefined;
  const source = Form.useWatch('sourceType') as string | undefined;
  const needsFiling = level === 'IMPORTANT' || level === 'CORE';
  return (
    <>
      {!needsFiling && source !== 'PERSONAL' && <Alert type="info" showIcon title={t('merchant.editor.noFilingNeeded')} />}
      {needsFiling && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('merchant.editor.filing')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('merchant.editor.filingHelp')}</Typography.Paragraph>
          <Row gutter={16}>
            {(['reference', 'source', 'purpose', 'scope', 'responsibleParty', 'sharing', 'protections'] as const).map((k) => (
              <Col xs={24} md={12} key={k}>
                <Form.Item name={['filing', k]} label={t(`merchant.filing.${k}`)} rules={required}>
                  <Input data-testid={`filing-${k}`} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Form.Item name={['filing', 'scaleRecords']} label={t('merchant.filing.scaleRecords')} rules={required}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['filing', 'crossBorder']} label={t('merchant.filing.crossBorder')} valuePropName="checked">
                <Switch aria-label={t('merchant.filing.crossBorder')} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      {source === 'PERSONAL' && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('merchant.editor.personalData')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="personalKind" label={t('merchant.editor.personalKind')} rules={required}>
                <Select options={['CONSENT', 'ANONYMISATION_ATTESTATION'].map((k) => ({ value: k, label: t(`personalBasis.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="personalReference" label={t('merchant.editor.personalReference')} rules={[...required, { max: 128 }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}

async function sha256Hex(file: File): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null; // only in a secure context (https or loopback)
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Uploads a version with the upload's progress; the exchange computes the SHA-256 of what it stored. */
function uploadVersion(productId: string, version: string, file: File, onProgress: (percent: number) => void): Promise<Sheet> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/merchant/products/${encodeURIComponent(productId)}/versions`);
    const auth = authorizationHeader();
    if (auth) xhr.setRequestHeader('Authorization', auth);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Sheet);
      else reject(new ApiError((body as Problem) ?? { title: xhr.statusText || 'Error', status: xhr.status }));
    };
    xhr.onerror = () => reject(new Error('network'));
    const data = new FormData();
    data.append('version', version);
    data.append('file', file);
    xhr.send(data);
  });
}

function Versions({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [version, setVersion] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [localDigest, setLocalDigest] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      setProgress(0);
      setLocalDigest(await sha256Hex(file!));
      return uploadVersion(sheet.id, version.trim(), file!, setProgress);
    },
    onSuccess: (saved) => {
      queries.setQueryData(['merchant-sheet', sheet.id], saved);
      setFile(null);
    },
  });
  const uploaded = upload.data?.versions.find((v) => v.version === version.trim());
  const rows = useMemo(() => [...sheet.versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [sheet.versions]);
  const canUpload = sheet.status !== 'DELISTED' && sheet.status !== 'IN_REVIEW';
  return (
    <Card title={t('merchant.versions.title')} style={{ marginTop: 16 }}>
      {canUpload && (
        <Space wrap align="start" style={{ marginBottom: 16 }}>
          <Input aria-label={t('merchant.versions.version')} placeholder={t('merchant.versions.version')} value={version}
            onChange={(e) => setVersion(e.target.value)} style={{ width: 140 }} data-testid="version-name" maxLength={40} />
          <label className="ant-btn ant-btn-default" style={{ display: 'inline-flex', alignItems: 'center', gap: 8, padding: '4px 15px', cursor: 'pointer' }}>
            <UploadOutlined /> {file ? file.name : t('merchant.versions.choose')}
            <input type="file" data-testid="version-file" style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <Button type="primary" disabled={!file || !version.trim()} loading={upload.isPending} onClick={() => upload.mutate()} data-testid="upload-version">
            {t('merchant.versions.upload')}
          </Button>
        </Space>
      )}
      {progress !== null && (upload.isPending || upload.isSuccess) && (
        <Progress percent={progress} status={upload.isSuccess ? 'success' : 'active'} aria-label={t('merchant.versions.progress')} />
      )}
      <ProblemAlert error={upload.error} />
      {uploaded && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="upload-done"
          title={t('merchant.versions.uploaded', { version: uploaded.version })}
          description={<>
            <div>SHA-256: <code data-testid="uploaded-sha256">{uploaded.sha256}</code></div>
            {localDigest && <div>{localDigest === uploaded.sha256 ? t('merchant.versions.digestMatches') : t('merchant.versions.digestDiffers')}</div>}
          </>} />
      )}
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: emptyText(t('merchant.versions.none')) }}
        scroll={{ x: 720 }}
        columns={[
          { title: t('merchant.versions.version'), dataIndex: 'version' },
          { title: 'SHA-256', dataIndex: 'sha256', render: (h: string) => <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{h}</code> },
          { title: t('merchant.versions.size'), dataIndex: 'sizeBytes', align: 'right', render: (n: number) => n.toLocaleString() },
          { title: t('merchant.versions.uploadedAt'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          {
            title: t('merchant.versions.ledger'), dataIndex: 'ledgerTxId',
            render: (tx: string | null, v) => (tx
              ? <span data-testid={`ledger-${v.version}`}>{t('merchant.versions.block', { block: v.ledgerBlock })} · <code style={{ fontSize: 12 }}>{tx.slice(0, 16)}…</code></span>
              : <Typography.Text type="secondary">{t('merchant.versions.notRegistered')}</Typography.Text>),
          },
        ]}
      />
    </Card>
  );
}

function Submission({ sheet, highlight }: { sheet: Sheet; highlight: boolean }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ sourceLawful: boolean; rightsHeld: boolean; qualityAsDescribed: boolean; statement?: string }>();
  const submit = useMutation({
    mutationFn: (d: { sourceLawful: boolean; rightsHeld: boolean; qualityAsDescribed: boolean; statement?: string }) =>
      call(api.POST('/api/merchant/products/{id}/submit', { params: { path: { id: sheet.id } }, body: { ...d, statement: d.statement ?? null } })),
    onSuccess: (saved) => {
      queries.setQueryData(['merchant-sheet', sheet.id], saved);
      void queries.invalidateQueries({ queryKey: ['merchant-products'] });
    },
  });
  const revision = sheet.pendingRevision;
  const submittable = sheet.status === 'DRAFT' || sheet.status === 'REJECTED' || revision?.status === 'DRAFT';
  const declaration = revision?.declaration ?? sheet.compliance.declaration;
  const mustTick = (field: string) => [{
    validator: (_: unknown, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('merchant.submit.mustTick')))),
  }].map((r) => ({ ...r, field }));
  return (
    <Card title={t('merchant.submit.title')} style={{ marginTop: 16, borderColor: highlight && submittable ? '#1f4e99' : undefined }} data-testid="submission">
      {!submittable && sheet.status === 'IN_REVIEW' && <Alert type="info" showIcon title={t('merchant.submit.inReview')} data-testid="in-review" />}
      {!submittable && declaration && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('merchant.submit.declaredAt', { at: dayjs(declaration.declaredAt).format('YYYY-MM-DD HH:mm'), by: declaration.declaredBy })}
        </Typography.Paragraph>
      )}
      {submittable && (
        <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} initialValues={{ sourceLawful: false, rightsHeld: false, qualityAsDescribed: false }}>
          <Typography.Paragraph>{t('merchant.submit.intro')}</Typography.Paragraph>
          {sheet.versions.length === 0 && !revision?.version && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('merchant.submit.noVersion')} />}
          {(['sourceLawful', 'rightsHeld', 'qualityAsDescribed'] as const).map((k) => (
            <Form.Item key={k} name={k} valuePropName="checked" rules={mustTick(k)} style={{ marginBottom: 8 }}>
              <Checkbox><span data-testid={`declare-${k}`}>{t(`merchant.submit.${k}`)}</span></Checkbox>
            </Form.Item>
          ))}
          <Form.Item name="statement" label={t('merchant.submit.statement')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <ProblemAlert error={submit.error} />
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="submit-for-review">{t('merchant.submit.button')}</Button>
        </Form>
      )}
    </Card>
  );
}
