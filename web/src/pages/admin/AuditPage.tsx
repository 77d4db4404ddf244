import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditLine } from '../../../../src/services/audit-read.ts';
import { api, download, errorText, itemsOf } from '../../api/client.ts';
import { useApi } from '../../lib/useApi.ts';
import { AuditDiff } from './AuditDiff.tsx';
import './audit.css';

interface Facets {
  readonly actors: readonly { username: string; name: string | null; entries: number }[];
  readonly actions: readonly { action: string; label: string }[];
  readonly targetTypes: readonly { type: string; label: string }[];
}

interface Filter {
  actor?: string;
  action?: string;
  targetType?: string;
  /** One object, picked by clicking its name in the list. */
  target?: { id: string; name: string };
  range?: [Dayjs, Dayjs];
}

const PAGE_SIZE = 20;
const time = (at: string) =>
  new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * The tamper-evident audit log, for the auditor only (三员分立): newest first, every action, role and
 * object in Chinese, filters, each entry's before/after, the .xlsx export (itself audited) ending
 * with the chain's head, and the chain verified here.
 */
export default function AuditPage() {
  const { message } = App.useApp();
  const [f, setF] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [check, setCheck] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const facets = useApi<Facets>('/api/audit/facets');
  const query = {
    actor: f.actor,
    action: f.action,
    targetType: f.targetType,
    targetId: f.target?.id,
    from: f.range?.[0].format('YYYY-MM-DD'),
    to: f.range?.[1].format('YYYY-MM-DD'),
  };
  const { data, error, loading } = useApi<{ items: AuditLine[]; total: number }>('/api/audit', {
    query: { ...query, order: 'desc', limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  });
  const items = itemsOf<AuditLine>(data);
  const filter = (next: Filter) => {
    setF(next);
    setPage(1);
  };

  const verify = async () => {
    try {
      const r = await api<{ ok: boolean; count?: number; message?: string }>('/api/audit/verify');
      setCheck(
        r.ok
          ? { type: 'success', text: `哈希链完整${r.count !== undefined ? `，共 ${r.count} 条` : ''}` }
          : { type: 'error', text: r.message ?? '哈希链校验失败：日志可能被篡改' },
      );
    } catch (e) {
      setCheck({ type: 'error', text: errorText(e) });
    }
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await download('/api/audit/export', '审计日志.xlsx', { query });
      void message.success(`已导出 ${name}（末行为链头哈希）`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const fc = facets.data;
  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Space>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()}>
            核验日志完整性
          </Button>
        </Space>
      </div>
      <Space wrap className="audit-filters">
        <Select
          aria-label="账号"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部账号"
          style={{ width: 220 }}
          value={f.actor}
          onChange={(actor?: string) => filter({ ...f, actor })}
          options={(fc?.actors ?? []).map((a) => ({
            value: a.username,
            label: a.name ? `${a.name}（${a.username}）` : a.username,
          }))}
        />
        <Select
          aria-label="操作"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部操作"
          style={{ width: 240 }}
          value={f.action}
          onChange={(action?: string) => filter({ ...f, action })}
          options={(fc?.actions ?? []).map((a) => ({ value: a.action, label: a.label }))}
        />
        <Select
          aria-label="对象类型"
          allowClear
          placeholder="全部对象"
          style={{ width: 160 }}
          value={f.targetType}
          onChange={(targetType?: string) => filter({ ...f, targetType, target: undefined })}
          options={(fc?.targetTypes ?? []).map((t) => ({ value: t.type, label: t.label }))}
        />
        {f.target && (
          <Tag closable onClose={() => filter({ ...f, target: undefined })}>
            对象：{f.target.name}
          </Tag>
        )}
        <DatePicker.RangePicker
          value={f.range ?? null}
          onChange={(v) => filter({ ...f, range: v && v[0] && v[1] ? [v[0], v[1]] : undefined })}
        />
      </Space>
      {check && <Alert className="form-alert" type={check.type} showIcon title={check.text} />}
      {(error ?? facets.error) && <Alert type="error" showIcon title={error ?? facets.error} />}
      <Card size="small">
        <Table<AuditLine>
          size="small"
          rowKey="seq"
          className="audit-table"
          loading={loading}
          dataSource={[...items]}
          expandable={{
            rowExpandable: (e) => e.changes.length > 0,
            expandedRowRender: (e) => <AuditDiff changes={e.changes} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 条`,
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: time },
            {
              title: '账号',
              key: 'actor',
              width: 180,
              render: (_, e) => (e.actorName ? `${e.actorName}（${e.actor ?? ''}）` : (e.actor ?? '系统')),
            },
            { title: '角色', dataIndex: 'roleLabel', width: 130, render: (r: string | null) => r ?? '—' },
            { title: '操作', dataIndex: 'actionLabel', width: 220 },
            {
              title: '对象',
              key: 'target',
              render: (_, e) =>
                e.targetType && e.targetId ? (
                  <span>
                    <Typography.Text type="secondary">{e.targetLabel}</Typography.Text>{' '}
                    <Typography.Link
                      title="只看此对象的记录"
                      onClick={() =>
                        filter({
                          ...f,
                          targetType: e.targetType ?? undefined,
                          target: { id: e.targetId ?? '', name: e.targetName ?? e.targetLabel ?? '' },
                        })
                      }
                    >
                      {e.targetName ?? '（无名称）'}
                    </Typography.Link>
                  </span>
                ) : (
                  (e.targetLabel ?? '—')
                ),
            },
            { title: '地址', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '本机' },
            { title: '序号', dataIndex: 'seq', width: 80 },
          ]}
        />
      </Card>
    </div>
  );
}
