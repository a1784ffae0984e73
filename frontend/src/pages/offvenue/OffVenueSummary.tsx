// One line under the regulator's statistics: the off-venue deals of the same range, read from the ledger and counted
// apart (they are never in the trades' figures above them).
import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatMoney } from '../../lib/money';
import './parts';

export function OffVenueSummary({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  const deals = useQuery({
    queryKey: ['regulator-off-venue-deals', from, to],
    queryFn: () => call(api.GET('/api/regulator/off-venue-deals', { params: { query: { from, to } } })),
  });
  if (!deals.data) return null;
  return (
    <Alert type="info" style={{ marginBottom: 16 }} data-testid="stats-off-venue" title={
      <>
        {t('offVenue.regulator.summary', { deals: deals.data.totalDeals, value: formatMoney(deals.data.totalValueMinor, 'CNY') })}{' '}
        <Link to="/regulator/off-venue" style={{ textDecoration: 'underline' }}>{t('offVenue.regulator.open')}</Link>
      </>
    } />
  );
}
