import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorText } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { useAuth, userOf } from './AuthProvider.tsx';
import './login.css';

interface Credentials {
  username: string;
  password: string;
}

type Refusal = 'locked' | 'backoff' | 'failed';

const refusalTitle: Record<Refusal, string> = {
  locked: '账号已锁定',
  backoff: '登录失败次数过多，请稍后再试',
  failed: '登录失败',
};

function refusalOf(e: unknown): Refusal {
  if (!(e instanceof ApiError)) return 'failed';
  if (e.code === 'account_locked') return 'locked';
  return e.code === 'login_backoff' || e.code === 'rate_limited' ? 'backoff' : 'failed';
}

/**
 * Sign-in, with the lockout and back-off messages from the server, and the forced password change
 * at the first login (after a reset, saying who reset the password and when).
 */
export default function LoginPage() {
  const { setUser, refresh } = useAuth();
  const [error, setError] = useState<{ text: string; kind: Refusal } | null>(null);
  const [busy, setBusy] = useState(false);
  const [mustChange, setMustChange] = useState<string | null>(null);
  const [reset, setReset] = useState<User['passwordReset']>(null);

  const submit = async (c: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const u = userOf(await api<unknown>('/api/auth/login', { json: c }));
      if (u?.mustChangePassword) {
        setReset(u.passwordReset);
        setMustChange(c.password);
      } else setUser(u);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'password_change_required') setMustChange(c.password);
      else setError({ text: errorText(e), kind: refusalOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-banner">
        <Typography.Title level={2}>法治政府建设工作平台</Typography.Title>
        <Typography.Paragraph>工作台账 · 法定时限 · 指标统计 · 年度报告 · 报告审阅</Typography.Paragraph>
      </div>
      <Card className="login-card" title={mustChange === null ? '账号登录' : '首次登录，请修改初始密码'}>
        {mustChange === null ? (
          <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            {error && (
              <Alert
                className="login-alert"
                type={error.kind === 'failed' ? 'error' : 'warning'}
                showIcon
                title={refusalTitle[error.kind]}
                description={error.text}
              />
            )}
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" placeholder="如 t01.staff" />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              登录
            </Button>
          </Form>
        ) : (
          <ChangePasswordForm current={mustChange} reset={reset} onDone={() => void refresh()} />
        )}
      </Card>
    </div>
  );
}
