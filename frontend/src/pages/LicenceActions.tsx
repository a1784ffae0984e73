// What the holder of a licence does with it: download the licensed file, take an API key for metered calls. Shared by
// the buyer's order page and the merchant's licences held (a merchant that bought a licence takes delivery like a
// buyer); the API admits the account of the organisation that holds the licence, whichever its role.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { ProblemAlert } from '../ui';

export function LicenceActions({ orderId, deliveryModes, children }: {
  orderId: string;
  deliveryModes: readonly string[];
  /** Further buttons of the same row (say, the certificate check). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [issuedKey, setIssuedKey] = useState<string | null>(null);
  const [keyHidden, setKeyHidden] = useState(false);
  const download = useMutation({
    mutationFn: () => call(api.POST('/api/orders/{id}/download-link', { params: { path: { id: orderId } } })),
    onSuccess: (link) => {
      // The signed link authorises the download itself; the browser saves the file.
      window.location.assign(link.url);
      setTimeout(() => {
        for (const key of [['order', orderId], ['orders'], ['deliveries', orderId], ['volume', orderId]]) {
          void queries.invalidateQueries({ queryKey: key });
        }
      }, 1500);
    },
  });
  const issueKey = useMutation({
    mutationFn: () => call(api.POST('/api/orders/{id}/api-keys', { params: { path: { id: orderId } } })),
    onSuccess: (k) => { setIssuedKey(k.apiKey); setKeyHidden(false); },
  });
  return (
    <>
      <Space wrap style={{ marginTop: 12 }}>
        {children}
        {deliveryModes.includes('FILE_DOWNLOAD') && (
          <Button type="primary" loading={download.isPending} onClick={() => download.mutate()} data-testid="download-button">{t('order.download')}</Button>
        )}
        {deliveryModes.includes('METERED_API') && (
          <Button loading={issueKey.isPending} onClick={() => issueKey.mutate()} data-testid="issue-key-button">{t('order.issueKey')}</Button>
        )}
      </Space>
      {(download.error || issueKey.error) && <div style={{ marginTop: 8 }}><ProblemAlert error={download.error ?? issueKey.error} /></div>}
      {issuedKey && (
        <Alert style={{ marginTop: 12 }} type={keyHidden ? 'info' : 'success'} showIcon
          title={keyHidden ? t('order.keyMasked') : t('order.keyOnce')}
          description={
            <Space direction="vertical">
              <code data-testid="api-key">{keyHidden ? `••••••••${issuedKey.slice(-4)}` : issuedKey}</code>
              {!keyHidden && <Button size="small" onClick={() => setKeyHidden(true)}>{t('order.keySaved')}</Button>}
            </Space>
          } />
      )}
    </>
  );
}
