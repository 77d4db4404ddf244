/** The write cases of 公众参与: publishing a consultation, a public comment, marking it, the summary. */
import { solvePow } from '../core/pow.ts';
import { registerCase } from '../services/case-writes.ts';
import { issueChallenge } from '../services/public/challenge.ts';
import { submitComment } from '../services/public/consultations-public.ts';
import { markComment, publishConsultation, publishSummary } from '../services/public/consultations-staff.ts';
import type { World, WriteCase } from './write-cases.ts';

const AT = '2025-06-30T02:00:00.000Z';
/** A window published on 2025-05-20 (30日 run to 2025-06-19) closing on 2025-06-25, before AT. */
const EARLIER = '2025-05-20T02:00:00.000Z';
let n = 0;

async function published(w: World, at = AT, closesOn = '2025-08-15') {
  const c = await registerCase(
    w.h,
    w.staff,
    w.act(w.staff),
    { type: 'major_decision', draft: { date: '2025-05-01', title: `集镇规划调整${++n}`, data: {} } },
    at,
  );
  const input = { caseId: c.id, title: '征求意见稿', explanation: '起草说明', draft: '草案', closesOn };
  return publishConsultation(w.h, w.staff, w.act(w.staff), input, at);
}

async function comment(w: World, consultationId: number, at: string): Promise<number> {
  const now = new Date(at);
  const ch = issueChallenge(w.h, now);
  const challenge = { token: ch.token, nonce: solvePow(ch.token, ch.bits) };
  await submitComment(w.h, { consultationId, body: `意见${++n}`, challenge }, '10.0.0.2', now);
  const row = await w.h.db
    .selectFrom('consultation_comments')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export const consultationWriteCases: readonly WriteCase[] = [
  {
    service: 'public/consultations-staff.ts#publishConsultation',
    action: 'consultation.publish',
    then: ['case.comment'],
    prepare: async (w) => {
      const c = await registerCase(
        w.h,
        w.staff,
        w.act(w.staff),
        { type: 'major_decision', draft: { date: '2025-06-01', title: '农贸市场改造', data: {} } },
        AT,
      );
      const input = {
        caseId: c.id,
        title: '征求意见稿',
        explanation: '说明',
        draft: '草案',
        closesOn: '2025-08-15',
      };
      return () => publishConsultation(w.h, w.staff, w.act(w.staff), input, AT);
    },
  },
  {
    service: 'public/consultations-public.ts#submitComment',
    action: 'consultation.comment',
    prepare: async (w) => {
      const c = await published(w);
      const now = new Date(AT);
      const ch = issueChallenge(w.h, now);
      const challenge = { token: ch.token, nonce: solvePow(ch.token, ch.bits) };
      return () =>
        submitComment(w.h, { consultationId: c.id, body: '建议延长开放时间', challenge }, '10.0.0.3', now);
    },
  },
  {
    service: 'public/consultations-staff.ts#markComment',
    action: 'consultation.mark',
    prepare: async (w) => {
      const c = await published(w);
      const commentId = await comment(w, c.id, AT);
      const input = {
        consultationId: c.id,
        commentId,
        decision: 'partly',
        reason: '部分已有安排',
        digest: '延长开放时间',
      };
      return () => markComment(w.h, w.staff, w.act(w.staff), input, AT);
    },
  },
  {
    service: 'public/consultations-staff.ts#publishSummary',
    action: 'consultation.summary',
    then: ['case.comment_done'],
    prepare: async (w) => {
      const c = await published(w, EARLIER, '2025-06-25');
      const commentId = await comment(w, c.id, '2025-05-21T02:00:00.000Z');
      const mark = { consultationId: c.id, commentId, decision: 'adopted', digest: '增设公交站' };
      await markComment(w.h, w.staff, w.act(w.staff), mark, '2025-06-26T02:00:00.000Z');
      const input = { consultationId: c.id, text: '共收到意见1条，已采纳。' };
      return () => publishSummary(w.h, w.staff, w.act(w.staff), input, AT);
    },
  },
];
