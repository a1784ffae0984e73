import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import { emptyText, ProblemAlert } from '../../ui';
import { Hash } from './shared';

type LedgerTransaction = Schemas['LedgerTransaction'];

function ValidationTag({ code: raw }: { code: string | number }) {
  // The API sends the peer's code by name (VALID, MVCC_READ_CONFLICT...).
  const code = String(raw);
  return <Tag color={code === 'VALID' ? '#2e6b30' : '#a61b1b'} data-validation={code}>{code}</Tag>;
}

/** The block explorer: the chain's height, its blocks newest first, and "verify the chain". */
export default function Blocks() {
  const { t } = useTranslation();
  // Pages of blocks newest first: each page starts below the number kept here (none: the top of the chain).
  const [befores, setBefores] = useState<(number | undefined)[]>([undefined]);
  const before = befores[befores.length - 1];
  const chain = useQuery({ queryKey: ['regulator', 'chain'], queryFn: () => call(api.GET('/api/regulator/blocks')) });
  const blocks = useQuery({
    queryKey: ['regulator', 'blocks', before],
    queryFn: () => call(api.GET('/api/regulator/chain/blocks', { params: { query: { before, size: 10 } } })),
  });
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/regulator/chain/verify')) });

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.blocks.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulator.blocks.intro')}</Typography.Paragraph>
      <ProblemAlert error={chain.error ?? blocks.error} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={6}>
          <Card size="small"><Statistic title={t('regulator.blocks.height')} value={chain.data?.height ?? '…'} valueRender={(v) => <span data-testid="chain-height">{v}</span>} /></Card>
        </Col>
        <Col xs={24} md={18}>
          <Card size="small">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('regulator.blocks.currentHash')}><Hash value={chain.data?.currentBlockHash} chars={20} /></Descriptions.Item>
              <Descriptions.Item label={t('regulator.blocks.previousHash')}><Hash value={chain.data?.previousBlockHash} chars={20} /></Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="verify-chain">
          {t('regulator.blocks.verify')}
        </Button>
        <ProblemAlert error={verify.error} />
        {verify.data && (verify.data.valid ? (
          <Alert type="success" showIcon data-testid="chain-verdict" data-valid="true"
            title={t('regulator.blocks.valid', { from: verify.data.from, to: verify.data.to })} />
        ) : (
          <Alert type="error" showIcon data-testid="chain-verdict" data-valid="false"
            title={t('regulator.blocks.invalid', { block: verify.data.firstBadBlock })}
            description={<>{verify.data.problem} <Link style={{ textDecoration: 'underline' }} to={`/regulator/blocks/${verify.data.firstBadBlock}`}>{t('regulator.blocks.open', { block: verify.data.firstBadBlock })}</Link></>} />
        ))}
      </Space>
      <Table
        size="small"
        loading={blocks.isPending}
        rowKey="number"
        dataSource={blocks.data?.blocks}
        pagination={false}
        locale={{ emptyText: emptyText(t('regulator.blocks.none')) }}
        columns={[
          { title: t('regulator.blocks.number'), dataIndex: 'number', render: (n: number) => <Link to={`/regulator/blocks/${n}`}>#{n}</Link> },
          { title: t('regulator.blocks.time'), dataIndex: 'firstTransactionAt', render: (at?: string | null) => at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : t('regulator.blocks.genesis') },
          { title: t('regulator.blocks.transactions'), key: 'tx', render: (_, b) => t('regulator.blocks.validOf', { valid: b.validTransactions, all: b.transactions }) },
          { title: t('regulator.blocks.functions'), dataIndex: 'functions', render: (f: string[]) => f.join(', ') || '—' },
          { title: t('regulator.blocks.headerHash'), dataIndex: 'headerHash', render: (h: string) => <Hash value={h} /> },
          { title: t('regulator.blocks.previousHash'), dataIndex: 'previousHash', render: (h: string) => <Hash value={h} /> },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button icon={<LeftOutlined />} disabled={befores.length < 2} onClick={() => setBefores((b) => b.slice(0, -1))}>{t('regulator.blocks.newer')}</Button>
        <Button disabled={blocks.data?.nextBefore == null} onClick={() => { const next = blocks.data?.nextBefore; if (next != null) setBefores((b) => [...b, next]); }}>
          {t('regulator.blocks.older')} <RightOutlined />
        </Button>
      </Space>
    </>
  );
}

/** One block: its hashes and its transactions with their validation codes. */
export function BlockDetail() {
  const { t } = useTranslation();
  const { number = '0' } = useParams();
  const block = useQuery({
    queryKey: ['regulator', 'block', number],
    queryFn: () => call(api.GET('/api/regulator/blocks/{number}', { params: { path: { number: Number(number) } } })),
  });
  if (block.error) return <ProblemAlert error={block.error} />;
  if (!block.data) return <Skeleton active />;
  const b = block.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }} data-testid="block-title">{t('regulator.blocks.block', { block: b.number })}</Typography.Title>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('regulator.blocks.headerHash')}><Hash value={b.headerHash} chars={32} /></Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.previousHash')}><Hash value={b.previousHash} chars={32} /></Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.dataHash')}><Hash value={b.dataHash} chars={32} /></Descriptions.Item>
      </Descriptions>
      <Table<LedgerTransaction>
        size="small"
        rowKey="transactionId"
        dataSource={b.transactions}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: emptyText(t('regulator.blocks.noTransactions')) }}
        columns={[
          { title: '#', dataIndex: 'index' },
          { title: t('regulator.common.transaction'), dataIndex: 'transactionId', render: (id: string) => <Link className="mono" to={`/regulator/blocks/tx/${encodeURIComponent(id)}`} data-testid="block-tx-link">{id.slice(0, 20)}…</Link> },
          { title: t('regulator.blocks.validation'), dataIndex: 'validationCode', render: (c: string | number) => <ValidationTag code={c} /> },
          { title: t('regulator.blocks.function'), dataIndex: 'function' },
          { title: t('regulator.blocks.creator'), dataIndex: 'creatorMspId' },
          { title: t('regulator.blocks.time'), dataIndex: 'timestamp', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('regulator.blocks.event'), dataIndex: 'eventName', render: (e?: string) => e || '—' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        {b.number > 0 && <Link to={`/regulator/blocks/${b.number - 1}`}>{t('regulator.blocks.open', { block: b.number - 1 })}</Link>}
        <Link to="/regulator/blocks">{t('regulator.blocks.back')}</Link>
      </Space>
    </>
  );
}

/** Pretty JSON when an argument is JSON (trade batches are), the text otherwise. */
function pretty(argument: string): string {
  try {
    return JSON.stringify(JSON.parse(argument), null, 2);
  } catch {
    return argument;
  }
}

/** One transaction: who submitted it, what it called with which arguments, and the peer's verdict. */
export function TransactionDetail() {
  const { t } = useTranslation();
  const { txId = '' } = useParams();
  const tx = useQuery({
    queryKey: ['regulator', 'tx', txId],
    queryFn: () => call(api.GET('/api/regulator/transactions/{txId}', { params: { path: { txId } } })),
  });
  if (tx.error) return <ProblemAlert error={tx.error} />;
  if (!tx.data) return <Skeleton active />;
  const x = tx.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('regulator.blocks.transactionTitle')}</Typography.Title>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('regulator.common.transaction')}><Typography.Text className="mono" copyable>{x.transactionId}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('regulator.common.block')}><Link to={`/regulator/blocks/${x.blockNumber}`}>#{x.blockNumber}</Link></Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.positionLabel')}>{t('regulator.blocks.position', { index: x.index })}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.validation')}><ValidationTag code={x.validationCode} /></Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.time')}>{dayjs(x.timestamp).format('YYYY-MM-DD HH:mm:ss.SSS')}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.creator')}>{x.creatorMspId}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.function')}>{x.chaincode}:{x.function}</Descriptions.Item>
        <Descriptions.Item label={t('regulator.blocks.event')}>{x.eventName || '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('regulator.blocks.arguments')}</Typography.Title>
      {x.arguments.map((a, i) => (
        <pre key={i} className="odrl" tabIndex={0} aria-label={t('regulator.blocks.argument', { n: i + 1 })}>{pretty(a)}</pre>
      ))}
    </>
  );
}
