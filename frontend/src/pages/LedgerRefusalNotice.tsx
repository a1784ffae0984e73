// Why an approved version did not reach the ledger (the sheet's ledgerRefusal), in the reader's language: for a parent
// licence that stopped the registration, which licence (certificate, product, merchant) and which of its checks failed,
// then what the reader can do — the operator can only reject (approving again is refused), the merchant waits for that
// rejection and submits again with a usable parent. Shown in the merchant's editor and in the operator's review.
import { Alert, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Schemas } from '../api/client';
import { useLocalText } from '../lib/localText';

type Refusal = Schemas['ProductSheet.LedgerRefusal'];

const UNDERLINED = { textDecoration: 'underline' } as const;

export function LedgerRefusalNotice({ refusal, reader }: { refusal: Refusal; reader: 'merchant' | 'operator' }) {
  const { t } = useTranslation();
  const local = useLocalText();
  const parent = refusal.parent;
  const byParent = refusal.code === 'PARENT_LICENCE_UNUSABLE';
  const at = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');
  const version = refusal.revision ? t('ledgerRefusal.revisionVersion', { version: refusal.version }) : refusal.version;
  return (
    <Alert style={{ marginTop: 12 }} type="warning" showIcon data-testid="ledger-refusal" data-code={refusal.code ?? undefined}
      title={t(byParent ? 'ledgerRefusal.parentTitle' : 'ledgerRefusal.ledgerTitle', { version, code: refusal.code ?? '—' })}
      description={(
        <>
          {parent && (
            <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="ledger-refusal-parent">
              {t('ledgerRefusal.parent')}{' '}
              {/* underlined: a link inside a line of text must not be told apart by its colour alone */}
              <Link to={`/verify/${parent.certificateId}`} style={UNDERLINED}><code>{parent.certificateId}</code></Link>
              {parent.title && <>{' '}（{parent.productId ? <Link to={`/products/${parent.productId}`} style={UNDERLINED}>{local(parent.title, parent.titleEn)}</Link>
                : local(parent.title, parent.titleEn)}{parent.merchantName ? ` · ${parent.merchantName}` : ''}）</>}
              {parent.failed.length > 0 && <>：{parent.failed.map((f) => t(`ledgerRefusal.failed.${f}`)).join(t('ledgerRefusal.and'))}</>}
            </Typography.Paragraph>
          )}
          {!byParent && <Typography.Paragraph style={{ marginBottom: 8 }}>{t('problem.detail')}{refusal.message}</Typography.Paragraph>}
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('ledgerRefusal.when', { decided: at(refusal.decidedAt), refused: at(refusal.refusedAt) })}
          </Typography.Paragraph>
          <Typography.Paragraph strong style={{ marginBottom: 0 }} data-testid="ledger-refusal-next">
            {t(`ledgerRefusal.next.${reader}`)}
          </Typography.Paragraph>
        </>
      )} />
  );
}
