import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './auth/session';
import { AppRoutes } from './routes';

// Ant Design's default greys, link blue and red are below WCAG AA contrast (4.5:1) on white; these are the darkest
// shades that keep its look and pass axe-core's colour-contrast rule.
const theme = {
  token: {
    colorPrimary: '#1f4e99',
    colorLink: '#1f4e99',
    colorError: '#c0262d',
    colorSuccess: '#237a1f',
    colorWarning: '#a15c00',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 6,
  },
};

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
