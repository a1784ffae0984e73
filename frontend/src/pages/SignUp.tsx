import { useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import { useSession } from '../auth/session';
import { creditCodeProblem } from '../lib/creditCode';
import { ProblemAlert, problemText } from '../ui';

interface SignUpValues {
  username: string;
  password: string;
  role: 'BUYER' | 'MERCHANT';
  name: string;
  creditCode: string;
}

/** API field names ("organisation.creditCode") to this form's fields. */
const FIELDS: Record<string, keyof SignUpValues> = {
  username: 'username', password: 'password', role: 'role', 'organisation.name': 'name', 'organisation.creditCode': 'creditCode',
};

export default function SignUp() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignUpValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: SignUpValues) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/auth/register', {
        body: { username: v.username.trim(), password: v.password, role: v.role, organisation: { name: v.name.trim(), creditCode: v.creditCode.trim() } },
      }));
      const account = await signIn(v.username.trim(), v.password);
      message.success(t('signUp.done'));
      navigate(account.role === 'BUYER' ? '/' : `/${account.role.toLowerCase()}`, { replace: true });
    } catch (e) {
      setError(e);
      const field = e instanceof ApiError && e.problem.field ? FIELDS[e.problem.field] : undefined;
      if (field && e instanceof ApiError) form.setFields([{ name: field, errors: [problemText(t, e.problem)] }]);
    } finally {
      setBusy(false);
    }
  };

  const creditCodeRule = {
    validator: (_: unknown, value?: string) => {
      const problem = creditCodeProblem((value ?? '').trim());
      return problem ? Promise.reject(new Error(t(`signUp.creditCodeProblem.${problem.kind}`, problem))) : Promise.resolve();
    },
  };

  return (
    <Card style={{ maxWidth: 520, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('signUp.title')}</Typography.Title>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'BUYER' }} requiredMark={false}>
        <Form.Item name="role" label={t('signUp.role')}>
          <Radio.Group options={[{ value: 'BUYER', label: t('role.BUYER') }, { value: 'MERCHANT', label: t('role.MERCHANT') }]} />
        </Form.Item>
        <Form.Item name="name" label={t('signUp.organisation')} rules={[{ required: true, message: t('wizard.required') }, { max: 200 }]}>
          <Input autoComplete="organization" />
        </Form.Item>
        <Form.Item name="creditCode" label={t('signUp.creditCode')} extra={t('signUp.creditCodeHelp')} rules={[creditCodeRule]}>
          <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name="username" label={t('signIn.username')} extra={t('signUp.usernameHelp')}
          rules={[{ required: true, message: t('wizard.required') }, { pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: t('signUp.usernameHelp') }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, min: 8, max: 128, message: t('signUp.passwordHelp') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('signUp.submit')}</Button>
      </Form>
    </Card>
  );
}
