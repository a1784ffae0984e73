import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ClassificationTag, DeliveryModeIcons, GateBadges, PlanInWords, ProblemAlert } from '../../ui';
import { LedgerListingView, ProductStatusTag, ReasonDialog, when } from './parts';
import { useLocalText } from '../../lib/localText';
import { LedgerRefusalNotice } from '../LedgerRefusalNotice';

const OUTCOME_COLOURS: Record<string, string> = { PASSED: '#2e6b30', FAILED: '#a61b1b', NOTE: '#9a4a00', NOT_APPLICABLE: '#4b5563' };

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * One review: the product sheet, the merchant's declaration and the filing record side by side, the review rules'
 * findings, a revision's changes against the listed terms, and the decision (approve with an optional note, or reject
 * with a reason). After a decision the listing as the ledger holds it is shown.
 */
export default function ReviewDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const local = useLocalText();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [decided, setDecided] = useState<'approved' | 'rejected' | null>(null);
  const [note, setNote] = useState('');

  const sheet = useQuery({
    queryKey: ['product', id, 'operator'],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id } } })),
  });
  const dossier = useQuery({
    queryKey: ['operator', 'dossier', id],
    queryFn: () => call(api.GET('/api/operator/products/{id}/dossier', { params: { path: { id } } })),
  });
  const revision = useQuery({
    queryKey: ['operator', 'revision', id],
    queryFn: () => call(api.GET('/api/operator/products/{id}/revision', { params: { path: { id } } })),
    enabled: dossier.data?.kind === 'REVISION',
  });
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['operator'] });
    void queries.invalidateQueries({ queryKey: ['product', id] });
  };
  const approve = useMutation({
    mutationFn: () => call(api.POST('/api/operator/products/{id}/approve', { params: { path: { id } }, body: { note: note.trim() || null } })),
    onSuccess: () => { setDecided('approved'); message.success(t('operator.review.approved')); refresh(); },
  });
  const reject = async (reason: string) => {
    await call(api.POST('/api/operator/products/{id}/reject', { params: { path: { id } }, body: { reason } }));
    setRejecting(false);
    setDecided('rejected');
    message.success(t('operator.review.rejected'));
    refresh();
  };

  if (sheet.isPending || dossier.isPending) return <Skeleton active />;
  if (sheet.error || dossier.error) return <ProblemAlert error={sheet.error ?? dossier.error} />;
  const p = sheet.data;
  const d = dossier.data;
  const inReview = d.kind !== null && d.kind !== undefined && !decided;
  const declaration = d.declaration;
  const card = (title: string, body: React.ReactNode, testId?: string) => (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>}>{body}</Card>
  );
  const yesNo = (b: boolean) => <Tag color={b ? '#2e6b30' : '#a61b1b'}>{b ? t('operator.review.yes') : t('operator.review.no')}</Tag>;

  return (
    <>
      <Link to="/operator/reviews">← {t('operator.review.back')}</Link>
      <Flex justify="space-between" align="start" gap={16} wrap style={{ marginTop: 8 }}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }} data-testid="review-title">{local(d.title, d.titleEn)}</Typography.Title>
          <Space wrap size={[4, 4]}>
            {d.kind && <Tag color={d.kind === 'REVISION' ? '#6b21a8' : '#1d4ed8'}>{t(`operator.kind.${d.kind}`)}</Tag>}
            <ProductStatusTag status={p.status} />
            <ClassificationTag level={d.classificationLevel} />
            <GateBadges level={d.classificationLevel} requiresApproval={d.classificationLevel === 'CORE'} crossBorderAllowed={d.crossBorderAllowed} />
          </Space>
        </div>
      </Flex>

      {inReview && p.ledgerRefusal && <LedgerRefusalNotice refusal={p.ledgerRefusal} reader="operator" />}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={10}>
          {card(t('operator.review.sheet'), (
            <>
              <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }}>{local(p.description, p.descriptionEn)}</Typography.Paragraph>
              <Descriptions size="small" column={1} items={[
                { key: 'm', label: t('operator.reviews.merchant'), children: `${p.merchant.name}（${p.merchant.creditCode}）` },
                { key: 'i', label: t('operator.reviews.industry'), children: t(`industry.${d.industry}`) },
                { key: 's', label: t('catalogue.filter.sourceType'), children: t(`sourceType.${d.sourceType}`) },
                { key: 'c', label: t('operator.reviews.classification'), children: `${t(`classification.${d.classificationLevel}`)} · ${d.category}` },
                { key: 'src', label: t('operator.review.provenance'), children: p.provenance.sources.join('、') },
                { key: 'range', label: t('operator.review.collected'), children: `${p.provenance.collectedFrom} — ${p.provenance.collectedTo ?? '…'}` },
                { key: 'vol', label: t('operator.review.volume'), children: p.provenance.volumeRecords.toLocaleString() },
                { key: 'upd', label: t('operator.review.updates'), children: p.provenance.updateFrequency },
                { key: 'dm', label: t('catalogue.filter.deliveryMode'), children: <DeliveryModeIcons modes={d.deliveryModes} /> },
                { key: 'lic', label: t('operator.review.licence'), children: i18n.language === 'en' ? p.licence.summaryEn : p.licence.summaryZh },
                { key: 'plans', label: t('operator.review.plans'), children: <List size="small" split={false} dataSource={p.pricingPlans} renderItem={(pl) => <List.Item style={{ padding: 0 }}><PlanInWords plan={pl} /></List.Item>} /> },
                { key: 'v', label: t('operator.review.versions'), children: p.versions.map((v) => <div key={v.version}>{v.version} · <code className="hash">{v.sha256.slice(0, 16)}…</code></div>) },
              ]} />
            </>
          ), 'review-sheet')}
        </Col>
        <Col xs={24} md={12} xl={7}>
          {card(t('operator.review.declaration'), declaration ? (
            <Descriptions size="small" column={1} items={[
              { key: 'a', label: t('operator.review.sourceLawful'), children: yesNo(declaration.sourceLawful) },
              { key: 'b', label: t('operator.review.rightsHeld'), children: yesNo(declaration.rightsHeld) },
              { key: 'c', label: t('operator.review.qualityAsDescribed'), children: yesNo(declaration.qualityAsDescribed) },
              { key: 'd', label: t('operator.review.statement'), children: declaration.statement || '—' },
              { key: 'e', label: t('operator.review.declaredBy'), children: declaration.declaredBy },
              { key: 'f', label: t('operator.review.declaredAt'), children: when(declaration.declaredAt) },
            ]} />
          ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('operator.review.noDeclaration')} />, 'review-declaration')}
        </Col>
        <Col xs={24} md={12} xl={7}>
          {card(t('operator.review.filing'), (
            <>
              {d.filing ? (
                <Descriptions size="small" column={1} items={[
                  ...(['reference', 'source', 'purpose', 'scope', 'responsibleParty', 'sharing', 'protections'] as const)
                    .map((k) => ({ key: k, label: t(`operator.review.filingField.${k}`), children: <>{d.filing![k]}</> })),
                  { key: 'crossBorder', label: t('operator.review.filingField.crossBorder'), children: yesNo(d.filing.crossBorder) },
                  { key: 'scale', label: t('operator.review.filingField.scaleRecords'), children: <>{d.filing.scaleRecords.toLocaleString()}</> },
                ]} />
              ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('operator.review.noFiling')} />}
              {d.personalData && (
                <Descriptions size="small" column={1} style={{ marginTop: 12 }} items={[
                  { key: 'pd', label: t('operator.review.personalData'), children: `${t(`personalBasis.${d.personalData.kind}`)} · ${d.personalData.reference}` },
                ]} />
              )}
            </>
          ), 'review-filing')}
        </Col>
      </Row>

      <Card size="small" style={{ marginTop: 16 }} data-testid="review-findings"
        title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('operator.review.findings')}</Typography.Title>}>
        <List size="small" dataSource={d.findings} renderItem={(f) => (
          <List.Item data-rule={f.rule} data-outcome={f.outcome}>
            <Space wrap>
              <Tag color={OUTCOME_COLOURS[f.outcome]}>{t(`operator.outcome.${f.outcome}`)}</Tag>
              <span>{t(`operator.rule.${f.rule}`)}</span>
              {f.items.length > 0 && <Typography.Text type="secondary">
                {f.rule === 'CLASSIFICATION_GATES' ? f.items.map((g) => t(`operator.gate.${g}`, { defaultValue: g })).join('；')
                  : f.rule === 'RAW_PUBLIC_DATA' ? f.items.map((m) => t(`delivery.${m}`)).join('、') : f.items.join('、')}
              </Typography.Text>}
            </Space>
          </List.Item>
        )} />
      </Card>

      {d.parents.length > 0 && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="review-parents"
          title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('operator.review.parents')}</Typography.Title>}>
          <Typography.Paragraph type="secondary">{t('operator.review.parentsIntro')}</Typography.Paragraph>
          <Table size="small" rowKey="certificateId" pagination={false} dataSource={d.parents} scroll={{ x: true }} columns={[
            { title: t('operator.review.parentLicence'), dataIndex: 'certificateId', render: (c: string) => <code>{c}</code> },
            { title: t('operator.review.parentProduct'), dataIndex: 'productTitle', render: (title: string, c) => local(title, c.productTitleEn) },
            { title: t('operator.review.parentMerchant'), dataIndex: 'merchantName' },
            // Short columns keep their heading on one line; the checks are solid tags (the light presets fall below 4.5:1).
            { title: t('operator.review.royalty'), dataIndex: 'royaltyBp', align: 'right', onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (bp: number) => <span style={{ whiteSpace: 'nowrap' }}>{`${bp / 100}%`}</span> },
            ...(['held', 'inForce', 'derive', 'resale'] as const).map((k) => ({
              title: t(`operator.review.${k}`), dataIndex: k, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (ok: boolean) => <Tag color={ok ? '#2e6b30' : '#a61b1b'} data-check={k}>{t(ok ? 'operator.review.yes' : 'operator.review.no')}</Tag>,
            })),
          ]} />
        </Card>
      )}

      {d.kind === 'REVISION' && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="review-revision"
          title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('operator.review.revision')}</Typography.Title>}>
          <ProblemAlert error={revision.error} />
          <Table size="small" rowKey="field" pagination={false} loading={revision.isPending} dataSource={revision.data?.changes} columns={[
            { title: t('operator.review.field'), dataIndex: 'field', width: 200, render: (f: string) => <code>{f}</code> },
            { title: t('operator.review.listed'), dataIndex: 'listed', render: (v: unknown) => <span className="diff-old">{show(v)}</span> },
            { title: t('operator.review.proposed'), dataIndex: 'proposed', render: (v: unknown) => <span className="diff-new">{show(v)}</span> },
          ]} />
        </Card>
      )}

      <Card size="small" style={{ marginTop: 16 }}>
        {inReview ? (
          <>
            {!d.approvable && <Typography.Paragraph type="danger">{t('operator.review.notApprovable')}</Typography.Paragraph>}
            {p.ledgerRefusal && <Typography.Paragraph type="danger" data-testid="review-refusal-next">{t('ledgerRefusal.next.operator')}</Typography.Paragraph>}
            <ProblemAlert error={approve.error} />
            <Form layout="vertical">
              <Form.Item label={t('operator.review.approveNote')} htmlFor="approve-note">
                <Input.TextArea id="approve-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
              </Form.Item>
            </Form>
            <Space>
              <Button type="primary" onClick={() => approve.mutate()} loading={approve.isPending} data-testid="approve-button">{t('operator.review.approve')}</Button>
              <Button danger onClick={() => setRejecting(true)} data-testid="reject-button">{t('operator.review.reject')}</Button>
            </Space>
          </>
        ) : (
          <>
            {decided ? <Typography.Paragraph data-testid="review-decided" data-decision={decided}>
              {t(decided === 'approved' ? 'operator.review.approved' : 'operator.review.rejected')}</Typography.Paragraph>
              : <Typography.Paragraph>{t('operator.review.done', { status: t(`operator.status.${p.status}`) })}</Typography.Paragraph>}
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('operator.ledger.title')}</Typography.Title>
            <LedgerListingView productId={id} />
          </>
        )}
      </Card>
      <ReasonDialog open={rejecting} title={t('operator.review.reject')} onCancel={() => setRejecting(false)} onConfirm={reject} />
    </>
  );
}
