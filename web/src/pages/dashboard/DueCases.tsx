import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { itemsOf } from '../../api/client.ts';
import { SimpleList } from '../../components/SimpleList.tsx';
import { useApi } from '../../lib/useApi.ts';
import { DueMark } from '../cases/DueMark.tsx';

/** A running statutory clock of an open case (GET /api/deadlines). */
export interface DueItem {
  readonly caseId: number;
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

/** Overdue and due-soon case deadlines (14 days ahead), most urgent first. */
export function DueCases({ org }: { org: number }) {
  // The card shows the eight most urgent; the counts come with the page and cover the whole list.
  const { data, error, loading } = useApi<{ total?: number; overdue?: number }>('/api/deadlines', {
    query: { org, days: 14, limit: 8 },
  });
  const items = itemsOf<DueItem>(data);
  const overdue = data?.overdue ?? 0;
  const total = data?.total ?? items.length;
  return (
    <Card
      size="small"
      title="法定时限提醒"
      extra={
        <span>
          <Tag color="red">逾期 {overdue}</Tag>
          <Tag color="gold">14 天内到期 {total - overdue}</Tag>
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
          render={(d) => {
            const c = countdown(d);
            return {
              title: <Link to={`/cases?type=${d.type}&open=${d.caseId}`}>{d.title}</Link>,
              description: (
                <>
                  <div className="due-desc">{`${d.typeLabel} · ${d.stateLabel} · ${d.clockLabel} ${d.due}`}</div>
                  {d.mark && (
                    <div className="due-mark-line">
                      <DueMark mark={d.mark} />
                    </div>
                  )}
                </>
              ),
              extra: <Tag color={c.color}>{c.text}</Tag>,
            };
          }}
        />
      )}
    </Card>
  );
}
