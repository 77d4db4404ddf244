import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { Org, OrgKind } from '../../api/types.ts';

type NewKind = Exclude<OrgKind, 'county'>;

interface Values {
  kind: NewKind;
  parentId: number;
  code: string;
  name: string;
}

const KINDS: readonly { value: NewKind; label: string }[] = [
  { value: 'township', label: '乡镇（街道）' },
  { value: 'village', label: '村（社区）' },
  { value: 'department', label: '部门' },
];

/** A township sits under a county; villages and departments under a township (the server checks this too). */
const parentKind = (k: NewKind): OrgKind => (k === 'township' ? 'county' : 'township');

/** The system administrator adds a township, village or department (POST /api/orgs). */
export function NewOrgModal(props: {
  open: boolean;
  orgs: readonly Org[];
  /** The organisation selected in the tree, offered as the parent when it fits. */
  near: Org | undefined;
  onClose: () => void;
  onCreated: (org: Org) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'village';
  const parents = props.orgs.filter((o) => o.kind === parentKind(kind));
  const near = props.near && props.near.kind === parentKind(kind) ? props.near.id : parents[0]?.id;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const org = await api<Org>('/api/orgs', { json: v });
      form.resetFields();
      props.onCreated(org);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="新增组织"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="new-org-modal"
    >
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'village', parentId: near }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // A new kind needs a parent of another kind: offer the first that fits.
          if (changed.kind) {
            const first = props.orgs.find((o) => o.kind === parentKind(changed.kind!));
            const keep = props.near?.kind === parentKind(changed.kind) ? props.near.id : first?.id;
            form.setFieldValue('parentId', keep);
          }
        }}
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={[...KINDS]} />
        </Form.Item>
        <Form.Item name="parentId" label="上级组织" rules={[{ required: true, message: '请选择上级组织' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={parents.map((o) => ({ value: o.id, label: o.name }))}
            placeholder="请选择"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={60} placeholder="如：东风村" />
        </Form.Item>
        <Form.Item
          name="code"
          label="代码"
          extra="统计用区划代码或自定代码，1–32 位字母、数字、_ 或 -"
          rules={[
            { required: true, message: '请填写代码' },
            { pattern: /^[0-9A-Za-z_-]{1,32}$/, message: '代码应为 1–32 位字母、数字、_ 或 -' },
          ]}
        >
          <Input maxLength={32} placeholder="如：430121101201" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
