import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { Org } from '../../api/types.ts';

interface Values {
  name: string;
  orgId: number;
}

/**
 * The system administrator edits an account's display name or organisation (PATCH /api/users/:id).
 * Moving it to another organisation takes its role away: the data scope is the security
 * administrator's to grant (三员分立), so the form says so before saving.
 */
export function EditUserModal(props: {
  account: { id: number; username: string; name: string; role: string; orgId: number } | null;
  orgs: readonly Org[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const a = props.account;
  const orgId = Form.useWatch('orgId', form);
  const moving = a !== null && orgId !== undefined && orgId !== a.orgId;
  const orgs = props.orgs.filter((o) => o.kind === 'county' || o.kind === 'township');

  const submit = async (v: Values) => {
    if (!a) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...(v.name.trim() !== a.name ? { name: v.name.trim() } : {}),
        ...(v.orgId !== a.orgId ? { orgId: v.orgId } : {}),
      };
      if (Object.keys(body).length === 0) {
        props.onClose();
        return;
      }
      await api(`/api/users/${a.id}`, { method: 'PATCH', json: body });
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={a ? `修改账号 ${a.username}` : '修改账号'}
      open={a !== null}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="edit-user-modal"
    >
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={a ? { name: a.name, orgId: a.orgId } : {}}
        onFinish={(v) => void submit(v)}
      >
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
          />
        </Form.Item>
      </Form>
      {moving && a.role && (
        <Alert
          type="warning"
          showIcon
          title="改变所属组织后，该账号现有的角色将被取消，须由安全管理员重新分配角色和数据范围后方可登录（三员分立）"
        />
      )}
    </Modal>
  );
}
