import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

export interface Mark {
  readonly start: number;
  readonly end: number;
  /** CSS class: the finding's severity, or `copied`. */
  readonly cls: string;
  readonly note: string;
}

/** The report's text with findings and copied passages highlighted; overlapping marks stack their classes. */
export function HighlightedText({ text, marks }: { text: string; marks: readonly Mark[] }) {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const piece = text.slice(a, b);
    const over = marks.filter((m) => m.start <= a && m.end >= b && m.end > m.start);
    if (over.length === 0) out.push(piece);
    else
      out.push(
        <Tooltip key={a} title={over.map((m) => m.note).join('；')}>
          <mark className={over.map((m) => `hl-${m.cls}`).join(' ')}>{piece}</mark>
        </Tooltip>,
      );
  }
  return <div className="review-text">{out}</div>;
}
