// Small pieces every screen uses: problem+json shown with its title and detail, money, badges, enum labels.
import { Alert, Button, Empty, Tag, Tooltip, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router';
import { CloudDownloadOutlined, ApiOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, type Problem } from './api/client';
import { formatMoney } from './lib/money';

const PROBLEM_TYPE = 'urn:dataexchange:problem:';

/**
 * A refusal's title in the UI language, from its stable `type` (docs/problems.md lists them; test/i18n.test.ts checks
 * each has zh and en); the service's own title when the type is unknown.
 */
export function problemTitle(t: TFunction, problem: Problem): string {
  const kind = problem.type?.startsWith(PROBLEM_TYPE) ? problem.type.slice(PROBLEM_TYPE.length) : undefined;
  return kind ? t(`problem.type.${kind}`, { defaultValue: problem.title }) : problem.title;
}

/** For a form field in error: the translated title, then the service's detail (in English) as the particulars. */
export function problemText(t: TFunction, problem: Problem): string {
  const title = problemTitle(t, problem);
  return problem.detail ? `${title}（${problem.detail}）` : title;
}

export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={problem ? problemTitle(t, problem) : t('problem.network')}
      description={problem
        ? problem.detail && <span className="problem-detail">{t('problem.detail')}<span lang="en">{problem.detail}</span></span>
        : String(error)}
      style={{ marginBottom: 16 }}
    />
  );
}

export function Money({ minor, currency }: { minor: number; currency: string }) {
  return <span className="money">{formatMoney(minor, currency)}</span>;
}

// Solid tags with white text: Ant Design's preset light tags fall below 4.5:1 contrast.
const LEVEL_COLOURS: Record<string, string> = { GENERAL: '#2e6b30', IMPORTANT: '#9a4a00', CORE: '#a61b1b' };

export function ClassificationTag({ level }: { level: string }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLOURS[level]}>{t(`classification.${level}`)}</Tag>;
}

const MODE_ICONS: Record<string, React.ReactNode> = {
  FILE_DOWNLOAD: <CloudDownloadOutlined />,
  METERED_API: <ApiOutlined />,
  QUERY_SANDBOX: <ExperimentOutlined />,
};

export function DeliveryModeIcons({ modes }: { modes: string[] }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 8 }}>
      {modes.map((m) => (
        <Tooltip key={m} title={t(`delivery.${m}`)}>
          <span role="img" aria-label={t(`delivery.${m}`)} style={{ color: '#1f4e99' }}>{MODE_ICONS[m]}</span>
        </Tooltip>
      ))}
    </span>
  );
}

/** The gates of SPEC §6 as badges: regulator approval, data-security agreement, no export. */
export function GateBadges({ level, requiresApproval, crossBorderAllowed }: { level: string; requiresApproval: boolean; crossBorderAllowed?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {requiresApproval && <Tag color="#8a2c0d">{t('gate.regulatorApproval')}</Tag>}
      {(level === 'IMPORTANT' || level === 'CORE') && <Tag color="#6b4e00">{t('gate.securityAgreement')}</Tag>}
      {crossBorderAllowed === false && <Tag color="#1e3a8a">{t('gate.domesticOnly')}</Tag>}
    </>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  CREATED: '#4b5563', AWAITING_APPROVAL: '#9a4a00', PAID: '#1d4ed8', SETTLING: '#1d4ed8', SETTLED: '#2e6b30',
  DELIVERED: '#2e6b30', CANCELLED: '#4b5563', REFUNDED: '#9a4a00',
};

export function OrderStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]} data-status={status}>{t(`orderStatus.${status}`)}</Tag>;
}

/** A plan in words: "¥1,200.00 one-off", "¥300.00 per month", "1,000 free calls a month, then ¥0.05 per call, at most ¥500.00". */
export function PlanInWords({ plan }: { plan: { kind: string; currency: string; priceMinor: number; period?: string | null; freeUnits: number; unitPriceMinor: number; monthlyCapMinor: number } }) {
  const { t } = useTranslation();
  const money = (m: number) => formatMoney(m, plan.currency);
  switch (plan.kind) {
    case 'SUBSCRIPTION':
      return <>{t('plan.subscription', { price: money(plan.priceMinor), period: t(`period.${plan.period ?? 'MONTH'}`) })}</>;
    case 'METERED':
      return (
        <>
          {t('plan.metered', { free: plan.freeUnits.toLocaleString(), unit: money(plan.unitPriceMinor) })}
          {plan.monthlyCapMinor > 0 ? t('plan.cap', { cap: money(plan.monthlyCapMinor) }) : ''}
        </>
      );
    case 'PRIVATE_OFFER':
      return <>{t('plan.privateOffer', { price: money(plan.priceMinor) })}</>;
    default:
      return <>{t('plan.oneOff', { price: money(plan.priceMinor) })}</>;
  }
}

/**
 * A button that goes to another screen of the store. Not a <Link> around a <Button>: an interactive element inside
 * another is one control for a mouse and two for a keyboard or a screen reader.
 */
export function LinkButton({ to, state, children, ...rest }: { to: string; state?: unknown; children: React.ReactNode } & Omit<ButtonProps, 'onClick' | 'href'>) {
  const navigate = useNavigate();
  return <Button {...rest} onClick={() => navigate(to, { state })}>{children}</Button>;
}

/** A table's "nothing here" text, in a colour that meets contrast (Ant Design's default table placeholder does not). */
export function emptyText(text: string) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}
