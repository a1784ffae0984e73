import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';

const { Header, Content, Footer } = Layout;

/** The frame of every screen: brand, navigation by role, language switch, sign-in state. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { account, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  const items = [
    { key: '/', label: <Link to="/">{t('nav.catalogue')}</Link> },
    ...(account?.role === 'BUYER'
      ? [
          { key: '/orders', label: <Link to="/orders">{t('nav.orders')}</Link> },
          { key: '/needs', label: <Link to="/needs" data-testid="nav-needs">{t('market.nav.needs')}</Link> },
          { key: '/off-venue', label: <Link to="/off-venue" data-testid="nav-off-venue">{t('nav.offVenue')}</Link> },
          { key: '/wallet', label: <Link to="/wallet">{t('nav.wallet')}</Link> },
          { key: '/purchases', label: <Link to="/purchases" data-testid="nav-purchases">{t('nav.purchases')}</Link> },
          { key: '/data-assets', label: <Link to="/data-assets" data-testid="nav-data-assets">{t('assets.nav')}</Link> },
        ]
      : []),
    ...(account && account.role !== 'BUYER'
      ? [{ key: `/${account.role.toLowerCase()}`, label: <Link to={`/${account.role.toLowerCase()}`}>{t('nav.console')}</Link> }]
      : []),
    { key: '/prices', label: <Link to="/prices" data-testid="nav-prices">{t('nav.prices')}</Link> },
    { key: '/verify', label: <Link to="/verify">{t('nav.verify')}</Link> },
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' || location.pathname.startsWith('/products') : location.pathname.startsWith(k)));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      {/* Two rows: brand and account controls, then the navigation on a row of its own, so that every entry of the
          buyer's menu (nine today) stays in view in either language at any common width, never wrapped under the bar
          nor folded into "…", where it could not be reached by its name. */}
      <Header style={{ height: 'auto', lineHeight: 'normal', paddingInline: 32, background: '#fff', borderBottom: '1px solid #e5e7eb' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, minHeight: 52, maxWidth: 1280, margin: '0 auto' }}>
          <Link to="/" style={{ fontWeight: 600, fontSize: 17, color: '#1f4e99', whiteSpace: 'nowrap' }}>
            {t('brand')}
          </Link>
          <span style={{ flex: 1 }} />
          <Space size="middle" wrap>
            <Segmented
              aria-label={t('nav.language')}
              size="small"
              value={i18n.language === 'en' ? 'en' : 'zh'}
              options={[{ label: '中文', value: 'zh' }, { label: 'English', value: 'en' }]}
              onChange={(v) => void i18n.changeLanguage(String(v))}
            />
            {account ? (
              <>
                <Typography.Text data-testid="signed-in-as" className="signed-in-as" title={`${account.organisation.name} · ${account.username}`}>
                  {account.organisation.name} · {account.username}
                </Typography.Text>
                <Button onClick={() => { signOut(); navigate('/'); }}>{t('nav.signOut')}</Button>
              </>
            ) : (
              <>
                <Link to="/signin" state={{ from: location.pathname + location.search }}>{t('nav.signIn')}</Link>
                <Link to="/signup">{t('nav.signUp')}</Link>
              </>
            )}
          </Space>
        </div>
        <nav aria-label={t('nav.main')} className="store-nav" style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Menu mode="horizontal" disabledOverflow selectedKeys={selected} items={items} style={{ borderBottom: 'none', lineHeight: '44px' }} />
        </nav>
      </Header>
      <Content id="main" tabIndex={-1} style={{ padding: '24px 32px', maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Content>
      <Footer style={{ textAlign: 'center', color: '#4b5563' }}>{t('footer')}</Footer>
    </Layout>
  );
}
