import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { Org } from '../../api/types.ts';

interface Values {
  username: string;
  name: string;
  orgId: number;
}

interface Created {
  readonly user: { readonly username: string; readonly name: string };
  readonly initialPassword?: string;
}

/**
 * The system administrator creates an account (POST /api/users) without a role: the security
 * administrator grants one (三员分立), and until then the account cannot sign in. The server
 * generates the initial password, shown here once; the user must change it at the first login.
 */
export function NewUserModal(props: {
  open: boolean;
  orgs: readonly Org[];
  onClose: () => void;
  onCreated: (username: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  // Every role's account belongs to a county or a township.
  const orgs = props.orgs.filter((o) => o.kind === 'county' || o.kind === 'township');

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const c = await api<Created>('/api/users', { json: v });
      setCreated(c);
      form.resetFields();
      props.onCreated(c.user.username);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setCreated(null);
    setError(null);
    props.onClose();
  };

  return (
    <Modal
      title={created ? '账号已创建' : '新建账号'}
      open={props.open}
      onCancel={close}
      destroyOnHidden
      rootClassName="new-user-modal"
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            我已记下，关闭
          </Button>
        ) : (
          [
            <Button key="c" onClick={close}>
              取消
            </Button>,
            <Button key="s" type="primary" loading={busy} onClick={() => form.submit()}>
              创建
            </Button>,
          ]
        )
      }
    >
      {created ? (
        <div className="initial-password">
          <Alert
            type="warning"
            showIcon
            title="初始密码只显示这一次，关闭后无法再查看"
            description="请当面或通过安全渠道交给本人；安全管理员分配角色后方可登录，首次登录时系统会要求修改密码。"
          />
          <p>
            用户名：<b>{created.user.username}</b>（{created.user.name}）
          </p>
          <p>
            初始密码：
            <Typography.Text
              code
              copyable={{ text: created.initialPassword ?? '' }}
              data-testid="initial-password"
            >
              {created.initialPassword}
            </Typography.Text>
          </p>
        </div>
      ) : (
        <>
          {error && <Alert className="form-alert" type="error" showIcon title={error} />}
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title="新账号不带角色：由安全管理员分配角色和数据范围后方可登录（三员分立）"
          />
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item
              name="username"
              label="用户名"
              rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
            >
              <Input maxLength={32} autoComplete="off" placeholder="登录用，如 t01.wang" />
            </Form.Item>
            <Form.Item
              name="name"
              label="姓名"
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={orgs.map((o) => ({ value: o.id, label: o.name }))}
                placeholder="请选择"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
