import { Alert, Card, Empty, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { TodoCategory, TodoItem, TodoList } from '../../api/types.ts';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import './todo.css';

const CATEGORY: Record<TodoCategory, { label: string; color: string }> = {
  overdue: { label: '已逾期', color: 'red' },
  due: { label: '即将到期', color: 'orange' },
  report: { label: '年度报告', color: 'blue' },
  import: { label: '导入失败', color: 'magenta' },
  evidence: { label: '缺少佐证材料', color: 'gold' },
};
const ORDER: TodoCategory[] = ['overdue', 'due', 'report', 'import', 'evidence'];

/** 待办: everything the user's role has to do in its scope, most urgent first, each a click from its work. */
export default function TodoPage() {
  const [days, setDays] = useState(7);
  const [category, setCategory] = useState<TodoCategory | 'all'>('all');
  const ws = useWorkspace();
  const nav = useNavigate();
  const { data, error, loading } = useApi<TodoList>('/api/todo', {
    query: { days, ...(category === 'all' ? {} : { category }) },
  });
  const open = (i: TodoItem) => {
    // The page an item opens works on the workspace's organisation and year: set them to the item's.
    if (i.townshipId !== null && ws.orgs.some((o) => o.id === i.townshipId)) ws.setOrgId(i.townshipId);
    if (i.year !== null && (i.category === 'report' || i.category === 'evidence')) ws.setYear(i.year);
    void nav(i.link);
  };
  return (
    <Card
      className="todo-page"
      title="待办"
      extra={
        <Space wrap>
          <Select
            aria-label="到期范围"
            value={days}
            onChange={setDays}
            options={[3, 7, 15, 30].map((d) => ({ value: d, label: `${d}日内到期及已逾期` }))}
          />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      <Segmented
        className="todo-filter"
        value={category}
        onChange={(v) => setCategory(v)}
        options={[
          { value: 'all' as const, label: `全部${data ? ` ${data.total}` : ''}` },
          ...ORDER.map((c) => ({
            value: c,
            label: `${CATEGORY[c].label}${data ? ` ${data.counts[c]}` : ''}`,
          })),
        ]}
      />
      <List
        className="todo-list"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description="没有待办事项" /> }}
        renderItem={(i) => (
          <List.Item
            className={`todo-item todo-${i.category}`}
            data-key={i.key}
            onClick={() => open(i)}
            actions={[
              <a key="go" href={i.link} onClick={(e) => (e.preventDefault(), open(i))}>
                去办理
              </a>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag color={CATEGORY[i.category].color}>{CATEGORY[i.category].label}</Tag>
                  <Tag>{i.typeLabel}</Tag>
                  {i.township && <Tag color="geekblue">{i.township}</Tag>}
                  <span className="todo-title">{i.title}</span>
                </Space>
              }
              description={
                <Typography.Text type={i.category === 'overdue' ? 'danger' : 'secondary'}>
                  {i.detail}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {data && data.counts.evidence > data.items.filter((i) => i.category === 'evidence').length && (
        <Typography.Paragraph type="secondary">
          缺少佐证材料的活动共 {data.counts.evidence} 条，此处列出前{' '}
          {data.items.filter((i) => i.category === 'evidence').length} 条。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
