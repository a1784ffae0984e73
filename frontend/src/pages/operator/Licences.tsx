import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui';
import { when } from './parts';

/** Revoking a licence: look the certificate up on the ledger first, then revoke it with a reason. */
export default function Licences() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ certificate: string; reason: string }>();
  const check = useMutation({
    mutationFn: (id: string) => call(api.GET('/api/certificates/{id}/verify', { params: { path: { id } } })),
  });
  const revoke = useMutation({
    mutationFn: (v: { certificate: string; reason: string }) => call(api.POST('/api/operator/certificates/{id}/revoke', {
      params: { path: { id: v.certificate.trim() } }, body: { reason: v.reason.trim() },
    })),
    onSuccess: (_, v) => { message.success(t('operator.licences.done')); check.mutate(v.certificate.trim()); },
  });
  const verdict = check.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('operator.licences.title')}</Typography.Title>
      <Typography.Paragraph>{t('operator.licences.intro')}</Typography.Paragraph>
      <Card size="small" style={{ maxWidth: 720 }}>
        <ProblemAlert error={revoke.error ?? check.error} />
        <Form form={form} name="revoke" layout="vertical" initialValues={{ certificate: params.get('certificate') ?? '' }}
          onFinish={(v) => revoke.mutate(v)}>
          <Form.Item label={t('operator.licences.certificate')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="certificate" noStyle rules={[{ required: true, whitespace: true, message: t('operator.reason.required') }]}>
                <Input aria-label={t('operator.licences.certificate')} />
              </Form.Item>
              <Button onClick={() => { const c = String(form.getFieldValue('certificate') ?? '').trim(); if (c) check.mutate(c); }}
                loading={check.isPending} data-testid="check-certificate">{t('operator.licences.check')}</Button>
            </Space.Compact>
          </Form.Item>
          {verdict && (
            <Descriptions size="small" column={1} style={{ marginBottom: 16 }} data-testid="certificate-verdict"
              data-revoked={String(verdict.revoked)} items={[
                { key: 'v', label: t('operator.licences.certificate'), children: !verdict.onLedger ? <Tag color="#4b5563">{t('operator.licences.notOnLedger')}</Tag>
                  : verdict.revoked ? <Tag color="#a61b1b">{t('operator.licences.revoked')}</Tag>
                  : verdict.valid ? <Tag color="#2e6b30">{t('operator.licences.valid')}</Tag> : <Tag color="#9a4a00">{t('operator.licences.invalid')}</Tag> },
                ...(verdict.revoked ? [{ key: 'at', label: t('operator.licences.revokedAt'), children: when(verdict.revokedAt) }] : []),
              ]} />
          )}
          <Form.Item name="reason" label={t('operator.licences.reason')} rules={[{ required: true, whitespace: true, message: t('operator.reason.required') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Popconfirm title={t('operator.licences.confirm')} onConfirm={() => form.submit()} okButtonProps={{ danger: true, 'data-testid': 'revoke-confirm' } as never}>
            <Button danger loading={revoke.isPending} data-testid="revoke-button">{t('operator.licences.revoke')}</Button>
          </Popconfirm>
        </Form>
      </Card>
    </>
  );
}
