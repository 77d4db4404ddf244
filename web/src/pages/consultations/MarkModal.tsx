import { Alert, Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import { DECISIONS, type CommentView } from './types.ts';

interface Values {
  decision: string;
  digest: string;
  reason?: string;
}

/** Handles one comment: 采纳, 部分采纳 or 不采纳 (the last two with a reason), and the digest published in its place. */
export function MarkModal(props: {
  consultationId: number;
  comment: CommentView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { comment } = props;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decision = Form.useWatch('decision', form);
  useEffect(() => {
    if (!comment) return;
    setError(null);
    form.setFieldsValue({
      decision: comment.decision ?? undefined,
      digest: comment.digest ?? '',
      reason: comment.reason ?? '',
    });
  }, [comment, form]);

  const submit = async (v: Values) => {
    if (!comment) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/consultations/${props.consultationId}/comments/${comment.id}`, {
        method: 'PUT',
        json: { decision: v.decision, digest: v.digest, reason: v.reason || null },
      });
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="处理公众意见"
      open={comment !== null}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      forceRender
      rootClassName="mark-comment-modal"
    >
      <Typography.Paragraph className="comment-body" ellipsis={{ rows: 6, expandable: true, symbol: '展开' }}>
        {comment?.body}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="decision" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group options={DECISIONS.map((d) => ({ value: d.value, label: d.label }))} />
        </Form.Item>
        <Form.Item
          name="digest"
          label="意见摘要"
          extra="公布意见采纳情况时以摘要代替原文，不要写入提出人的姓名、电话等个人信息"
          rules={[{ required: true, whitespace: true, message: '请填写意见摘要' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            {
              required: decision === 'partly' || decision === 'rejected',
              whitespace: true,
              message: '部分采纳或不采纳的，须说明理由',
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
