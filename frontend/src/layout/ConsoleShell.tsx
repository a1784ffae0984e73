import type { ReactNode } from 'react';
import { Layout, Menu, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/** One entry of a console's side menu: a path under the console's base, its label key and icon. */
export interface ConsoleSection {
  path: string;
  labelKey: string;
  icon?: ReactNode;
}

/**
 * The frame shared by the merchant, operator and regulator consoles (Ant Design Pro's side-menu layout inside the
 * store's header): a titled side menu of sections and the section's screen beside it. The section whose path is
 * the longest prefix of the location is selected, so nested screens (a product's editor) keep their section lit.
 */
export function ConsoleShell({ titleKey, base, sections, children }: {
  titleKey: string;
  base: string;
  sections: ConsoleSection[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const full = (path: string) => (path ? `${base}/${path}` : base);
  const selected = sections
    .map((s) => full(s.path))
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ background: 'transparent', gap: 24 }} hasSider>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0} style={{ background: '#fff', borderRadius: 8 }}>
        <Typography.Text strong style={{ display: 'block', padding: '16px 24px 8px', color: '#1f4e99' }}>
          {t(titleKey)}
        </Typography.Text>
        <nav aria-label={t(titleKey)}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            style={{ borderInlineEnd: 'none' }}
            items={sections.map((s) => ({ key: full(s.path), icon: s.icon, label: <Link to={full(s.path)}>{t(s.labelKey)}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout.Content style={{ minWidth: 0 }}>{children}</Layout.Content>
    </Layout>
  );
}
