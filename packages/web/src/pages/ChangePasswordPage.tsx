// 修改密码. Where a user signed in with an initial or reset password lands (the API refuses
// everything else until then); also reachable at /password by anyone signed in.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import * as api from '../api/endpoints.ts';
import { useAuth } from '../auth/AuthContext.tsx';

interface PasswordForm {
  current: string;
  next: string;
  repeat: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user, checking, replaceUser, signOut } = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/campaigns';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (checking) return null;
  if (!user) return <Navigate to="/login" replace />;
  // rendered with the updated user, so that the guarded pages let it through
  if (done) return <Navigate to={from === '/password' ? '/campaigns' : from} replace />;

  const submit = async (v: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.changePassword(v.current, v.next);
      replaceUser(r.user);
      setDone(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-wrap">
      <Card className="login-card" variant="borderless" style={{ boxShadow: '0 6px 24px rgba(0,0,0,0.15)' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('password.title')}</Typography.Title>
          <Button type="link" onClick={() => void signOut()}>{t('password.signOut')}</Button>
        </Flex>
        {user.mustChangePassword && <Alert type="warning" showIcon title={t('password.firstHint')} style={{ marginBottom: 12 }} data-testid="password-first" />}
        <Typography.Paragraph type="secondary">{t('password.rules')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
        <Form<PasswordForm> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="current" label={t('password.current')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="current-password" />
          </Form.Item>
          <Form.Item name="next" label={t('password.new')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" id="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat" label={t('password.repeat')} dependencies={['next']}
            rules={[{ required: true, message: t('login.passwordRequired') }, ({ getFieldValue }) => ({
              validator: (_r, value) => (value === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            })]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" id="repeat-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">{t('password.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
