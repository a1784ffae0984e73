// Pieces the regulator's screens share: who a ledger party is, files to download, dates for query strings.
import { useQuery } from '@tanstack/react-query';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import type { operations } from '../../api/schema';
import { localName } from './format';

export { localName, rangeQuery } from './format';

export type LedgerTrade = Schemas['LedgerTrades.LedgerTrade'];
export type TradePage = Schemas['LedgerTrades.TradePage'];
export type Statistics = Schemas['LedgerTrades.Statistics'];

/** Ledger queries the trades and statistics screens share; their JSON answers (the same paths also answer CSV). */
export type TradeQuery = NonNullable<operations['trades']['parameters']['query']>;

export function fetchTrades(query: TradeQuery): Promise<TradePage> {
  return call(api.GET('/api/regulator/trades', { params: { query } })) as Promise<TradePage>;
}

export function fetchStatistics(query: TradeQuery): Promise<Statistics> {
  return call(api.GET('/api/regulator/statistics', { params: { query } })) as Promise<Statistics>;
}

/** The ledger names parties by credit code; the directory gives each code its organisation's name. */
export function useParties() {
  return useQuery({
    queryKey: ['regulator', 'parties'],
    queryFn: () => call(api.GET('/api/regulator/parties')),
    staleTime: 300_000,
  });
}

/** A party of the ledger: its name when it is a registered organisation, its credit code beside it. */
export function PartyName({ code }: { code: string }) {
  const { i18n } = useTranslation();
  const parties = useParties();
  const party = parties.data?.find((p) => p.creditCode === code);
  if (!party) return <span className="mono">{code}</span>;
  return (
    <Tooltip title={code}>
      <span>{localName(party.name, i18n.language)}</span>
    </Tooltip>
  );
}

/** The industry the ledger recorded (lower case there), in the store's words. */
export function IndustryName({ industry }: { industry: string }) {
  const { t } = useTranslation();
  const key = `industry.${industry.toUpperCase()}`;
  return <>{t(key, { defaultValue: industry })}</>;
}

export function CrossBorderTag({ crossBorder }: { crossBorder: boolean }) {
  const { t } = useTranslation();
  return crossBorder ? <Tag color="#1e3a8a">{t('regulator.common.crossBorder')}</Tag> : <Tag color="#4b5563">{t('regulator.common.domestic')}</Tag>;
}

/** A hash or id in monospace, shortened to its ends, whole on hover and for copying. */
export function Hash({ value, chars = 10 }: { value?: string | null; chars?: number }) {
  if (!value) return <>—</>;
  const short = value.length > chars * 2 + 1 ? `${value.slice(0, chars)}…${value.slice(-chars)}` : value;
  return (
    <Typography.Text className="mono" copyable={{ text: value }} title={value}>
      {short}
    </Typography.Text>
  );
}

/** Saves text as a file through the browser (the data was fetched with the session's token, so no link would do). */
export function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today's date as a file name part. */
export function stamp(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The text of an answer asked for as CSV; a refusal is thrown as the ApiError its problem+json describes. */
export async function textOf(pending: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<string> {
  const { data, error, response } = await pending;
  if (!response.ok || error !== undefined) {
    let problem: unknown = error;
    if (typeof error === 'string') {
      try {
        problem = JSON.parse(error);
      } catch {
        // not JSON: the status line speaks
      }
    }
    await call(Promise.resolve({ data: undefined, error: problem ?? response.statusText, response }));
  }
  return String(data ?? '');
}
