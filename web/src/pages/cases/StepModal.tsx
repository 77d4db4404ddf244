import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { CaseStepInfo, Field, FieldValue, RecordKind } from '../../api/types.ts';
import { FieldInput } from '../ledger/FieldInput.tsx';
import type { CaseDetail } from './types.ts';
import { chinaToday } from '../../lib/dates.ts';

type Values = Record<string, unknown> & { date?: Dayjs; reason?: string };

/** Takes one step of a case: the date, the record fields and parameters the step asks for, a reason. */
export function StepModal(props: {
  c: CaseDetail;
  step: CaseStepInfo | null;
  kind: RecordKind;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
}) {
  const { c, step, kind } = props;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields: Field[] = step
    ? [
        ...step.needs.flatMap((n) => {
          const f = kind.fields.find((x) => x.key === n.key);
          return f ? [{ ...f, required: n.required ?? false }] : [];
        }),
        ...step.params,
      ]
    : [];

  const submit = async (v: Values) => {
    if (!step) return;
    setBusy(true);
    setError(null);
    const values: Record<string, FieldValue> = {};
    for (const f of fields) {
      const x = v[`f_${f.key}`];
      if (x === undefined || x === null || x === '') continue;
      values[f.key] = dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : (x as FieldValue);
    }
    try {
      const next = await api<CaseDetail>(`/api/cases/${c.id}/transitions`, {
        json: { action: step.id, date: v.date?.format('YYYY-MM-DD'), values, reason: v.reason || null },
      });
      form.resetFields();
      props.onDone(next);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={step ? `${step.label}：${c.title}` : ''}
      open={step !== null}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="确定"
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="case-step-modal"
    >
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: chinaToday() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="date" label="办理日期" rules={[{ required: true, message: '请选择办理日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={`f_${f.key}`}
            label={f.label}
            valuePropName={f.type === 'bool' ? 'checked' : 'value'}
            rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
          >
            <FieldInput field={f} />
          </Form.Item>
        ))}
        {step?.reason && (
          <Form.Item
            name="reason"
            label="理由"
            rules={step.reason === 'required' ? [{ required: true, message: '请填写理由' }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
