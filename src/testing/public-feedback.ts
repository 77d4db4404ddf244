/** 群众诉求 for tests: a resident's feedback filed through the service, its case closed, and the access-matrix entries. */
import { expect } from 'vitest';
import { solvePow } from '../core/pow.ts';
import type { Db } from '../db/connect.ts';
import { requestByCode } from '../db/public.repo.ts';
import { takeCaseStep } from '../services/case-writes.ts';
import { issueChallenge } from '../services/public/challenge.ts';
import { codeHash } from '../services/public/codes.ts';
import { FileStore } from '../services/file-store.ts';
import { addFeedbackPhoto, submitFeedback, type FeedbackInput } from '../services/public/feedback.ts';
import { saveFeedbackRules } from '../services/public/feedback-rules.ts';
import { rateFeedback } from '../services/public/feedback-status.ts';
import { DEFAULT_FEEDBACK_CATEGORIES } from '../catalogue/feedback.ts';
import type { MatrixCase, MatrixContext } from './access-matrix.ts';
import { setup } from './fixtures.ts';
import { PNG, type World } from './http.ts';
import type { WriteCase, World as WriteWorld } from './write-cases.ts';

/** A solved proof of work, as the portal's script sends it. */
export function solved(h: Db, now = new Date()): { token: string; nonce: string } {
  const c = issueChallenge(h, now);
  return { token: c.token, nonce: solvePow(c.token, c.bits) };
}

let n = 0;

/** Files feedback in 测试县 (by default a 邻里纠纷 at 甲镇's village) and returns its code and case. */
export async function fileFeedback(
  h: Db,
  w: World,
  over: Partial<Omit<FeedbackInput, 'challenge'>> = {},
  now = new Date(),
): Promise<{ code: string; caseId: number }> {
  const input: FeedbackInput = {
    county: w.county.code,
    category: 'neighbour',
    place: `v${w.village.id}`,
    description: `邻居在楼道堆放杂物，影响通行（第${++n}件）`,
    name: '王某',
    phone: '13800138000',
    challenge: solved(h, now),
    ...over,
  };
  const { code } = await submitFeedback(h, input, { ip: '198.51.100.7', now });
  const row = await requestByCode(h.db, 'feedback', codeHash(code));
  return { code, caseId: Number(row!.record_id) };
}

/** Closes a feedback's case from the console: a dispute mediated successfully, a petition accepted and closed. */
export async function closeFeedbackCase(h: Db, caseId: number, type: 'dispute' | 'petition', at: string) {
  const steps = type === 'dispute' ? ['resolve'] : ['accept', 'close'];
  for (const action of steps) await takeCaseStep(h, setup.p, setup.actor, caseId, { action }, at);
}

/**
 * Puts a feedback back to unrated with no photos: state no service offers (a rating and a photo
 * are final), so set directly, for the access matrix only, which sends each request many times
 * and would otherwise file a fresh feedback, with its proof of work, for each.
 */
async function resetFeedback(h: Db, code: string): Promise<void> {
  const row = await requestByCode(h.db, 'feedback', codeHash(code));
  const content = { ...(JSON.parse(row!.content) as Record<string, unknown>), photos: 0 };
  await h.db
    .updateTable('public_requests')
    .set({ rating: null, rating_comment: null, rated_at: null, content: JSON.stringify(content) })
    .where('id', '=', row!.id)
    .execute();
}

