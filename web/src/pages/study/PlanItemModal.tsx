import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { STUDY_AUDIENCES } from '../../../../src/catalogue/questions.ts';
import type { StudyPlanItem } from '../../../../src/services/study-plans.ts';
import { api, errorText } from '../../api/client.ts';

interface Values {
  sessionType: string;
  topic: string;
  laws?: string;
  month: number;
  audience: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }));
const AUDIENCES = Object.entries(STUDY_AUDIENCES).map(([value, label]) => ({ value, label }));

/** Adds an item to the year's plan, or edits one (`item`); the server checks every field. */
export function PlanItemModal(props: {
  open: boolean;
  orgId: number;
  year: number;
  item: StudyPlanItem | null;
  forms: readonly { value: string; label: string }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { item, open } = props;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue(
      item
        ? { ...item, laws: item.laws ?? '' }
        : { sessionType: 'center_group', topic: '', laws: '', month: undefined, audience: 'leaders' },
    );
  }, [open, item, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = { ...v, laws: v.laws?.trim() ? v.laws : null };
      if (item) await api(`/api/study-plans/${item.id}`, { method: 'PUT', json: body });
      else await api('/api/study-plans', { json: { ...body, orgId: props.orgId, year: props.year } });
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={item ? '修改计划项' : `新增${props.year}年学法计划项`}
      open={open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      rootClassName="plan-item-modal"
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="month" label="计划月份" rules={[{ required: true, message: '请选择月份' }]}>
          <Select aria-label="计划月份" options={MONTHS} placeholder="月份" virtual={false} />
        </Form.Item>
        <Form.Item
          name="sessionType"
          label="学习形式"
          rules={[{ required: true, message: '请选择学习形式' }]}
        >
          <Select aria-label="学习形式" options={[...props.forms]} />
        </Form.Item>
        <Form.Item
          name="topic"
          label="学习内容"
          rules={[{ required: true, whitespace: true, message: '请填写学习内容（主题）' }]}
        >
          <Input maxLength={200} showCount placeholder="如：学习《中华人民共和国行政处罚法》" />
        </Form.Item>
        <Form.Item name="laws" label="学习法律法规">
          <Input.TextArea
            maxLength={1000}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder="可填多部，用顿号分隔"
          />
        </Form.Item>
        <Form.Item name="audience" label="参学对象" rules={[{ required: true, message: '请选择参学对象' }]}>
          <Select aria-label="参学对象" options={AUDIENCES} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
