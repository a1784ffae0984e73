// One of the buyer's needs with its answers side by side (product, licence in plain words, price against the budget
// and the public price), and the acceptance that places an ordinary order on the chosen private offer.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Modal, Popconfirm, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { REGIONS } from '../../lib/regions';
import { ClassificationTag, LinkButton, Money, ProblemAlert } from '../../ui';
import { NeedStateTag } from './Needs';

type Answer = Schemas['MatchingViews.AnswerView'];

export default function NeedDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const [choosing, setChoosing] = useState<Answer | null>(null);
  const [form] = Form.useForm<{ buyerLocation: string; securityAgreementAccepted: boolean }>();
  const need = useQuery({ queryKey: ['need', id], queryFn: () => call(api.GET('/api/needs/{id}', { params: { path: { id } } })) });
  const answers = useQuery({
    queryKey: ['need', id, 'answers'],
    queryFn: () => call(api.GET('/api/needs/{id}/answers', { params: { path: { id } } })),
  });
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['need', id] });
    void queries.invalidateQueries({ queryKey: ['needs'] });
    void queries.invalidateQueries({ queryKey: ['orders'] });
  };
  const accept = useMutation({
    mutationFn: (v: { answerId: string; buyerLocation: string; securityAgreementAccepted: boolean }) =>
      call(api.POST('/api/needs/{id}/answers/{answerId}/accept', {
        params: { path: { id, answerId: v.answerId } },
        body: { buyerLocation: v.buyerLocation, securityAgreementAccepted: v.securityAgreementAccepted },
      })),
    onSuccess: () => { setChoosing(null); refresh(); },
  });
  const withdraw = useMutation({
    mutationFn: () => call(api.POST('/api/needs/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: refresh,
  });

  if (need.isPending) return <Skeleton active />;
  if (need.error) return <ProblemAlert error={need.error} />;
  const n = need.data;
  const en = i18n.language === 'en';
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24 }}>{n.title}</Typography.Title>
        <Space>
          <NeedStateTag state={n.state} />
          {n.state === 'OPEN' && (
            <Popconfirm title={t('market.needs.withdraw')} onConfirm={() => withdraw.mutate()}>
              <Button danger>{t('market.needs.withdraw')}</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      <ProblemAlert error={withdraw.error} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'd', label: t('market.needs.description'), children: n.description, span: 2 },
        { key: 'i', label: t('market.needs.industry'), children: t(`industry.${n.industry}`) },
        { key: 's', label: t('market.needs.purpose'), children: `${n.scenario.purpose} · ${n.scenario.location}` },
        { key: 'b', label: t('market.needs.budget'), children: <><Money minor={n.budget.minMinor} currency={n.budget.currency} /> – <Money minor={n.budget.maxMinor} currency={n.budget.currency} /></> },
        { key: 'dl', label: t('market.needs.deadline'), children: dayjs(n.deadline).format('YYYY-MM-DD HH:mm') },
        { key: 'c', label: t('market.needs.classifications'), children: n.acceptableClassifications.map((c) => <ClassificationTag key={c} level={c} />) },
      ]} />
      {n.orderId && (
        <Alert type="success" showIcon style={{ margin: '12px 0' }} data-testid="need-matched" title={t('market.compare.accepted')}
          action={<LinkButton to={`/orders/${n.orderId}`} type="primary" data-testid="need-order">{t('market.compare.toOrder')}</LinkButton>} />
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 16 }}>{t('market.compare.title')}</Typography.Title>
      <ProblemAlert error={answers.error} />
      {answers.data && answers.data.length === 0 && <Empty description={t('market.compare.none')} />}
      <Row gutter={[16, 16]} data-testid="answers">
        {(answers.data ?? []).map((a) => (
          <Col key={a.id} xs={24} md={12} xl={8}>
            <Card size="small" data-testid="answer" title={a.merchantName}
              extra={<Tag color={a.state === 'ACCEPTED' ? '#2e6b30' : undefined}>{t(`market.answerState.${a.state}`)}</Tag>}>
              <Descriptions size="small" column={1} items={[
                { key: 'p', label: t('market.compare.product'), children: <Link to={`/products/${a.productId}`}>{a.productTitle}</Link> },
                { key: 'c', label: t('sheet.category'), children: <ClassificationTag level={a.classificationLevel} /> },
                { key: 'price', label: t('market.compare.price'), children: (
                  <Space><Money minor={a.priceMinor} currency={a.currency} />
                    <Tag color={a.withinBudget ? '#2e6b30' : '#9a4a00'}>{a.withinBudget ? t('market.compare.withinBudget') : t('market.compare.overBudget')}</Tag></Space>
                ) },
                { key: 'pub', label: t('market.compare.publicPrice'), children: a.publicPriceMinor != null ? <Money minor={a.publicPriceMinor} currency={a.currency} /> : '—' },
                { key: 'd', label: t('market.compare.delivery'), children: a.deliveryModes.map((m) => t(`delivery.${m}`)).join('、') },
                { key: 'l', label: t('market.compare.licence'), children: (en ? a.licenceSummaryEn : a.licenceSummaryZh) ?? '—' },
                { key: 'n', label: t('market.compare.note'), children: a.note || '—' },
              ]} />
              {n.state === 'OPEN' && a.state === 'OFFERED' && (
                <Button type="primary" block onClick={() => setChoosing(a)} data-testid="accept-answer">{t('market.compare.accept')}</Button>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Modal open={!!choosing} title={choosing ? t('market.compare.acceptTitle', { merchant: choosing.merchantName }) : ''}
        onCancel={() => setChoosing(null)} onOk={() => form.submit()} confirmLoading={accept.isPending} destroyOnHidden
        okButtonProps={{ 'data-testid': 'accept-confirm' } as never}>
        <ProblemAlert error={accept.error} />
        <Form form={form} layout="vertical" initialValues={{ buyerLocation: 'CN-SH', securityAgreementAccepted: false }}
          onFinish={(v) => choosing && accept.mutate({ answerId: choosing.id, ...v })}>
          <Form.Item name="buyerLocation" label={t('market.compare.buyerLocation')}>
            <Select options={REGIONS.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
          {choosing && choosing.classificationLevel !== 'GENERAL' && (
            <Form.Item name="securityAgreementAccepted" valuePropName="checked">
              <Checkbox>{t('market.compare.securityAgreement')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
