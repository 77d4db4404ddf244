import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import type { WebhookConfig, WebhookKind } from '../../api/types.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';

interface Answer {
  readonly kinds: Record<WebhookKind, string>;
  readonly items: readonly WebhookConfig[];
}
interface FormValues {
  orgId: number;
  kind: WebhookKind;
  url?: string;
  enabled: boolean;
}

const STATUS = {
  sent: ['green', '已发送'],
  failed: ['red', '发送失败'],
  pending: ['orange', '待发送'],
} as const;

/** The system administrator's group-robot settings: one webhook per county or township, with a test button. */
export default function WebhooksPage() {
  const ws = useWorkspace();
  const { data, error, reload } = useApi<Answer>('/api/webhooks');
  const [form] = Form.useForm<FormValues>();
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const orgs = ws.orgs.filter((o) => o.kind === 'county' || o.kind === 'township');
  const save = async (v: FormValues) => {
    setBusy(true);
    try {
      await api('/api/webhooks', { method: 'PUT', json: { ...v, url: v.url?.trim() || undefined } });
      setErr(undefined);
      form.resetFields(['url']);
      void message.success('已保存群机器人设置');
      reload();
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const test = async (w: WebhookConfig) => {
    try {
      const r = await api<{ ok: boolean; error: string | null }>(`/api/webhooks/${w.id}/test`, {
        method: 'POST',
      });
      if (r.ok) void message.success(`已向${w.org}的群机器人发送测试消息`);
      else void message.error(`测试消息发送失败：${r.error ?? ''}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const remove = async (w: WebhookConfig) => {
    try {
      await api(`/api/webhooks/${w.id}`, { method: 'DELETE' });
      reload();
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="群机器人提醒" className="webhooks-page">
        <Typography.Paragraph type="secondary">
          案件即将到期、已逾期时立即提醒，每天定时发送待办汇总。消息只含案件编号、类型、期限和乡镇名称，不含当事人信息。县级机器人接收全县各乡镇的提醒。
        </Typography.Paragraph>
        {(error ?? err) && (
          <Alert type="error" showIcon message={error ?? err} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void save(v)}
          initialValues={{ kind: 'wecom', enabled: true }}
        >
          <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择县或乡镇' }]}>
            <Select
              aria-label="单位"
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={orgs.map((o) => ({
                value: o.id,
                label: o.kind === 'county' ? `${o.name}（全县）` : o.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select
              aria-label="类型"
              style={{ width: 160 }}
              options={Object.entries(
                data?.kinds ?? { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' },
              ).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="url" label="Webhook 地址" extra="已设置的单位留空则保留原地址">
            <Input
              aria-label="Webhook 地址"
              style={{ width: 360 }}
              placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch aria-label="启用" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
        </Form>
      </Card>
      <Card size="small">
        <Table<WebhookConfig>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...(data?.items ?? [])]}
          columns={[
            { title: '单位', dataIndex: 'org' },
            { title: '类型', dataIndex: 'kindLabel' },
            {
              title: '地址',
              dataIndex: 'url',
              render: (u: string) => <Typography.Text code>{u}</Typography.Text>,
            },
            {
              title: '状态',
              dataIndex: 'enabled',
              render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: '最近一次发送',
              dataIndex: 'lastDelivery',
              render: (d: WebhookConfig['lastDelivery']) =>
                d ? (
                  <Space size={4} wrap>
                    <Tag color={STATUS[d.status][0]}>{STATUS[d.status][1]}</Tag>
                    <span>{d.title}</span>
                    {d.error && (
                      <Typography.Text type="danger">
                        （{d.error}，已试 {d.attempts} 次）
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: '操作',
              render: (_: unknown, w) => (
                <Space>
                  <a onClick={() => void test(w)}>发送测试消息</a>
                  <a
                    onClick={() => form.setFieldsValue({ orgId: w.orgId, kind: w.kind, enabled: w.enabled })}
                  >
                    修改
                  </a>
                  <Popconfirm title={`删除${w.org}的群机器人设置？`} onConfirm={() => void remove(w)}>
                    <a>删除</a>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
