// Every route is its own chunk (React.lazy), so the first screen loads React, Ant Design's core and the
// catalogue only. The consoles of the merchant, operator and regulator (issue 15) hang under /merchant,
// /operator and /regulator, each behind its role.
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { RequireRole } from './auth/session';
import { AppLayout } from './layout/AppLayout';

const Catalogue = lazy(() => import('./pages/Catalogue'));
const ProductSheet = lazy(() => import('./pages/ProductSheet'));
const OrderWizard = lazy(() => import('./pages/OrderWizard'));
const MyOrders = lazy(() => import('./pages/MyOrders'));
const OrderDetail = lazy(() => import('./pages/OrderDetail'));
const Wallet = lazy(() => import('./pages/Wallet'));
const DataAssets = lazy(() => import('./pages/DataAssets'));
const BuyerPurchases = lazy(() => import('./pages/BuyerPurchases'));
const Needs = lazy(() => import('./pages/market/Needs'));
const NeedDetail = lazy(() => import('./pages/market/NeedDetail'));
const VerifyCertificate = lazy(() => import('./pages/VerifyCertificate'));
const PriceStatistics = lazy(() => import('./pages/offvenue/PriceStatistics'));
const PartyDeals = lazy(() => import('./pages/offvenue/PartyDeals'));
const SignIn = lazy(() => import('./pages/SignIn'));
const SignUp = lazy(() => import('./pages/SignUp'));
const MerchantConsole = lazy(() => import('./pages/merchant/MerchantConsole'));
const OperatorConsole = lazy(() => import('./pages/operator/OperatorConsole'));
const RegulatorConsole = lazy(() => import('./pages/regulator/RegulatorConsole'));
const NotAllowed = lazy(() => import('./pages/NotAllowed'));
const NotFound = lazy(() => import('./pages/NotFound'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Page><Catalogue /></Page>} />
        <Route path="products/:id" element={<Page><ProductSheet /></Page>} />
        <Route path="products/:id/order" element={<RequireRole roles={['BUYER', 'MERCHANT']}><Page><OrderWizard /></Page></RequireRole>} />
        <Route path="orders" element={<RequireRole roles={['BUYER']}><Page><MyOrders /></Page></RequireRole>} />
        <Route path="orders/:id" element={<RequireRole roles={['BUYER']}><Page><OrderDetail /></Page></RequireRole>} />
        <Route path="needs" element={<RequireRole roles={['BUYER']}><Page><Needs /></Page></RequireRole>} />
        <Route path="needs/:id" element={<RequireRole roles={['BUYER']}><Page><NeedDetail /></Page></RequireRole>} />
        <Route path="wallet" element={<RequireRole roles={['BUYER']}><Page><Wallet /></Page></RequireRole>} />
        <Route path="purchases" element={<RequireRole roles={['BUYER']}><Page><BuyerPurchases /></Page></RequireRole>} />
        <Route path="data-assets" element={<RequireRole roles={['BUYER']}><Page><DataAssets /></Page></RequireRole>} />
        <Route path="off-venue" element={<RequireRole roles={['BUYER']}><Page><PartyDeals /></Page></RequireRole>} />
        <Route path="prices" element={<Page><PriceStatistics /></Page>} />
        <Route path="verify" element={<Page><VerifyCertificate /></Page>} />
        <Route path="verify/:id" element={<Page><VerifyCertificate /></Page>} />
        <Route path="signin" element={<Page><SignIn /></Page>} />
        <Route path="signup" element={<Page><SignUp /></Page>} />
        <Route path="merchant/*" element={<RequireRole roles={['MERCHANT']}><Page><MerchantConsole /></Page></RequireRole>} />
        <Route path="operator/*" element={<RequireRole roles={['OPERATOR']}><Page><OperatorConsole /></Page></RequireRole>} />
        <Route path="regulator/*" element={<RequireRole roles={['REGULATOR']}><Page><RegulatorConsole /></Page></RequireRole>} />
        <Route path="not-allowed" element={<Page><NotAllowed /></Page>} />
        <Route path="*" element={<Page><NotFound /></Page>} />
      </Route>
    </Routes>
  );
}
