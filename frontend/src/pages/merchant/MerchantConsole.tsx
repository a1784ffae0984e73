// The merchant console (数据商工作台): dashboard, products and their guided editor, orders received, revenue, licences held,
// what the organisation paid for them and the data assets they are.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { AccountBookOutlined, AppstoreOutlined, AuditOutlined, DashboardOutlined, FundOutlined, FileTextOutlined, SafetyCertificateOutlined, ShoppingCartOutlined, SolutionOutlined, StarOutlined, SwapOutlined } from '@ant-design/icons';
import { ConsoleShell } from '../../layout/ConsoleShell';
import { mountDictionary } from '../../i18n';
import { merchantEn, merchantZh } from '../../i18n/merchant';
import { supervisionEn, supervisionZh } from '../../i18n/supervision';
import { heldEn, heldZh } from '../../i18n/held';

// This console's words come with its own chunk, not with the store's first route.
mountDictionary('merchant', merchantZh, merchantEn);
mountDictionary('supervision', supervisionZh, supervisionEn);
mountDictionary('held', heldZh, heldEn);

const Dashboard = lazy(() => import('./Dashboard'));
const Products = lazy(() => import('./Products'));
const ProductEditor = lazy(() => import('./ProductEditor'));
const OrdersReceived = lazy(() => import('./OrdersReceived'));
const Revenue = lazy(() => import('./Revenue'));
const MerchantNeeds = lazy(() => import('../market/MerchantNeeds'));
const MerchantRatings = lazy(() => import('../market/MerchantRatings'));
const PartyDeals = lazy(() => import('../offvenue/PartyDeals'));
const MerchantStanding = lazy(() => import('../supervision/MerchantStanding'));
const LicencesHeld = lazy(() => import('./LicencesHeld'));
// What the organisation paid for the licences it holds, and those licences as data assets (the buyer's page itself).
const Purchases = lazy(() => import('./Purchases'));
const DataAssets = lazy(() => import('../DataAssets'));
// The buyer's order page itself: a merchant holding a licence takes delivery of it as a buyer does.
const OrderDetail = lazy(() => import('../OrderDetail'));
const NotFound = lazy(() => import('../NotFound'));

const SECTIONS = [
  { path: '', labelKey: 'merchant.nav.dashboard', icon: <DashboardOutlined /> },
  { path: 'products', labelKey: 'merchant.nav.products', icon: <AppstoreOutlined /> },
  { path: 'orders', labelKey: 'merchant.nav.orders', icon: <ShoppingCartOutlined /> },
  { path: 'revenue', labelKey: 'merchant.nav.revenue', icon: <FileTextOutlined /> },
  { path: 'licences', labelKey: 'held.nav', icon: <AuditOutlined /> },
  { path: 'purchases', labelKey: 'held.purchases.nav', icon: <AccountBookOutlined /> },
  { path: 'data-assets', labelKey: 'assets.nav', icon: <FundOutlined /> },
  { path: 'needs', labelKey: 'market.nav.answers', icon: <SolutionOutlined /> },
  { path: 'ratings', labelKey: 'market.nav.ratings', icon: <StarOutlined /> },
  { path: 'off-venue', labelKey: 'nav.offVenue', icon: <SwapOutlined /> },
  { path: 'standing', labelKey: 'supervision.nav.merchant', icon: <SafetyCertificateOutlined /> },
];

export default function MerchantConsole() {
  return (
    <ConsoleShell titleKey="merchant.title" base="/merchant" sections={SECTIONS}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Routes>
          <Route index element={<Dashboard />} />
          <Route path="products" element={<Products />} />
          <Route path="products/new" element={<ProductEditor />} />
          <Route path="products/:id" element={<ProductEditor />} />
          <Route path="orders" element={<OrdersReceived />} />
          <Route path="revenue" element={<Revenue />} />
          <Route path="licences" element={<LicencesHeld />} />
          <Route path="licences/:id" element={<OrderDetail />} />
          <Route path="purchases" element={<Purchases />} />
          <Route path="data-assets" element={<DataAssets />} />
          <Route path="needs" element={<MerchantNeeds />} />
          <Route path="ratings" element={<MerchantRatings />} />
          <Route path="off-venue" element={<PartyDeals />} />
          <Route path="standing" element={<MerchantStanding />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </ConsoleShell>
  );
}
