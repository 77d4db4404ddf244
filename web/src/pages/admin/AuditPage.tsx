import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText, itemsOf } from '../../api/client.ts';
import { useApi } from '../../lib/useApi.ts';

interface Entry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string | null;
  readonly role: string | null;
  readonly ip: string | null;
  readonly action: string;
  readonly targetType?: string | null;
  readonly targetId?: string | number | null;
}

/** The tamper-evident audit log, for the auditor only; the hash chain can be verified here. */
export default function AuditPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [page, setPage] = useState(1);
  const [check, setCheck] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const { data, error, loading } = useApi<unknown>('/api/audit', {
    query: {
      from: range?.[0].format('YYYY-MM-DD'),
      to: range?.[1].format('YYYY-MM-DD'),
      limit: 20,
      offset: (page - 1) * 20,
    },
  });
  const items = itemsOf<Entry>(data);

  const verify = async () => {
    try {
      const r = await api<{ ok: boolean; entries?: number; message?: string }>('/api/audit/verify');
      setCheck(
        r.ok
          ? { type: 'success', text: `哈希链完整${r.entries !== undefined ? `，共 ${r.entries} 条` : ''}` }
          : { type: 'error', text: r.message ?? '哈希链校验失败：日志可能被篡改' },
      );
    } catch (e) {
      setCheck({ type: 'error', text: errorText(e) });
    }
  };

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Space>
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          />
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()}>
            核验日志完整性
          </Button>
        </Space>
      </div>
      {check && <Alert className="form-alert" type={check.type} showIcon title={check.text} />}
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small">
        <Table<Entry>
          size="small"
          rowKey="seq"
          loading={loading}
          dataSource={items}
          pagination={{
            current: page,
            pageSize: 20,
            total: items.length < 20 ? (page - 1) * 20 + items.length : page * 20 + 1,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: '时间',
              dataIndex: 'at',
              width: 200,
              render: (t: string) => new Date(t).toLocaleString('zh-CN'),
            },
            { title: '序号', dataIndex: 'seq', width: 70 },
            { title: '账号', dataIndex: 'actor', width: 130 },
            { title: '角色', dataIndex: 'role', width: 130 },
            { title: '地址', dataIndex: 'ip', width: 130 },
            { title: '操作', dataIndex: 'action' },
            { title: '对象', render: (_, e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '') },
          ]}
        />
      </Card>
    </div>
  );
}
