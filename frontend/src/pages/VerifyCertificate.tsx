import { Alert, Card, Descriptions, Input, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, call } from '../api/client';
import { ProblemAlert } from '../ui';
import { capsInWords, type Lang } from '../lib/licence';

/** Anyone can check a licence certificate against the ledger, signed in or not. */
export default function VerifyCertificate() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const result = useQuery({
    queryKey: ['verify', id],
    queryFn: () => call(api.GET('/api/certificates/{id}/verify', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
  });
  const v = result.data;
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  // The certificate's volume caps (用途用量) as the ledger holds them, e.g. "7 条记录、3 次下载".
  const caps = v?.volumeCaps?.length
    ? capsInWords(Object.fromEntries(v.volumeCaps.map((c) => [c.measure, c.limit])), lang).join(lang === 'en' ? ', ' : '、')
    : null;
  const verdict = !v ? null : v.valid ? 'valid' : v.revoked ? 'revoked' : v.expired ? 'expired' : v.notYetValid ? 'notYetValid'
    : !v.onLedger ? 'notOnLedger' : 'mismatch';

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>{t('verify.title')}</Typography.Title>
      <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
      <Input.Search
        key={id}
        aria-label={t('verify.certificateId')}
        placeholder="CERT-…"
        defaultValue={id}
        enterButton={t('verify.check')}
        size="large"
        style={{ maxWidth: 560, marginBottom: 24 }}
        onSearch={(value) => value.trim() && navigate(`/verify/${encodeURIComponent(value.trim())}`)}
      />
      <ProblemAlert error={result.error} />
      {result.isFetching && !v && <Skeleton active />}
      {v && verdict && (
        <Card>
          <Alert role="status" showIcon type={verdict === 'valid' ? 'success' : 'error'} title={t(`verify.verdict.${verdict}`)}
            data-testid="verify-verdict" data-verdict={verdict} style={{ marginBottom: 16 }} />
          <Descriptions column={1} size="small" items={[
            { key: 'id', label: t('verify.certificateId'), children: <span className="mono">{v.certificateId}</span> },
            { key: 'onLedger', label: t('verify.onLedger'), children: v.onLedger ? t('sheet.yes') : t('verify.no') },
            { key: 'tx', label: t('verify.issueTx'), children: <span className="mono">{v.issueTxId ?? '—'}</span> },
            { key: 'revoked', label: t('verify.revoked'), children: v.revoked ? <Tag color="#a61b1b">{v.revokedAt ? dayjs(v.revokedAt).format('YYYY-MM-DD HH:mm') : t('verify.verdict.revoked')}</Tag> : t('verify.no') },
            { key: 'expired', label: t('verify.expired'), children: v.expired ? t('sheet.yes') : t('verify.no') },
            { key: 'caps', label: t('volume.certificateCaps'), children: <span data-testid="verify-caps">{caps ?? t('volume.noCap')}</span> },
            { key: 'mismatch', label: t('verify.mismatched'), children: v.mismatchedFields.length ? v.mismatchedFields.join(', ') : t('verify.none') },
            { key: 'at', label: t('verify.checkedAt'), children: dayjs(v.checkedAt).format('YYYY-MM-DD HH:mm:ss') },
          ]} />
        </Card>
      )}
    </>
  );
}
