import { Tag } from 'antd';
import type { ClockView } from '../cases/types.ts';
import { countdown } from '../dashboard/DueCases.tsx';

/** The deadline the report started, with its countdown and legal basis. */
export function Deadline({ clock }: { clock: ClockView }) {
  const cd =
    clock.daysLeft === null
      ? null
      : countdown({ daysLeft: clock.daysLeft, overdue: clock.overdue, kind: clock.kind });
  return (
    <div className="mobile-deadline" data-testid="dispute-deadline">
      <div>
        {clock.label}：<b className="mobile-deadline-due">{clock.deadline.due}</b>{' '}
        {cd && <Tag color={cd.color}>{cd.text}</Tag>}
      </div>
      <div className="mobile-deadline-basis">依据：{clock.deadline.basis}</div>
    </div>
  );
}
