import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { ProblemAlert } from '../ui';

export default function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  // Where to go after signing in: the page that sent the person here, or ?next=/path for links into the store
  // (same-site paths only, so a link cannot send a signed-in buyer to another site).
  const next = params.get('next');
  const from = (location.state as { from?: string } | null)?.from ?? (next && /^\/(?!\/)/.test(next) ? next : undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const account = await signIn(v.username.trim(), v.password);
      const home = account.role === 'BUYER' ? '/' : `/${account.role.toLowerCase()}`;
      navigate(from && from !== '/signin' ? from : home, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('signIn.title')}</Typography.Title>
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('wizard.required') }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('wizard.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('signIn.submit')}</Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('signIn.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('signIn.demo')}</Typography.Paragraph>
    </Card>
  );
}
