import { Result } from 'antd';
import { LinkButton } from '../ui';
import { useTranslation } from 'react-i18next';

export default function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={<h1 style={{ fontSize: 24 }}>{t('notFound.title')}</h1>} subTitle={t('notFound.detail')}
    extra={<LinkButton to="/" type="primary">{t('notFound.home')}</LinkButton>} />;
}
