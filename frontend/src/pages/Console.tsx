import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../auth/session';

/**
 * The landing page of the merchant, operator and regulator consoles. Their screens (issue 15) mount under
 * /merchant, /operator and /regulator on this route, behind RequireRole; until then the page says what the API
 * already offers each role.
 */
export default function Console({ role }: { role: Exclude<Role, 'BUYER'> }) {
  const { t } = useTranslation();
  const items = t(`console.${role}.items`, { returnObjects: true }) as string[];
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t(`console.${role}.title`)}</Typography.Title>
      <Typography.Paragraph>{t('console.coming')}</Typography.Paragraph>
      <List size="small" dataSource={items} renderItem={(item) => <List.Item>{item}</List.Item>} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('console.api')} <a href="/api/docs/index.html">/api/docs</a>
      </Typography.Paragraph>
    </Card>
  );
}
