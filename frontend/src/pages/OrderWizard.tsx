import { useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Radio, Select, Skeleton, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../api/client';
import { licenceSentences, type Lang } from '../lib/licence';
import { attemptKey, finishAttempt } from '../lib/orderAttempt';
import { isMainland, REGIONS } from '../lib/regions';
import { Money, PlanInWords, ProblemAlert, problemText } from '../ui';
import { useLocalText } from '../lib/localText';
import { orderPath } from '../lib/orderPath';
import { useSession } from '../auth/session';

interface WizardValues {
  planId: string;
  purpose: string;
  location: string;
  buyerLocation: string;
  licenceRead: boolean;
  securityAgreementAccepted: boolean;
  exportAssessmentRef?: string;
}

/** Which step holds the field a refusal names, and the form field to mark. */
function fieldOfProblem(field: string | undefined, detail: string | undefined): { step: number; name: keyof WizardValues } | null {
  switch (field) {
    case 'planId': return { step: 0, name: 'planId' };
    case 'scenario': case 'scenario.purpose': case 'scenario.location':
      return /purpose/i.test(detail ?? '') && field !== 'scenario.location' ? { step: 1, name: 'purpose' } : { step: 1, name: 'location' };
    case 'buyerLocation': return { step: 1, name: 'buyerLocation' };
    case 'securityAgreementAccepted': return { step: 2, name: 'securityAgreementAccepted' };
    case 'exportAssessmentRef': return { step: 2, name: 'exportAssessmentRef' };
    default: return null;
  }
}

export default function OrderWizard() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const local = useLocalText();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const navigate = useNavigate();
  const { account } = useSession();
  const queries = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);

  const sheet = useQuery({ queryKey: ['product', id, 'order'], queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id } } })) });
  const wallet = useQuery({ queryKey: ['wallet'], queryFn: () => call(api.GET('/api/wallet')) });
  const agreement = useQuery({ queryKey: ['security-agreement'], queryFn: () => call(api.GET('/api/agreements/data-security')) });

  const planId = Form.useWatch('planId', form);
  const location = Form.useWatch('location', form);
  const buyerLocation = Form.useWatch('buyerLocation', form);

  if (sheet.isPending) return <Skeleton active />;
  if (sheet.error) return <ProblemAlert error={sheet.error} />;
  const p = sheet.data;
  const plan: Schemas['PricingPlan'] | undefined = p.pricingPlans.find((pl) => pl.id === planId);
  const gated = p.classification.level !== 'GENERAL';
  const abroad = (location && !isMainland(location)) || (buyerLocation && !isMainland(buyerLocation));
  const available = wallet.data?.find((b) => b.kind === 'AVAILABLE' && b.currency === (plan?.currency ?? 'CNY'));
  const total = plan ? (plan.kind === 'METERED' ? 0 : plan.priceMinor) : 0;

  const stepFields: (keyof WizardValues)[][] = [['planId'], ['purpose', 'location', 'buyerLocation'], ['licenceRead'], []];
  const next = async () => {
    await form.validateFields(stepFields[step]);
    setStep(step + 1);
  };

  const submit = async () => {
    if (sending.current) return; // a double click sends once
    sending.current = true;
    setBusy(true);
    setFailure(null);
    try {
      const v = form.getFieldsValue(true) as WizardValues;
      const body = {
        productId: p.id, planId: v.planId,
        scenario: { purpose: v.purpose, location: v.location },
        buyerLocation: v.buyerLocation,
        securityAgreementAccepted: !!v.securityAgreementAccepted,
        exportAssessmentRef: v.exportAssessmentRef?.trim() || null,
      };
      const key = attemptKey(p.id, body);
      const order = await call(api.POST('/api/orders', { params: { header: { 'Idempotency-Key': key } }, body }));
      let final = order;
      if (order.status === 'CREATED') {
        final = await call(api.POST('/api/orders/{id}/pay', { params: { path: { id: order.id } } }));
      }
      finishAttempt(p.id);
      void queries.invalidateQueries({ queryKey: ['orders'] });
      void queries.invalidateQueries({ queryKey: ['wallet'] });
      message.success(final.status === 'AWAITING_APPROVAL' ? t('wizard.awaitingApproval') : t('wizard.paid'));
      navigate(orderPath(account?.role, final.id));
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError) {
        const target = fieldOfProblem(e.problem.field, e.problem.detail);
        if (target) {
          setStep(target.step);
          form.setFields([{ name: target.name, errors: [problemText(t, e.problem)] }]);
        }
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const regionOptions = REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }));

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('wizard.title', { title: local(p.title, p.titleEn) })}</Typography.Title>
      <Steps current={step} style={{ margin: '16px 0 24px' }} items={[
        { title: t('wizard.step.plan') }, { title: t('wizard.step.scenario') }, { title: t('wizard.step.agreement') }, { title: t('wizard.step.pay') },
      ]} />
      <ProblemAlert error={failure} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ planId: p.pricingPlans[0]?.id, securityAgreementAccepted: false, licenceRead: false }}>
        <div hidden={step !== 0}><Card>
          <Form.Item name="planId" label={t('wizard.plan')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Radio.Group>
              <Space direction="vertical">
                {p.pricingPlans.map((pl) => (
                  <Radio key={pl.id} value={pl.id}>
                    <strong>{t(`planKind.${pl.kind}`)}</strong> · <PlanInWords plan={pl} />
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        </Card></div>
        <div hidden={step !== 1}><Card>
          <Form.Item name="purpose" label={t('wizard.purpose')} extra={t('wizard.purposeHelp')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Select options={p.licence.terms.purposes.map((x) => ({ value: x, label: x }))} placeholder={t('wizard.choose')} />
          </Form.Item>
          <Form.Item name="location" label={t('wizard.location')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Select options={regionOptions} placeholder={t('wizard.choose')} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="buyerLocation" label={t('wizard.buyerLocation')} rules={[{ required: true, message: t('wizard.required') }]}>
            <Select options={regionOptions} placeholder={t('wizard.choose')} showSearch optionFilterProp="label" />
          </Form.Item>
        </Card></div>
        <div hidden={step !== 2}><Card>
          <Typography.Title level={2} style={{ fontSize: 17 }}>{t('wizard.agreementInWords')}</Typography.Title>
          <ul>{licenceSentences(p.licence.terms, lang).map((s) => <li key={s}>{s}</li>)}</ul>
          <Form.Item name="licenceRead" valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('wizard.mustAccept')))) }]}>
            <Checkbox>{t('wizard.licenceRead')}</Checkbox>
          </Form.Item>
          {gated && (
            <>
              <Typography.Title level={2} style={{ fontSize: 17 }}>{t('wizard.securityAgreement')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('wizard.securityAgreementWhy', { level: t(`classification.${p.classification.level}`) })}</Typography.Paragraph>
              <blockquote style={{ margin: '0 0 12px', padding: '8px 12px', background: '#fafafa', borderLeft: '3px solid #d4b106' }}>
                {agreement.data?.text}
              </blockquote>
              <Form.Item name="securityAgreementAccepted" valuePropName="checked">
                <Checkbox>{t('wizard.acceptSecurityAgreement')}</Checkbox>
              </Form.Item>
            </>
          )}
          {abroad && (
            <Form.Item name="exportAssessmentRef" label={t('wizard.exportAssessmentRef')} extra={t('wizard.exportAssessmentHelp')}>
              <Input maxLength={128} />
            </Form.Item>
          )}
        </Card></div>
        <div hidden={step !== 3}><Card>
          <Descriptions column={1} bordered size="small" items={[
            { key: 'plan', label: t('wizard.plan'), children: plan ? <PlanInWords plan={plan} /> : '—' },
            { key: 'total', label: t('wizard.total'), children: <strong data-testid="order-total"><Money minor={total} currency={plan?.currency ?? 'CNY'} /></strong> },
            { key: 'balance', label: t('wizard.balance'), children: available ? <Money minor={available.balanceMinor} currency={available.currency} /> : '—' },
          ]} />
          {available && available.balanceMinor < total && (
            <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>{t('wizard.notEnough')}</Typography.Paragraph>
          )}
          {gated && p.classification.requiresRegulatorApproval && (
            <Typography.Paragraph style={{ marginTop: 12 }}>{t('wizard.regulatorNote')}</Typography.Paragraph>
          )}
        </Card></div>
        <Flex gap={12} style={{ marginTop: 16 }}>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('wizard.back')}</Button>}
          {step < 3 ? (
            // Validates this step's fields only; the whole form is checked by the exchange when the order is placed.
            <Button type="primary" onClick={() => void next().catch(() => undefined)} data-testid="wizard-next">{t('wizard.next')}</Button>
          ) : (
            <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="pay-button">
              {p.classification.requiresRegulatorApproval ? t('wizard.placeForApproval') : t('wizard.confirmAndPay')}
            </Button>
          )}
        </Flex>
      </Form>
    </>
  );
}
