import { Result } from 'antd';
import { LinkButton } from '../ui';
import { useTranslation } from 'react-i18next';

export default function NotAllowed() {
  const { t } = useTranslation();
  return <Result status="403" title={<h1 style={{ fontSize: 24 }}>{t('notAllowed.title')}</h1>} subTitle={t('notAllowed.detail')}
    extra={<LinkButton to="/" type="primary">{t('notFound.home')}</LinkButton>} />;
}
