import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CycleReport } from '../../api/types.ts';
import { daysUntil } from '../../lib/dates.ts';

type State = CycleReport['state'];

/** A state's colour: waiting on someone is orange, refused red, done green. */
const STATE_COLOR: Readonly<Record<State, string>> = {
  not_started: 'default',
  drafting: 'processing',
  awaiting_signature: 'orange',
  signed: 'cyan',
  submitted: 'blue',
  returned: 'red',
  accepted: 'green',
  cleared: 'green',
  published: 'success',
};

/** The report's state as a badge (the server's own label). */
export function StateTag({ state, label }: { state: State; label: string }) {
  return (
    <Tag color={STATE_COLOR[state]} className="cycle-state" data-state={state}>
      {label}
    </Tag>
  );
}

/** A `YYYY-MM-DD…` timestamp as a date, or a dash. */
export const dateOf = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');

/** A timestamp to the minute, as the history shows it. */
export const timeOf = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm');

/**
 * The publication deadline with its countdown: red when past (or published after it), quiet once
 * published in time.
 */
export function DeadlineText(props: {
  deadline: string;
  daysLeft?: number;
  publishedAt: string | null;
  late?: boolean;
}) {
  const left = props.daysLeft ?? daysUntil(props.deadline);
  if (props.publishedAt) {
    const late = props.late ?? dateOf(props.publishedAt) > props.deadline;
    return (
      <Typography.Text type={late ? 'danger' : 'success'} className="cycle-deadline">
        {dateOf(props.publishedAt)} 公开{late ? `（晚于截止日 ${props.deadline}）` : ''}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text
      type={left < 0 ? 'danger' : left <= 30 ? 'warning' : undefined}
      className="cycle-deadline"
    >
      {left >= 0
        ? `距公开截止（${props.deadline}）还有 ${left} 天`
        : `已超过公开截止（${props.deadline}）${-left} 天`}
    </Typography.Text>
  );
}
