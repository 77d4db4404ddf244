import { Button, Card, Drawer, Pagination, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { itemsOf } from '../../api/client.ts';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useWorkspace } from '../../layout/Workspace.tsx';
import { useApi } from '../../lib/useApi.ts';
import { DueMark } from '../cases/DueMark.tsx';

/** A running statutory clock of an open case (GET /api/deadlines). */
export interface DueItem {
  readonly caseId: number;
  readonly townshipId: number;
  readonly type: string;
  readonly typeLabel: string;
  readonly title: string;
  readonly stateLabel: string;
  readonly clockLabel: string;
  readonly kind: 'limit' | 'minimum';
  readonly due: string;
  readonly daysLeft: number;
  readonly overdue: boolean;
  readonly basis: string;
  /** “按法定节日推算，未含调休” when the due date was reckoned with statutory holidays only. */
  readonly mark: string | null;
}

export function countdown(d: { daysLeft: number; overdue: boolean; kind?: 'limit' | 'minimum' }): {
  text: string;
  color: string;
} {
  if (d.overdue) return { text: `已逾期 ${-d.daysLeft} 天`, color: 'red' };
  if (d.kind === 'minimum')
    return { text: d.daysLeft > 0 ? `${d.daysLeft} 天后届满` : '已届满', color: 'blue' };
  if (d.daysLeft === 0) return { text: '今日到期', color: 'volcano' };
  return { text: `剩 ${d.daysLeft} 天`, color: d.daysLeft <= 3 ? 'orange' : 'gold' };
}

/** One deadline as a list row: the case (its township too, for a county), the clock and the countdown. */
function dueRow(d: DueItem, township: ((id: number) => string) | null) {
  const c = countdown(d);
  const where = township ? `${township(d.townshipId)} · ` : '';
  return {
    title: <Link to={`/cases?type=${d.type}&open=${d.caseId}`}>{d.title}</Link>,
    description: (
      <>
        <div className="due-desc">{`${where}${d.typeLabel} · ${d.stateLabel} · ${d.clockLabel} ${d.due}`}</div>
        {d.mark && (
          <div className="due-mark-line">
            <DueMark mark={d.mark} />
          </div>
        )}
      </>
    ),
    extra: <Tag color={c.color}>{c.text}</Tag>,
  };
}

const PAGE = 20;

/** Every deadline of the card, a page at a time, most urgent first. */
function AllDue(props: {
  org: number;
  open: boolean;
  onClose: () => void;
  township: ((id: number) => string) | null;
}) {
  const [page, setPage] = useState(1);
  const { data, loading } = useApi<{ total?: number }>(props.open ? '/api/deadlines' : null, {
    query: { org: props.org, days: 14, limit: PAGE, offset: (page - 1) * PAGE },
  });
  const items = itemsOf<DueItem>(data);
  return (
    <Drawer
      title="全部法定时限提醒（逾期和 14 天内到期）"
      open={props.open}
      onClose={props.onClose}
      size="large"
    >
      <SimpleList
        loading={loading}
        items={items}
        empty="近期没有到期的法定时限"
        rowKey={(d) => `${d.caseId}:${d.clockLabel}`}
        render={(d) => dueRow(d, props.township)}
      />
      <Pagination
        className="due-pages"
        current={page}
        pageSize={PAGE}
        total={data?.total ?? 0}
        showSizeChanger={false}
        hideOnSinglePage
        onChange={setPage}
      />
    </Drawer>
  );
}

/** Overdue and due-soon case deadlines (14 days ahead), most urgent first. */
export function DueCases({
  org,
  byTownship = false,
}: {
  org: number;
  /** A county's card: each item names its township. */ byTownship?: boolean;
}) {
  const ws = useWorkspace();
  const [all, setAll] = useState(false);
  // The card shows the eight most urgent; the counts come with the page and cover the whole list.
  const { data, error, loading } = useApi<{ total?: number; overdue?: number }>('/api/deadlines', {
    query: { org, days: 14, limit: 8 },
  });
  const items = itemsOf<DueItem>(data);
  const overdue = data?.overdue ?? 0;
  const total = data?.total ?? items.length;
  const names = new Map(ws.townships.map((t) => [t.id, t.name]));
  const township = byTownship ? (id: number) => names.get(id) ?? '' : null;
  return (
    <Card
      size="small"
      title="法定时限提醒"
      extra={
        <span>
          <Tag color="red">逾期 {overdue}</Tag>
          <Tag color="gold">14 天内到期 {total - overdue}</Tag>
          {total > items.length && (
            <Button type="link" size="small" className="due-all" onClick={() => setAll(true)}>
              查看全部 {total} 项
            </Button>
          )}
        </span>
      }
    >
      {error ? (
        <Typography.Text type="secondary">时限数据暂不可用：{error}</Typography.Text>
      ) : (
        <SimpleList
          loading={loading}
          items={items}
          empty="近期没有到期的法定时限"
          rowKey={(d) => `${d.caseId}:${d.clockLabel}`}
          render={(d) => dueRow(d, township)}
        />
      )}
      <AllDue org={org} open={all} onClose={() => setAll(false)} township={township} />
    </Card>
  );
}
