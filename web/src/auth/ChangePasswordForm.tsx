import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 等级保护: at least 8 characters from 3 of 4 classes; the server checks again. */
const POLICY = '至少 8 位，包含大写字母、小写字母、数字、符号中的三类';

/** Change one's own password; `current` pre-fills it right after a forced first login. */
export function ChangePasswordForm({ current, onDone }: { current?: string; onDone: () => void }) {
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
          { min: 8, message: '密码至少 8 位' },
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
