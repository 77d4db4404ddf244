import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { CycleReport } from '../../api/types.ts';

type Step = CycleReport['steps'][number];

interface Values {
  comment?: string;
  reviewer?: string;
  result?: 'passed' | 'redacted';
  redactions?: string;
  correction?: string;
}

/** Steps that send the report back: shown in red. */
const RETURNS = new Set(['return', 'return_draft']);

/** What taking a step does, said before it is taken. */
const HINTS: Readonly<Record<string, string>> = {
  request_signature: '提请本乡镇主要负责人签发。提请后草稿不能修改，领导退回后方可修改。',
  return_draft: '退回法治专干修改草稿，请写明修改意见或逐段批注。',
  sign: '签发后生成签发稿（.docx），成文日期为今天；签发稿不再修改。',
  submit: '报送县依法治县办。报送时系统自动审阅签发稿，并与本乡镇台账核对数据。',
  return: '退回乡镇修改，退回意见和逐段批注将显示在乡镇的报告页面上。',
  accept: '审核通过后进行保密审查，然后公开发布。',
  clear: '记录保密审查：审查人和结论；删除涉密内容的，列出要从公开稿中删除的文字。',
  publish: '公开后，公众无须登录即可在公开页面查看本报告。',
};

/** A paragraph note to send with a return, and where the paragraph stands (一、（二）). */
export interface OutgoingNote {
  readonly key: string;
  readonly text: string;
  readonly where: string;
}

/** One button per step the user may take now; a modal asks for what the step needs. */
export function StepActions({
  r,
  onDone,
  notes,
}: {
  r: CycleReport;
  onDone: (state: string) => void;
  /** Paragraph notes written on the draft: sent with a return, then cleared. */
  notes?: { readonly outgoing: readonly OutgoingNote[]; readonly clear: () => void };
}) {
  const outgoing = notes?.outgoing ?? [];
  const [step, setStep] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);
  const republish = step?.id === 'publish' && r.publishedAt !== null;
  const withNotes = step !== null && RETURNS.has(step.id) && outgoing.length > 0;

  const close = () => {
    setStep(null);
    setError(null);
    form.resetFields();
  };

  const submit = async (v: Values) => {
    if (!step) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        step: step.id,
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        ...(step.id === 'clear'
          ? {
              clearance: {
                reviewer: v.reviewer?.trim() ?? '',
                result: v.result ?? 'passed',
                ...(v.result === 'redacted'
                  ? {
                      redactions: (v.redactions ?? '')
                        .split('\n')
                        .map((x) => x.trim())
                        .filter(Boolean),
                    }
                  : {}),
              },
            }
          : {}),
        ...(republish && v.correction?.trim() ? { correction: v.correction.trim() } : {}),
        ...(withNotes ? { notes: outgoing.map(({ key, text }) => ({ key, text })) } : {}),
      };
      const out = await api<{ state: string }>(`/api/cycle/${r.townshipId}/${r.year}/steps`, { json: body });
      close();
      if (withNotes) notes?.clear();
      onDone(out.state);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (r.steps.length === 0) return null;
  return (
    <>
      <Space wrap className="cycle-steps">
        {r.steps.map((s) => (
          <Button
            key={s.id}
            type={RETURNS.has(s.id) ? 'default' : 'primary'}
            danger={RETURNS.has(s.id)}
            onClick={() => setStep(s)}
          >
            {s.label}
          </Button>
        ))}
        {outgoing.length > 0 && (
          <Typography.Text type="warning">已写逐段批注 {outgoing.length} 条，退回时一并发出</Typography.Text>
        )}
      </Space>
      <Modal
        title={step ? `${step.label}：${r.township}${r.year}年度报告` : ''}
        open={step !== null}
        onCancel={close}
        onOk={() => form.submit()}
        okText={step ? `确认${step.label}` : '确认'}
        okButtonProps={{ danger: step ? RETURNS.has(step.id) : false }}
        confirmLoading={busy}
        destroyOnHidden
        rootClassName="cycle-step-modal"
      >
        {step && <Typography.Paragraph type="secondary">{HINTS[step.id] ?? ''}</Typography.Paragraph>}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ result: 'passed' }}
        >
          {step?.comment && (
            <Form.Item
              name="comment"
              label={RETURNS.has(step.id) ? '退回意见' : '意见（可不填）'}
              rules={
                step.comment === 'required' && !withNotes
                  ? [{ required: true, whitespace: true, message: '请写明意见，或在正文段落旁写批注' }]
                  : []
              }
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          )}
          {step && RETURNS.has(step.id) && (
            <div className="cycle-outgoing-notes">
              {withNotes ? (
                <>
                  <Typography.Text strong>将一并发出逐段批注 {outgoing.length} 条：</Typography.Text>
                  <ul>
                    {outgoing.map((n) => (
                      <li key={n.key}>
                        <Typography.Text type="secondary">{n.where}</Typography.Text> {n.text}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <Typography.Text type="secondary">
                  可先关闭此窗口，点击正文段落旁的“批注”逐段写明意见，再退回。
                </Typography.Text>
              )}
            </div>
          )}
          {step?.id === 'clear' && (
            <>
              <Form.Item
                name="reviewer"
                label="审查人"
                rules={[{ required: true, whitespace: true, message: '请填写保密审查人姓名' }]}
              >
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="result" label="审查结论">
                <Radio.Group
                  options={[
                    { value: 'passed', label: '通过' },
                    { value: 'redacted', label: '删除涉密内容后通过' },
                  ]}
                />
              </Form.Item>
              {result === 'redacted' && (
                <Form.Item
                  name="redactions"
                  label="从公开稿中删除的文字（每行一段，须与报告原文一致）"
                  rules={[{ required: true, whitespace: true, message: '请列出要删除的文字' }]}
                >
                  <Input.TextArea rows={4} />
                </Form.Item>
              )}
            </>
          )}
          {republish && (
            <Form.Item
              name="correction"
              label="更正说明（报告已公开过，再次公开须说明更正了什么）"
              rules={[{ required: true, whitespace: true, message: '请写明更正说明' }]}
            >
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
        </Form>
        {error && <Alert type="error" showIcon title={error} className="cycle-step-error" />}
      </Modal>
    </>
  );
}
