// The public price statistics (价格统计): per industry, classification and pricing, the distribution of prices with no
// party named; the exchange's trades and the verified off-venue deals apart. Cells with too few parties are withheld
// by the service and only counted here.
import { Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { ClassificationTag, Money, ProblemAlert, emptyText } from '../../ui';
import './parts';

type Report = Schemas['PriceStatistics.Report'];
type Cell = Schemas['PriceStatistics.Cell'];

function Cells({ report, title, testId }: { report: Report; title: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId} style={{ marginBottom: 32 }}>
      <Typography.Title level={2} id={`${testId}-title`} style={{ fontSize: 19 }}>{title}</Typography.Title>
      <Typography.Paragraph>
        {t('offVenue.prices.total', { trades: report.trades })} <Money minor={report.valueMinor} currency="CNY" />
      </Typography.Paragraph>
      <Table<Cell> size="small" rowKey={(c) => `${c.industry}/${c.classification}/${c.planKind}`} dataSource={report.cells}
        pagination={false} locale={{ emptyText: emptyText(t('offVenue.prices.none')) }} scroll={{ x: true }}
        columns={[
          { title: t('offVenue.prices.industry'), dataIndex: 'industry', render: (v: string) => t(`industry.${v}`, { defaultValue: v }) },
          { title: t('offVenue.prices.classification'), dataIndex: 'classification', render: (v: string) => <ClassificationTag level={v} /> },
          { title: t('offVenue.prices.planKind'), dataIndex: 'planKind', render: (v: string) => t(`planKind.${v}`, { defaultValue: v }) },
          { title: t('offVenue.prices.trades'), dataIndex: 'trades' },
          { title: t('offVenue.prices.min'), key: 'min', render: (_, c) => <Money minor={c.prices.minMinor} currency="CNY" /> },
          { title: t('offVenue.prices.q1'), key: 'q1', render: (_, c) => <Money minor={c.prices.q1Minor} currency="CNY" /> },
          { title: t('offVenue.prices.median'), key: 'med', render: (_, c) => <Money minor={c.prices.medianMinor} currency="CNY" /> },
          { title: t('offVenue.prices.q3'), key: 'q3', render: (_, c) => <Money minor={c.prices.q3Minor} currency="CNY" /> },
          { title: t('offVenue.prices.max'), key: 'max', render: (_, c) => <Money minor={c.prices.maxMinor} currency="CNY" /> },
          { title: t('offVenue.prices.mean'), key: 'mean', render: (_, c) => <Money minor={c.meanMinor} currency="CNY" /> },
        ]} />
      {report.withheldCells > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid={`${testId}-withheld`}>
          {t('offVenue.prices.withheld', { cells: report.withheldCells, trades: report.withheldTrades })}
        </Typography.Paragraph>
      )}
    </section>
  );
}

export default function PriceStatistics() {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ['price-statistics'], queryFn: () => call(api.GET('/api/price-statistics')) });
  const r = stats.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('offVenue.prices.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('offVenue.prices.intro', { min: r?.minParties ?? 3 })}</Typography.Paragraph>
      <ProblemAlert error={stats.error} />
      {r && <Cells report={r} title={t('offVenue.prices.onVenue')} testId="prices-on-venue" />}
      {r?.offVenue && <Cells report={r.offVenue} title={t('offVenue.prices.offVenue')} testId="prices-off-venue" />}
    </>
  );
}
