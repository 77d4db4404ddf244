import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { chinaToday } from '../../lib/dates.ts';
import { useApi } from '../../lib/useApi.ts';
import type { ConsultationDetail } from './types.ts';

interface DraftingCase {
  readonly id: number;
  readonly title: string;
  readonly townshipId: number;
}

interface Values {
  caseId: number;
  title: string;
  explanation: string;
  draft: string;
  closesOn: Dayjs;
  shortReason?: string;
}

/**
 * Publishes a major decision's draft for public comment (重大行政决策程序暂行条例 第15条): the decision
 * must be 拟订中; the window runs from today to the closing date, at least 30 days unless a reason
 * for a shorter one is given. The server checks both and takes the case's 公开征求意见 step.
 */
export function PublishModal(props: {
  open: boolean;
  onClose: () => void;
  onDone: (c: ConsultationDetail) => void;
}) {
  const ws = useWorkspace();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cases = useApi<{ items: DraftingCase[] }>(props.open ? '/api/cases' : null, {
    query: { type: 'major_decision', state: 'drafting', limit: 500 },
  });
  const closesOn = Form.useWatch('closesOn', form);
  const short = closesOn ? closesOn.diff(chinaToday(), 'day') < 30 : false;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const c = await api<ConsultationDetail>('/api/consultations', {
        json: {
          caseId: v.caseId,
          title: v.title,
          explanation: v.explanation,
          draft: v.draft,
          closesOn: v.closesOn.format('YYYY-MM-DD'),
          shortReason: v.shortReason ?? null,
        },
      });
      form.resetFields();
      props.onDone(c);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const pick = (id: number) => {
    const c = cases.data?.items.find((x) => x.id === id);
    if (c && !form.getFieldValue('title'))
      form.setFieldValue('title', `关于《${c.title}（征求意见稿）》公开征求意见的公告`);
  };

  return (
    <Modal
      title="发布征求意见稿"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="发布"
      confirmLoading={busy}
      destroyOnHidden
      width={720}
      rootClassName="publish-consultation-modal"
    >
      <Typography.Paragraph type="secondary">
        发布后即在公开平台“意见征集”栏目公布，决策进入“公众参与”阶段。公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，须说明理由（重大行政决策程序暂行条例
        第15条）。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ closesOn: chinaToday().add(31, 'day') }}
      >
        <Form.Item
          name="caseId"
          label="决策事项"
          rules={[{ required: true, message: '请选择拟订中的重大行政决策' }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={cases.loading}
            placeholder="拟订中的重大行政决策"
            notFoundContent="没有拟订中的重大行政决策，请先在“案件办理”中登记"
            onChange={pick}
            options={(cases.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.title}（${ws.orgName(c.townshipId)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, message: '请填写标题' }, { max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="explanation"
          label="起草说明"
          extra="起草背景、依据、主要内容和需要说明的问题"
          rules={[{ required: true, message: '请填写起草说明' }]}
        >
          <Input.TextArea rows={5} maxLength={20000} />
        </Form.Item>
        <Form.Item name="draft" label="草案文本" rules={[{ required: true, message: '请填写草案文本' }]}>
          <Input.TextArea rows={8} maxLength={200000} />
        </Form.Item>
        <Form.Item
          name="closesOn"
          label="截止日期"
          extra="自今日发布，截止日当日仍可提出意见"
          rules={[{ required: true, message: '请选择截止日期' }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) =>
              !d.isAfter(chinaToday(), 'day') || d.isAfter(chinaToday().add(1, 'year'), 'day')
            }
          />
        </Form.Item>
        <Form.Item
          name="shortReason"
          label="缩短期限的理由"
          extra={short ? '征求意见不足30日，须说明理由（如情况紧急）' : '征求意见不少于30日的，一般无须填写'}
          rules={[{ required: short, message: '征求意见不足30日的，须说明理由' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
