import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Tag } from 'antd';
import { countdown } from '../dashboard/DueCases.tsx';
import { DueMark } from './DueMark.tsx';
import { daysUntil } from '../../lib/dates.ts';
import type { CaseSummary } from './types.ts';

/** One case on the board: title, date, township (county users), who handles it, its nearest deadline counting down. */
export function CaseCard({
  c,
  township,
  onOpen,
}: {
  c: CaseSummary;
  township?: string | undefined;
  onOpen: (id: number) => void;
}) {
  const left = c.nextDue && !c.closed ? daysUntil(c.nextDue) : null;
  const cd = left === null ? null : countdown({ daysLeft: left, overdue: left < 0 });
  return (
    <Card size="small" className="case-card" hoverable onClick={() => onOpen(c.id)} data-case={c.id}>
      <div className="case-title" title={c.title}>
        {c.title}
      </div>
      <div className="case-meta">
        {c.date}
        {township ? ` · ${township}` : ''}
        {c.owner ? ` · 承办：${c.owner}` : ''}
      </div>
      {c.nextDue && cd && (
        <div className="case-due">
          <ClockCircleOutlined /> 期限 {c.nextDue} <Tag color={cd.color}>{cd.text}</Tag>
          <DueMark mark={c.nextDueMark} />
        </div>
      )}
    </Card>
  );
}
