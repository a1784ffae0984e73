// Pieces the merchant console's screens share: status chips, CSV downloads, the split of a sale.
import { Button, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Money, ProblemAlert } from '../../ui';

// Solid colours with white text (4.5:1 or better), as the store's classification tags.
const STATUS_COLOURS: Record<string, string> = {
  DRAFT: '#595959', IN_REVIEW: '#1f4e99', LISTED: '#2e6b30', REJECTED: '#a61b1b', SUSPENDED: '#9a4a00', DELISTED: '#434343',
};

export function ProductStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]} data-status={status}>{t(`merchant.status.${status}`)}</Tag>;
}

/** A CSV answer of the API saved as a file: the request carries the session, so it is fetched, then handed over. */
export function CsvButton({ fetchCsv, filename, testId }: {
  fetchCsv: () => Promise<{ data?: Blob; error?: unknown; response: Response }>;
  filename: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data, response } = await fetchCsv();
      if (!response.ok || !data) throw new ApiError({ title: response.statusText || 'Error', status: response.status });
      const url = URL.createObjectURL(data);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} data-testid={testId}>
        {t('merchant.csv')}
      </Button>
      {error ? <div style={{ marginTop: 8 }}><ProblemAlert error={error} /></div> : null}
    </>
  );
}

/** The split lines of one sale: who gets what. */
export function SplitLines({ split, currency }: { split: { party: string; role: string; amountMinor: number }[]; currency: string }) {
  const { t } = useTranslation();
  return (
    <ul className="split-lines" style={{ margin: 0, paddingInlineStart: 18 }}>
      {split.map((l, i) => (
        <li key={i}>
          {t(`merchant.splitRole.${l.role}`)} · <code>{l.party}</code> · <Money minor={l.amountMinor} currency={currency} />
        </li>
      ))}
    </ul>
  );
}
