import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PlanProgress, StudyPlanItem } from '../../../../src/services/study-plans.ts';
import { api, errorText } from '../../api/client.ts';
import { allowed } from '../../auth/permissions.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { chinaYear } from '../../lib/dates.ts';
import { useApi } from '../../lib/useApi.ts';
import { LinkRecordModal } from './LinkRecordModal.tsx';
import { PlanItemModal } from './PlanItemModal.tsx';
import './study.css';

type Plan = { orgId: number; org: string; year: number; items: StudyPlanItem[] };

/** Plans are made ahead: next year's, this year's and the past four. */
const yearOptions = () =>
  Array.from({ length: 6 }, (_, i) => chinaYear() + 1 - i).map((y) => ({ value: y, label: `${y} 年度` }));

/** The 完成情况 cell: the record that fulfilled the item, or whether it is late. */
function Fulfilment({ item }: { item: StudyPlanItem }) {
  if (item.record)
    return (
      <span className="plan-done">
        <Tag color="green">已完成</Tag>
        {item.record.date} {item.record.title}
      </span>
    );
  if (item.state === 'overdue') return <Tag color="red">逾期未完成</Tag>;
  return <Tag>{item.state === 'current' ? '本月计划' : '未完成'}</Tag>;
}

/** Planned against done, in total and per study form. */
function ProgressSummary({ p }: { p: PlanProgress | undefined }) {
  if (!p) return <Spin />;
  if (p.total.planned === 0)
    return <Typography.Text type="secondary">本年度尚未制定学法计划。</Typography.Text>;
  return (
    <div className="plan-progress">
      <span className="plan-figure">
        计划<b>{p.total.planned}</b>次，完成<b>{p.total.done}</b>次
      </span>
      {p.reached >= 1 && p.reached <= 12 && (
        <span className="plan-figure">
          截至{p.reached}月应完成<b>{p.total.due}</b>次
        </span>
      )}
      {p.total.overdue > 0 && <Tag color="red">逾期 {p.total.overdue} 项</Tag>}
      <Space size={4} wrap>
        {p.byType.map((t) => (
          <Tag key={t.sessionType}>
            {t.label}：{t.done}/{t.planned}
          </Tag>
        ))}
      </Space>
    </div>
  );
}

/**
 * 学法计划（学法清单）: the year's planned study of the township (or of the county, for its
 * departments), by month, each item linked to the study record that fulfilled it.
 */
export default function StudyPlanPage() {
  const ws = useWorkspace();
  const user = useUser();
  const cat = useCatalogue();
  const { message } = App.useApp();
  const org = ws.org;
  const query = { orgId: org?.id, year: ws.year };
  const plan = useApi<Plan>(org ? '/api/study-plans' : null, { query });
  const progress = useApi<PlanProgress>(org ? '/api/study-plans/progress' : null, { query });
  const [editing, setEditing] = useState<StudyPlanItem | null | 'new'>(null);
  const [linking, setLinking] = useState<StudyPlanItem | null>(null);
  const canEdit = allowed(user, 'study.plan');
  const forms = useMemo(() => {
    const f = cat?.kind('study_session')?.fields.find((x) => x.key === 'sessionType');
    return f && f.type === 'enum' ? f.options.map((o) => ({ value: o.value, label: o.label })) : [];
  }, [cat]);

  const reload = () => {
    plan.reload();
    progress.reload();
  };
  const remove = async (id: number) => {
    try {
      await api(`/api/study-plans/${id}`, { method: 'DELETE' });
      void message.success('已删除计划项');
      reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  if (!org) return <Spin className="page-spin" />;
  return (
    <div className="study-plan-page">
      <div className="page-title">
        <Typography.Title level={4}>{org.name} 学法计划</Typography.Title>
        <Space wrap>
          <Select
            aria-label="计划年度"
            value={ws.year}
            options={yearOptions()}
            onChange={(y: number) => ws.setYear(y)}
            style={{ width: 112 }}
          />
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增计划项
            </Button>
          )}
        </Space>
      </div>
      <Card size="small" className="plan-summary" title={`${ws.year}年完成情况`}>
        <ProgressSummary p={progress.data} />
      </Card>
      {plan.error && <Alert type="error" showIcon title={plan.error} />}
      <Table<StudyPlanItem>
        rowKey="id"
        size="small"
        className="study-plan-table"
        pagination={false}
        loading={plan.loading && !plan.data}
        dataSource={plan.data?.items ?? []}
        locale={{ emptyText: `${ws.year}年尚无学法计划项` }}
        scroll={{ x: 900 }}
        columns={[
          { title: '月份', dataIndex: 'month', width: 64, render: (m: number) => `${m}月` },
          { title: '学习形式', dataIndex: 'sessionTypeLabel', width: 160 },
          { title: '学习内容', dataIndex: 'topic' },
          { title: '学习法律法规', dataIndex: 'laws', render: (l: string | null) => l ?? '—' },
          { title: '参学对象', dataIndex: 'audienceLabel', width: 150 },
          { title: '完成情况', width: 240, render: (_, r) => <Fulfilment item={r} /> },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  width: 190,
                  render: (_: unknown, r: StudyPlanItem) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setLinking(r)}>
                        关联记录
                      </Button>
                      <Button type="link" size="small" onClick={() => setEditing(r)}>
                        修改
                      </Button>
                      <Popconfirm title="删除这一计划项？" okText="删除" onConfirm={() => void remove(r.id)}>
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PlanItemModal
        open={editing !== null}
        orgId={org.id}
        year={ws.year}
        item={editing === 'new' ? null : editing}
        forms={forms}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          void message.success('已保存计划项');
          reload();
        }}
      />
      <LinkRecordModal
        item={linking}
        onClose={() => setLinking(null)}
        onDone={() => {
          setLinking(null);
          void message.success('已更新关联的学法记录');
          reload();
        }}
      />
    </div>
  );
}
