import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { ConsultationDetail } from './types.ts';

/** Publishes the 意见采纳情况: the text, with the counts the server takes from the handled comments. */
export function SummaryModal(props: {
  c: ConsultationDetail;
  open: boolean;
  onClose: () => void;
  onDone: (c: ConsultationDetail) => void;
}) {
  const { c } = props;
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = (d: string) => c.items.filter((i) => i.decision === d).length;
  const counts = `共收到意见${c.items.length}条，采纳${n('adopted')}条，部分采纳${n('partly')}条，不采纳${n('rejected')}条。`;

  const submit = async (v: { text: string }) => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(
        await api<ConsultationDetail>(`/api/consultations/${c.id}/summary`, { method: 'POST', json: v }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="公布意见采纳情况"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="公布"
      confirmLoading={busy}
      destroyOnHidden
      rootClassName="summary-modal"
    >
      <Typography.Paragraph type="secondary">
        公布后，公开平台显示条数、说明和每条意见的摘要、处理结果及理由（不显示提出人的姓名、联系方式和意见原文）；决策的“公众参与”同时完成并登记意见条数，公布后不能再修改。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ text: counts }}>
        <Form.Item
          name="text"
          label="意见采纳情况说明"
          rules={[{ required: true, whitespace: true, message: '请填写意见采纳情况说明' }]}
        >
          <Input.TextArea rows={6} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
