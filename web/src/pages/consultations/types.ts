/** The answers of /api/consultations, as the server declares them (type-only imports). */
import type { CommentView, ConsultationView } from '../../../../src/services/public/consultations.ts';
import type { ConsultationDetail } from '../../../../src/services/public/consultations-staff.ts';

export type { CommentView, ConsultationDetail, ConsultationView };

/** 采纳 / 部分采纳 / 不采纳, with the colour each shows in. */
export const DECISIONS = [
  { value: 'adopted', label: '采纳', color: 'green' },
  { value: 'partly', label: '部分采纳', color: 'gold' },
  { value: 'rejected', label: '不采纳', color: 'default' },
] as const;

/** Where a consultation stands, as a tag. */
export function stageOf(c: ConsultationView): { label: string; color: string } {
  if (c.abandoned) return { label: '决策已终止', color: 'default' };
  if (c.summary) return { label: '已公布采纳情况', color: 'green' };
  if (c.open) return { label: c.daysLeft === 0 ? '今天截止' : `征求中，还剩${c.daysLeft}天`, color: 'blue' };
  if (c.unmarked > 0) return { label: `已截止，${c.unmarked}条待处理`, color: 'orange' };
  return { label: '已截止，待公布采纳情况', color: 'orange' };
}

/** An ISO time as it reads in China: 2025-03-05 10:00. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