/** The matrix entries of the public 群众诉求 routes and the county's rules. */
export function feedbackMatrix(): Readonly<Record<string, MatrixCase>> {
  // One open and one closed feedback per database: the matrix runs once on each.
  const open = new WeakMap<Db, string>();
  const closed = new WeakMap<Db, string>();
  const readable = async (c: MatrixContext) => {
    const code = open.get(c.h) ?? (await fileFeedback(c.h, c.w)).code;
    open.set(c.h, code);
    return code;
  };
  const rateable = async (c: MatrixContext) => {
    let code = closed.get(c.h);
    if (!code) {
      const f = await fileFeedback(c.h, c.w);
      await closeFeedbackCase(c.h, f.caseId, 'dispute', new Date().toISOString());
      code = f.code;
      closed.set(c.h, code);
    }
    await resetFeedback(c.h, code);
    return code;
  };
  const county = (c: MatrixContext) => c.w.county.code;
  return {
    'GET /public/:county/feedback': {
      allow: 'public',
      other: 'same',
      ok: 200,
      req: (c) => ({ method: 'GET', url: `/public/${county(c)}/feedback` }),
    },
    'GET /public/:county/feedback/status': {
      allow: 'public',
      other: 'same',
      ok: 200,
      req: async (c) => ({
        method: 'GET',
        url: `/public/${county(c)}/feedback/status?code=${await readable(c)}`,
      }),
    },
    'GET /api/public/feedback/:code': {
      allow: 'public',
      other: 'same',
      ok: 200,
      req: async (c) => ({ method: 'GET', url: `/api/public/feedback/${await readable(c)}` }),
    },
    'POST /api/public/feedback': {
      allow: 'public',
      other: 'same',
      ok: 201,
      req: (c) => ({
        method: 'POST',
        url: '/api/public/feedback',
        payload: {
          county: county(c),
          category: 'neighbour',
          place: `t${c.w.a.id}`,
          description: `访问控制测试：路灯损坏（第${c.next()}件）`,
          phone: '13800138000',
          challenge: solved(c.h),
        },
      }),
    },
    'POST /api/public/feedback/:code/photos': {
      allow: 'public',
      other: 'same',
      ok: 201,
      req: async (c) => ({
        method: 'POST',
        url: `/api/public/feedback/${await rateable(c)}/photos?name=photo.png`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: PNG,
      }),
    },
    'POST /api/public/feedback/:code/rating': {
      allow: 'public',
      other: 'same',
      ok: 200,
      req: async (c) => ({
        method: 'POST',
        url: `/api/public/feedback/${await rateable(c)}/rating`,
        payload: { rating: 'satisfied' },
      }),
    },
    'GET /api/feedback-rules': {
      allow: ['county_officer'],
      other: 'same',
      ok: 200,
      req: () => ({ method: 'GET', url: '/api/feedback-rules' }),
    },
    'PUT /api/feedback-rules': {
      allow: ['county_officer'],
      other: 'same',
      ok: 200,
      req: () => ({
        method: 'PUT',
        url: '/api/feedback-rules',
        payload: { categories: DEFAULT_FEEDBACK_CATEGORIES },
      }),
    },
  };
}

const WRITE_AT = '2025-06-30T02:00:00.000Z';
const WRITE_NOW = new Date(WRITE_AT);

/** A feedback at 甲镇 of the write-path test's county, filed in its own audited write. */
async function writeFeedback(w: WriteWorld, description: string): Promise<{ code: string; caseId: number }> {
  const input = {
    county: w.org.county.code,
    category: 'neighbour',
    place: `t${w.org.a.id}`,
    description,
    phone: '13800138000',
    challenge: solved(w.h, WRITE_NOW),
  };
  const { code } = await submitFeedback(w.h, input, { ip: '198.51.100.7', now: WRITE_NOW });
  const row = await requestByCode(w.h.db, 'feedback', codeHash(code));
  return { code, caseId: Number(row!.record_id) };
}

/** A JPEG no other test stores, so a rolled-back upload can be seen to have left no file. */
const PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF\0'),
  Buffer.from('群众诉求照片'),
]);

/** The write-path cases of the 群众诉求 services. */
export const feedbackWriteCases: readonly WriteCase[] = [
  {
    service: 'public/feedback.ts#submitFeedback',
    action: 'feedback.submit',
    prepare: (w) => {
      const input = {
        county: w.org.county.code,
        category: 'complaint',
        place: `t${w.org.b.id}`,
        description: '村口垃圾长期无人清运',
        phone: '13800138000',
        challenge: solved(w.h, WRITE_NOW),
      };
      return () => submitFeedback(w.h, input, { ip: '198.51.100.7', now: WRITE_NOW });
    },
  },
  {
    service: 'public/feedback.ts#addFeedbackPhoto',
    action: 'feedback.photo',
    afterRollback: async (w) => {
      await expect(w.store.get(FileStore.sha256(PHOTO))).rejects.toThrow();
    },
    prepare: async (w) => {
      const { code } = await writeFeedback(w, '水渠堵塞');
      return () =>
        addFeedbackPhoto(
          w.h,
          w.store,
          { code, name: '水渠.jpg', bytes: PHOTO },
          { ip: '198.51.100.7', now: WRITE_NOW },
        );
    },
  },
  {
    service: 'public/feedback-status.ts#rateFeedback',
    action: 'feedback.rate',
    prepare: async (w) => {
      const f = await writeFeedback(w, '宅基地边界争议');
      await closeFeedbackCase(w.h, f.caseId, 'dispute', WRITE_AT);
      const input = { code: f.code, rating: 'satisfied' };
      return () => rateFeedback(w.h, input, { ip: '198.51.100.7', now: WRITE_NOW });
    },
  },
  {
    service: 'public/feedback-rules.ts#saveFeedbackRules',
    action: 'feedback.rules',
    prepare: (w) => () =>
      saveFeedbackRules(
        w.h,
        w.console,
        w.act(w.console),
        { countyId: w.org.county.id, categories: DEFAULT_FEEDBACK_CATEGORIES.slice(0, 3) },
        WRITE_AT,
      ),
  },
];
