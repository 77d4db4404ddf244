import { Alert, Collapse, Tag } from 'antd';
import { countdown } from '../dashboard/DueCases.tsx';
import { DueMark } from './DueMark.tsx';
import type { ClockView } from './types.ts';

const STATUS = { running: '计时中', paused: '暂停计算', stopped: '已停止' } as const;

/** Each statutory clock of a case with its due date and, unfolded, how that date was reached. */
export function ClockList({ clocks }: { clocks: readonly ClockView[] }) {
  if (clocks.length === 0) return <Alert type="info" showIcon title="此案件当前没有计算中的法定时限" />;
  return (
    <Collapse
      size="small"
      className="clock-list"
      items={clocks.map((c) => {
        const cd =
          c.daysLeft === null ? null : countdown({ daysLeft: c.daysLeft, overdue: c.overdue, kind: c.kind });
        return {
          key: c.id,
          label: (
            <span className="clock-head">
              <b>{c.label}</b> 至 <span className="clock-due">{c.deadline.due}</span>{' '}
              <Tag>{STATUS[c.status]}</Tag>
              {cd && <Tag color={cd.color}>{cd.text}</Tag>}
              {c.late && <Tag color="red">超期办结</Tag>}
              <DueMark mark={c.deadline.mark} />
            </span>
          ),
          children: (
            <div className="clock-explain">
              <div className="clock-basis">依据：{c.deadline.basis}</div>
              <ol>
                {c.deadline.steps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
              {c.deadline.warnings.map((w) => (
                <Alert key={w} type="warning" showIcon title={w} />
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
