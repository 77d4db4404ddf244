import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 等级保护: the server's policy (src/services/users.ts) checks again. */
const POLICY =
  '至少 10 位，包含大写字母、小写字母、数字、符号中的三类；不能是常见弱密码，不能与最近 5 次使用过的密码相同';

/** When a reset happened, in China's time: 2025年6月30日 10:00. */
const when = (at: string): string =>
  new Date(at).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    timeStyle: 'short',
    hour12: false,
  });

/**
 * Change one's own password; `current` pre-fills it right after a forced first login, and `reset`
 * tells the owner who reset the password and when (shown once: a new password clears it).
 */
export function ChangePasswordForm({
  current,
  reset,
  onDone,
}: {
  current?: string;
  reset?: { by: string; at: string } | null;
  onDone: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/password', {
        json: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      });
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      layout="vertical"
      initialValues={{ currentPassword: current ?? '' }}
      onFinish={(v) => void submit(v)}
      requiredMark={false}
    >
      {reset && (
        <Alert
          type="warning"
          showIcon
          data-testid="password-reset-notice"
          title="您的密码已被重置"
          description={`${reset.by}于 ${when(reset.at)} 重置了您的密码。如非本人申请，请立即联系安全管理员。`}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label="当前密码"
        rules={[{ required: true, message: '请输入当前密码' }]}
        hidden={current !== undefined}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra={POLICY}
        rules={[
          { required: true, message: '请输入新密码' },
          { min: 10, message: '密码至少 10 位' },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        修改密码
      </Button>
    </Form>
  );
}
