import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { Hash, rangeQuery } from './shared';
import { actionName, actorName } from '../../lib/audit';
import { auditZh } from '../../i18n/audit';

type Entry = Schemas['AuditLog.Entry'];
interface Filters { actor?: string; action?: string; subject?: string; range?: [Dayjs, Dayjs] | null }

/** The hash-chained audit log, paged and filtered, and "verify the chain of entries". */
export default function Audit() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(20);
  const [newestFirst, setNewestFirst] = useState(true);
  const query = {
    actor: filters.actor?.trim() || undefined, action: filters.action?.trim() || undefined,
    subject: filters.subject?.trim() || undefined, ...rangeQuery(filters.range), newestFirst, page: page - 1, size,
  };
  const log = useQuery({ queryKey: ['regulator', 'audit', query], queryFn: () => call(api.GET('/api/regulator/audit', { params: { query } })) });
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/regulator/audit/verify')) });

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.audit.intro')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="verify-audit">
          {t('regulator.audit.verify')}
        </Button>
        <ProblemAlert error={verify.error} />
        {verify.data && (verify.data.valid
          ? <Alert type="success" showIcon data-testid="audit-verdict" data-valid="true" title={t('regulator.audit.valid', { count: verify.data.entries })} />
          : <Alert type="error" showIcon data-testid="audit-verdict" data-valid="false" title={t('regulator.audit.invalid', { entry: verify.data.firstBadEntry })} description={verify.data.problem} />)}
      </Space>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" style={{ rowGap: 8 }} onFinish={(v) => { setFilters(v); setPage(1); }}>
          <Form.Item name="actor" label={t('regulator.audit.actor')}><Input allowClear style={{ width: 150 }} /></Form.Item>
          <Form.Item name="action" label={t('regulator.audit.action')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }}
              options={Object.keys(auditZh.action).map((a) => ({ value: a, label: actionName(t, a) }))} />
          </Form.Item>
          <Form.Item name="subject" label={t('regulator.audit.subject')}><Input allowClear style={{ width: 170 }} /></Form.Item>
          <Form.Item name="range" label={t('regulator.common.range')}><DatePicker.RangePicker /></Form.Item>
          <Form.Item label={t('regulator.audit.newestFirst')} htmlFor="audit-newest">
            <Switch id="audit-newest" checked={newestFirst} onChange={(v) => { setNewestFirst(v); setPage(1); }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('regulator.common.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); setPage(1); }}>{t('regulator.common.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <ProblemAlert error={log.error} />
      <Table<Entry>
        size="small"
        loading={log.isPending}
        rowKey="seq"
        dataSource={log.data?.content}
        locale={{ emptyText: emptyText(t('regulator.audit.none')) }}
        pagination={{
          current: page, pageSize: size, total: log.data?.totalSize ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('regulator.audit.total', { count: total }),
          onChange: (p, s) => { setPage(s !== size ? 1 : p); setSize(s); },
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('regulator.audit.at'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('regulator.audit.actor'), dataIndex: 'actor', render: (a: string) => actorName(t, a) },
          { title: t('regulator.audit.role'), dataIndex: 'role' },
          { title: t('regulator.audit.action'), dataIndex: 'action', render: (a: string) => <span title={a}>{actionName(t, a)}</span> },
          { title: t('regulator.audit.subject'), dataIndex: 'subject', ellipsis: true },
          { title: t('regulator.audit.detail'), dataIndex: 'detail', ellipsis: true },
          { title: t('regulator.audit.hash'), dataIndex: 'hash', render: (h: string) => <Hash value={h} chars={6} /> },
        ]}
      />
    </>
  );
}
