// The query sandbox on the buyer's order page: a query builder (outputs, filters, group-by) over the columns of the
// licensed file, its answer as a table and a chart, and the queries run. Only aggregates ever come back.
import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../api/client';
import { emptyText, ProblemAlert } from '../ui';

const SandboxChart = lazy(() => import('../charts/SandboxChart'));

type Aggregate = Schemas['SandboxQuery.Aggregate'];
type Operator = Schemas['SandboxQuery.Operator'];
interface Output { aggregate?: Aggregate; column?: string; percent?: number }
interface Condition { column?: string; operator: Operator; value: string }

const NUMERIC = /^(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*|NUMERIC.*)$/i;

export default function SandboxPanel({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [outputs, setOutputs] = useState<Output[]>([{ aggregate: 'COUNT' }]);
  const [groupBy, setGroupBy] = useState<string[]>([]);
  const [conditions, setConditions] = useState<Condition[]>([]);

  const schema = useQuery({
    queryKey: ['sandbox', orderId],
    queryFn: () => call(api.GET('/api/orders/{id}/sandbox', { params: { path: { id: orderId } } })),
  });
  const log = useQuery({
    queryKey: ['sandbox-log', orderId],
    queryFn: () => call(api.GET('/api/orders/{id}/sandbox/queries', { params: { path: { id: orderId } } })),
  });
  const columns = schema.data?.columns ?? [];
  const typeOf = (name?: string) => columns.find((c) => c.name === name)?.type ?? '';
  const typed = (column: string | undefined, text: string): unknown => (NUMERIC.test(typeOf(column)) && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text);

  const run = useMutation({
    mutationFn: () => call(api.POST('/api/orders/{id}/sandbox/queries', {
      params: { path: { id: orderId } },
      body: {
        select: [...groupBy.map((g) => ({ column: g })), ...outputs.map((o) => ({
          aggregate: o.aggregate, column: o.aggregate === 'COUNT' && !o.column ? undefined : o.column,
          percent: o.aggregate === 'PERCENTILE' ? (o.percent ?? 50) : undefined,
        }))],
        groupBy,
        filters: conditions.map((c) => c.operator === 'IN'
          ? { column: c.column, operator: c.operator, values: c.value.split(',').map((v) => typed(c.column, v.trim())) }
          : { column: c.column, operator: c.operator, value: typed(c.column, c.value) }) as never,
      },
    })),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['sandbox-log', orderId] }); void queries.invalidateQueries({ queryKey: ['usage', orderId] }); },
  });

  if (schema.isPending) return <Card size="small" title={t('sandbox.title')}><Skeleton active /></Card>;
  if (schema.error) return <Card size="small" title={t('sandbox.title')}><ProblemAlert error={schema.error} /></Card>;
  const k = schema.data.kThreshold;
  const columnOptions = columns.map((c) => ({ value: c.name, label: `${c.name} (${c.type})` }));
  const result = run.data;
  const numericAt = result ? result.columns.findIndex((_, i) => result.rows.some((r) => typeof (r[i] as unknown) === 'number') && i >= groupBy.length) : -1;

  return (
    <Card size="small" title={t('sandbox.title')} style={{ marginBottom: 16 }} data-testid="sandbox">
      <Typography.Paragraph type="secondary">{t('sandbox.intro', { k })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="sandbox-rules">{t('sandbox.rules', { k, k1: k - 1 })}</Typography.Paragraph>
      <Typography.Text strong>{t('sandbox.select')}</Typography.Text>
      {outputs.map((o, i) => (
        <Space key={i} wrap style={{ display: 'flex', margin: '6px 0' }}>
          <Select id={`sandbox-aggregate-${i}`} aria-label={t('sandbox.aggregate')} style={{ width: 140 }} value={o.aggregate} data-testid={`sandbox-aggregate-${i}`}
            options={schema.data.aggregates.map((a) => ({ value: a, label: t(`sandbox.agg.${a}`) }))}
            onChange={(a: Aggregate) => setOutputs(outputs.map((x, j) => (j === i ? { ...x, aggregate: a } : x)))} />
          <Select id={`sandbox-column-${i}`} aria-label={t('sandbox.column')} style={{ width: 200 }} value={o.column} allowClear showSearch placeholder={o.aggregate === 'COUNT' ? t('sandbox.rows') : t('sandbox.column')}
            data-testid={`sandbox-column-${i}`} options={columnOptions}
            onChange={(c?: string) => setOutputs(outputs.map((x, j) => (j === i ? { ...x, column: c } : x)))} />
          {o.aggregate === 'PERCENTILE' && (
            <InputNumber aria-label={t('sandbox.percent')} min={1} max={99} value={o.percent ?? 50}
              onChange={(p) => setOutputs(outputs.map((x, j) => (j === i ? { ...x, percent: p ?? 50 } : x)))} />
          )}
          {outputs.length > 1 && <Button size="small" onClick={() => setOutputs(outputs.filter((_, j) => j !== i))}>{t('sandbox.remove')}</Button>}
        </Space>
      ))}
      <Button size="small" onClick={() => setOutputs([...outputs, { aggregate: 'AVG' }])} data-testid="sandbox-add-output">{t('sandbox.addSelect')}</Button>
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('sandbox.groupBy')}</Typography.Text>
        <Select id="sandbox-group-by" mode="multiple" aria-label={t('sandbox.groupBy')} style={{ width: '100%', marginTop: 6 }} value={groupBy} options={columnOptions}
          data-testid="sandbox-group-by" onChange={(g: string[]) => setGroupBy(g)} />
      </div>
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('sandbox.filters')}</Typography.Text>
        {conditions.map((c, i) => (
          <Space key={i} wrap style={{ display: 'flex', margin: '6px 0' }}>
            <Select id={`sandbox-filter-column-${i}`} aria-label={t('sandbox.column')} style={{ width: 200 }} value={c.column} options={columnOptions} showSearch
              data-testid={`sandbox-filter-column-${i}`}
              onChange={(col: string) => setConditions(conditions.map((x, j) => (j === i ? { ...x, column: col } : x)))} />
            <Select id={`sandbox-filter-operator-${i}`} aria-label={t('sandbox.operator')} style={{ width: 170 }} value={c.operator}
              options={schema.data.operators.map((op) => ({ value: op, label: t(`sandbox.op.${op}`) }))}
              onChange={(op: Operator) => setConditions(conditions.map((x, j) => (j === i ? { ...x, operator: op } : x)))} />
            <Input aria-label={t('sandbox.value')} style={{ width: 220 }} value={c.value} data-testid={`sandbox-filter-value-${i}`}
              onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
            <Button size="small" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>{t('sandbox.remove')}</Button>
          </Space>
        ))}
        <div style={{ marginTop: 6 }}><Button size="small" onClick={() => setConditions([...conditions, { operator: 'EQ', value: '' }])} data-testid="sandbox-add-filter">{t('sandbox.addFilter')}</Button></div>
      </div>
      <Button type="primary" style={{ marginTop: 16 }} loading={run.isPending} onClick={() => run.mutate()} data-testid="sandbox-run">{t('sandbox.run')}</Button>
      <div style={{ marginTop: 12 }}><ProblemAlert error={run.error} /></div>
      {result && (
        <div data-testid="sandbox-result">
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('sandbox.result')}</Typography.Title>
          {result.suppressedGroups > 0 && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="sandbox-suppressed"
              title={t('sandbox.suppressed', { count: result.suppressedGroups, k: result.kThreshold })} />
          )}
          {result.differencingGroups > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="sandbox-differencing"
              title={t('sandbox.differencing', { count: result.differencingGroups, k: result.kThreshold })}
              description={t('sandbox.differencingHelp', { k: result.kThreshold })} />
          )}
          <Table size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} rowKey={(_, i) => String(i)}
            dataSource={result.rows.map((r) => Object.fromEntries(r.map((v, i) => [`c${i}`, v as unknown])))}
            locale={{ emptyText: emptyText(t('sandbox.noGroups')) }}
            columns={result.columns.map((name, i) => ({ title: name, dataIndex: `c${i}`, render: (v: unknown) => <span className="mono">{v === null || v === undefined ? '—' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v)}</span> }))} />
          {numericAt >= 0 && result.rows.length > 1 && groupBy.length > 0 && (
            <Suspense fallback={<Skeleton active />}>
              <SandboxChart title={t('sandbox.chart')} series={result.columns[numericAt]}
                labels={result.rows.map((r) => r.slice(0, groupBy.length).map((v) => String(v as unknown)).join(' / '))}
                values={result.rows.map((r) => Number(r[numericAt] as unknown))} />
            </Suspense>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sandbox.hash')}: <span className="mono">{result.queryHash}</span> · {t('sandbox.elapsed', { ms: result.elapsedMillis })}
          </Typography.Text>
        </div>
      )}
      {(log.data?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>{t('sandbox.log')}</Typography.Title>
          <Table size="small" rowKey="id" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={log.data} columns={[
            { title: t('sandbox.ranAt'), dataIndex: 'ranAt', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
            { title: t('sandbox.hash'), dataIndex: 'queryHash', render: (h: string) => <span className="mono">{h.slice(0, 16)}…</span> },
            { title: t('sandbox.groups'), dataIndex: 'resultGroups' },
            { title: t('sandbox.suppressedGroups'), dataIndex: 'suppressedGroups' },
            { title: t('sandbox.differencingGroups'), dataIndex: 'differencingGroups' },
          ]} />
        </>
      )}
    </Card>
  );
}
