// The operator's console (数据交易场所): review, listings, complaints, organisations and wallets, licence revocation.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { AuditOutlined, BankOutlined, DashboardOutlined, IdcardOutlined, MessageOutlined, SafetyCertificateOutlined, ShopOutlined, SolutionOutlined, StarOutlined, StopOutlined, SwapOutlined, TrophyOutlined } from '@ant-design/icons';
import { ConsoleShell, type ConsoleSection } from '../../layout/ConsoleShell';
import { mountDictionary } from '../../i18n';
import { operatorEn, operatorZh } from '../../i18n/operator';
import { auditEn, auditZh } from '../../i18n/audit';
import { supervisionEn, supervisionZh } from '../../i18n/supervision';

// This console's words come with its own chunk, not with the store's first route.
mountDictionary('operator', operatorZh, operatorEn);
mountDictionary('audit', auditZh, auditEn);
mountDictionary('supervision', supervisionZh, supervisionEn);

const Dashboard = lazy(() => import('./Dashboard'));
const ReviewQueue = lazy(() => import('./ReviewQueue'));
const ReviewDetail = lazy(() => import('./ReviewDetail'));
const Listings = lazy(() => import('./Listings'));
const Complaints = lazy(() => import('./Complaints'));
const ComplaintDetail = lazy(() => import('./ComplaintDetail'));
const Organisations = lazy(() => import('./Organisations'));
const Licences = lazy(() => import('./Licences'));
const OperatorNeeds = lazy(() => import('../market/OperatorNeeds'));
const RatingModeration = lazy(() => import('../market/RatingModeration'));
const OperatorDeals = lazy(() => import('../offvenue/OperatorDeals'));
const OperatorOnboarding = lazy(() => import('../supervision/OperatorOnboarding'));
const OperatorSupervision = lazy(() => import('../supervision/OperatorSupervision'));
const OperatorCredit = lazy(() => import('../supervision/OperatorCredit'));
const NotFound = lazy(() => import('../NotFound'));

const SECTIONS: ConsoleSection[] = [
  { path: '', labelKey: 'operator.nav.dashboard', icon: <DashboardOutlined /> },
  { path: 'reviews', labelKey: 'operator.nav.reviews', icon: <AuditOutlined /> },
  { path: 'products', labelKey: 'operator.nav.products', icon: <ShopOutlined /> },
  { path: 'complaints', labelKey: 'operator.nav.complaints', icon: <MessageOutlined /> },
  { path: 'organisations', labelKey: 'operator.nav.organisations', icon: <BankOutlined /> },
  { path: 'licences', labelKey: 'operator.nav.licences', icon: <StopOutlined /> },
  { path: 'needs', labelKey: 'market.nav.needs', icon: <SolutionOutlined /> },
  { path: 'ratings', labelKey: 'market.nav.moderation', icon: <StarOutlined /> },
  { path: 'off-venue', labelKey: 'nav.offVenue', icon: <SwapOutlined /> },
  { path: 'onboarding', labelKey: 'supervision.nav.onboarding', icon: <IdcardOutlined /> },
  { path: 'supervision', labelKey: 'supervision.nav.supervision', icon: <SafetyCertificateOutlined /> },
  { path: 'credit', labelKey: 'supervision.nav.credit', icon: <TrophyOutlined /> },
];

export default function OperatorConsole() {
  return (
    <ConsoleShell titleKey="operator.title" base="/operator" sections={SECTIONS}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route index element={<Dashboard />} />
          <Route path="reviews" element={<ReviewQueue />} />
          <Route path="reviews/:id" element={<ReviewDetail />} />
          <Route path="products" element={<Listings />} />
          <Route path="complaints" element={<Complaints />} />
          <Route path="complaints/:orderId" element={<ComplaintDetail />} />
          <Route path="organisations" element={<Organisations />} />
          <Route path="licences" element={<Licences />} />
          <Route path="needs" element={<OperatorNeeds />} />
          <Route path="ratings" element={<RatingModeration />} />
          <Route path="off-venue" element={<OperatorDeals />} />
          <Route path="onboarding" element={<OperatorOnboarding />} />
          <Route path="supervision" element={<OperatorSupervision />} />
          <Route path="credit" element={<OperatorCredit />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </ConsoleShell>
  );
}
