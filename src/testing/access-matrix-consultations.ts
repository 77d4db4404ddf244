/** The access matrix's entries for 公众参与: the staff routes and the portal's pages and comment route. */
import type { InjectOptions } from 'fastify';
import { solvePow } from '../core/pow.ts';
import { addDays, todayOf } from '../core/dates.ts';
import { registerCase } from '../services/case-writes.ts';
import type { Org } from '../services/orgs.ts';
import { issueChallenge } from '../services/public/challenge.ts';
import { submitComment } from '../services/public/consultations-public.ts';
import { publishConsultation } from '../services/public/consultations-staff.ts';
import type { MatrixCase, MatrixContext, Where } from './access-matrix.ts';
import { setup } from './fixtures.ts';

const staffRoles = ['township_leader', 'township_staff'] as const;
const town = (c: MatrixContext, where: Where): Org => (where === 'own' ? c.w.a : c.w.c);

/** A new major decision in drafting in the township, opened `daysAgo` days before now. */
async function decision(c: MatrixContext, where: Where, daysAgo = 0): Promise<number> {
  const at = new Date().toISOString();
  const draft = { date: addDays(todayOf(at), -daysAgo), title: `决策${c.next()}`, data: {} };
  const r = await registerCase(
    c.h,
    setup.p,
    setup.actor,
    { type: 'major_decision', townshipId: town(c, where).id, draft },
    at,
  );
  return r.id;
}

/** A consultation published `daysAgo` days before now; a past one ran a short window (with its reason) that has closed. */
async function consultation(c: MatrixContext, where: Where, daysAgo = 0): Promise<number> {
  const caseId = await decision(c, where, daysAgo);
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const opens = todayOf(at);
  const input = {
    caseId,
    title: `征求意见${c.next()}`,
    explanation: '起草说明',
    draft: '草案文本',
    ...(daysAgo > 0
      ? { closesOn: addDays(opens, 5), shortReason: '情况紧急' }
      : { closesOn: addDays(opens, 60) }),
  };
  return (await publishConsultation(c.h, setup.p, setup.actor, input, at)).id;
}

/** One open consultation per township with one comment, shared by the requests that only read or mark. */
const shared = new WeakMap<MatrixContext, Map<number, Promise<{ id: number; commentId: number }>>>();

function withComment(c: MatrixContext, where: Where): Promise<{ id: number; commentId: number }> {
  let byTown = shared.get(c);
  if (!byTown) shared.set(c, (byTown = new Map<number, Promise<{ id: number; commentId: number }>>()));
  const t = town(c, where).id;
  let made = byTown.get(t);
  if (!made) {
    made = (async () => {
      const id = await consultation(c, where);
      const now = new Date();
      const ch = issueChallenge(c.h, now);
      const challenge = { token: ch.token, nonce: solvePow(ch.token, ch.bits) };
      await submitComment(c.h, { consultationId: id, body: '建议增加停车位', challenge }, '10.0.0.9', now);
      const row = await c.h.db
        .selectFrom('consultation_comments')
        .select('id')
        .where('consultation_id', '=', id)
        .executeTakeFirstOrThrow();
      return { id, commentId: Number(row.id) };
    })();
    byTown.set(t, made);
  }
  return made;
}

function challengeAnswer(c: MatrixContext) {
  const ch = issueChallenge(c.h, new Date());
  return { token: ch.token, nonce: solvePow(ch.token, ch.bits) };
}

export const consultationMatrix: Readonly<Record<string, MatrixCase>> = {
  'GET /api/consultations': {
    allow: [...staffRoles],
    other: 403,
    ok: 200,
    req: (c, where): InjectOptions => ({
      method: 'GET',
      url: `/api/consultations?township=${town(c, where).id}`,
    }),
  },
  'POST /api/consultations': {
    allow: [...staffRoles],
    other: 404,
    ok: 201,
    req: async (c, where) => ({
      method: 'POST',
      url: '/api/consultations',
      payload: {
        caseId: await decision(c, where),
        title: `征求意见${c.next()}`,
        explanation: '起草说明',
        draft: '草案文本',
        closesOn: addDays(todayOf(new Date().toISOString()), 60),
      },
    }),
  },
  'GET /api/consultations/:id': {
    allow: [...staffRoles],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'GET',
      url: `/api/consultations/${(await withComment(c, where)).id}`,
    }),
  },
  'PUT /api/consultations/:id/comments/:commentId': {
    allow: [...staffRoles],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      const { id, commentId } = await withComment(c, where);
      return {
        method: 'PUT',
        url: `/api/consultations/${id}/comments/${commentId}`,
        payload: { decision: 'adopted', digest: '建议增加停车位' },
      };
    },
  },
  'POST /api/consultations/:id/summary': {
    allow: [...staffRoles],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/consultations/${await consultation(c, where, 10)}/summary`,
      payload: { text: '征求意见期间未收到意见。' },
    }),
  },
  'GET /public/:county/consultations': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: (c) => ({ method: 'GET', url: `/public/${c.w.county.code}/consultations` }),
  },
  'GET /public/:county/consultations/:id': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) => ({
      method: 'GET',
      url: `/public/${c.w.county.code}/consultations/${(await withComment(c, 'own')).id}`,
    }),
  },
  'POST /api/public/consultations/:id/comments': {
    allow: 'public',
    other: 'same',
    ok: 201,
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/consultations/${(await withComment(c, 'own')).id}/comments`,
      payload: { body: `意见${c.next()}`, challenge: challengeAnswer(c) },
    }),
  },
};
