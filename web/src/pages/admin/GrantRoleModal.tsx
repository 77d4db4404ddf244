import { Alert, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { Org, RoleInfo } from '../../api/types.ts';

interface Values {
  role: string;
  orgId: number;
}

/**
 * The security administrator grants an account a business role and the organisation whose data it
 * reaches (三员分立: the system administrator only creates accounts). 三员 roles are not offered.
 */
export function GrantRoleModal(props: {
  account: { id: number; username: string; role: string; orgId: number } | null;
  roles: readonly RoleInfo[];
  orgs: readonly Org[];
  onClose: () => void;
  onGranted: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = props.roles.filter((r) => !r.security);
  const roleId = Form.useWatch('role', form);
  const role = roles.find((r) => r.id === roleId);
  const orgs = role ? props.orgs.filter((o) => o.kind === role.orgKind) : [];
  const a = props.account;

  const submit = async (v: Values) => {
    if (!a) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/users/${a.id}/role`, { json: v });
      props.onGranted();
      props.onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={a ? `为 ${a.username} 分配角色` : '分配角色'}
      open={a !== null}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="分配"
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="grant-role-modal"
    >
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={a ? { role: a.role || undefined, orgId: a.orgId } : {}}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<Values>) => {
          const r = roles.find((x) => x.id === changed.role);
          const current = props.orgs.find((o) => o.id === form.getFieldValue('orgId'));
          if (r && current?.kind !== r.orgKind) form.setFieldValue('orgId', undefined);
        }}
      >
        <Form.Item
          name="role"
          label="角色"
          extra={role?.description}
          rules={[{ required: true, message: '请选择角色' }]}
        >
          <Select options={roles.map((r) => ({ value: r.id, label: r.label }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label="数据范围（所属组织）"
          extra="账号只能查看和办理所选组织及其下级组织的数据"
          rules={[{ required: true, message: '请选择所属组织' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!role}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            placeholder={role ? '请选择' : '请先选择角色'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
