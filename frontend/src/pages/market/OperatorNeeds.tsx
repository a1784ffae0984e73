// The operator's view of matching: every need with its answers.
import { Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../../api/client';
import { Money, ProblemAlert } from '../../ui';
import { NeedStateTag } from './Needs';

export default function OperatorNeeds() {
  const { t } = useTranslation();
  const needs = useQuery({ queryKey: ['operator-needs'], queryFn: () => call(api.GET('/api/operator/needs')) });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('market.operatorNeeds.title')}</Typography.Title>
      <ProblemAlert error={needs.error} />
      <Table rowKey={(r) => r.need.id} loading={needs.isPending} dataSource={needs.data ?? []} pagination={{ pageSize: 20 }}
        expandable={{ expandedRowRender: (r) => (
          <Table size="small" rowKey="id" pagination={false} dataSource={r.answers} columns={[
            { title: t('market.compare.merchant'), dataIndex: 'merchantName' },
            { title: t('market.compare.product'), dataIndex: 'productTitle' },
            { title: t('market.compare.price'), key: 'p', render: (_, a) => <Money minor={a.priceMinor} currency={a.currency} /> },
            { title: t('market.needs.state'), dataIndex: 'state', render: (v: string) => <Tag>{t(`market.answerState.${v}`)}</Tag> },
            { title: t('market.operatorNeeds.order'), dataIndex: 'orderId', render: (v?: string | null) => v ? <span className="mono">{v}</span> : '—' },
          ]} />
        ) }}
        columns={[
          { title: t('market.needs.needTitle'), key: 't', render: (_, r) => r.need.title },
          { title: t('market.operatorNeeds.buyer'), key: 'b', render: (_, r) => r.need.buyerName },
          { title: t('market.needs.budget'), key: 'bu', render: (_, r) => <Space size={2}><Money minor={r.need.budget.minMinor} currency={r.need.budget.currency} />–<Money minor={r.need.budget.maxMinor} currency={r.need.budget.currency} /></Space> },
          { title: t('market.needs.deadline'), key: 'd', render: (_, r) => dayjs(r.need.deadline).format('YYYY-MM-DD HH:mm') },
          { title: t('market.operatorNeeds.answers'), key: 'a', render: (_, r) => r.answers.length },
          { title: t('market.needs.state'), key: 's', render: (_, r) => <NeedStateTag state={r.need.state} /> },
        ]} />
    </>
  );
}
