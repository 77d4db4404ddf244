/** The access matrix's entries for 学法考试: the sitter's routes and the organiser's. */
import type { InjectOptions } from 'fastify';
import type { RoleId } from '../catalogue/roles.ts';
import { can } from '../services/access.ts';
import { PAPER_HEADERS, writeExamBook } from '../services/exams/exam-xlsx.ts';
import { createExam } from '../services/exams/exams.ts';
import { startSitting, submitSitting } from '../services/exams/sitting.ts';
import type { MatrixCase, MatrixContext, Where } from './access-matrix.ts';
import { examInput, plus, seedBank } from './exams.ts';
import { addAccount, setup } from './fixtures.ts';
import type { Org } from '../services/orgs.ts';
import { PASSWORD, principalOf, usernameOf } from './http.ts';

const sitters = [
  'county_officer',
  'township_leader',
  'township_staff',
  'legal_adviser',
  'grid_member',
] as const;
const organisers = ['county_officer', 'township_leader', 'township_staff'] as const;
const HOUR = 3_600_000;

type Shared = { own: number; other: number; township: number };
const prepared = new WeakMap<MatrixContext, Promise<Shared>>();

/**
 * The bank, an account in the other county, and open exams, once: the county's for every sitting
 * role (own), the township's for its organisers, and one in the other county.
 */
function shared(c: MatrixContext): Promise<Shared> {
  let p = prepared.get(c);
  if (!p) {
    p = (async () => {
      await seedBank(c.h);
      await addAccount(c.h, {
        username: 'c.sitter',
        name: '丙镇干部',
        role: 'township_staff',
        orgId: c.w.c.id,
        password: PASSWORD,
      });
      const own = await exam(c, c.w.county, [...sitters].map(usernameOf));
      const township = await exam(c, c.w.a, [usernameOf('township_staff')]);
      const other = await exam(c, c.w.c, ['c.sitter']);
      return { own, other, township };
    })();
    prepared.set(c, p);
  }
  return p;
}

/** An exam of an organisation, open from `opensAt` for two hours, made by the console. */
async function exam(c: MatrixContext, org: Org, usernames: string[], opensAt = new Date().toISOString()) {
  const at = new Date(Math.min(Date.now(), Date.parse(opensAt))).toISOString();
  const input = examInput(org.id, opensAt, { title: `考试${c.next()}`, candidates: { usernames } });
  return (await createExam(c.h, setup.p, setup.actor, input, at)).id;
}

const examOf = async (c: MatrixContext, where: Where) => (await shared(c))[where];
/** The township's exam (own) for its organisers and the county above, or the other county's. */
const organised = async (c: MatrixContext, where: Where) =>
  (await shared(c))[where === 'own' ? 'township' : 'other'];
const sits = (role: RoleId) => can(role, 'exams.sit');

/** A sitting of the role's own account in a new exam of its own, started now (the other side: none). */
async function ownSitting(c: MatrixContext, where: Where, role: RoleId) {
  await shared(c);
  if (where === 'other' || !sits(role)) return { examId: await examOf(c, where), sittingId: 1, token: 'x' };
  const examId = await exam(c, c.w.county, [usernameOf(role)]);
  const p = principalOf(c.w, role);
  const s = await startSitting(c.h, p, setup.actor, examId, new Date().toISOString());
  return { examId, sittingId: s.sittingId, token: s.token };
}

export const examMatrix: Readonly<Record<string, MatrixCase>> = {
  'GET /api/exams/mine': {
    allow: [...sitters],
    other: 'same',
    ok: 200,
    req: () => ({ method: 'GET', url: '/api/exams/mine' }),
  },
  'POST /api/exams/:id/sittings': {
    allow: [...sitters],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'POST', url: `/api/exams/${await examOf(c, where)}/sittings` }),
  },
  'PUT /api/exams/:id/sittings/:sittingId/answers/:position': {
    allow: [...sitters],
    other: 404,
    ok: 200,
    req: async (c, where, role): Promise<InjectOptions> => {
      const s = await ownSitting(c, where, role);
      return {
        method: 'PUT',
        url: `/api/exams/${s.examId}/sittings/${s.sittingId}/answers/1`,
        payload: { token: s.token, answer: [0] },
      };
    },
  },
  'POST /api/exams/:id/sittings/:sittingId/submit': {
    allow: [...sitters],
    other: 404,
    ok: 200,
    req: async (c, where, role): Promise<InjectOptions> => {
      const s = await ownSitting(c, where, role);
      return {
        method: 'POST',
        url: `/api/exams/${s.examId}/sittings/${s.sittingId}/submit`,
        payload: { token: s.token },
      };
    },
  },
  'GET /api/exams/:id/result': {
    allow: [...sitters],
    other: 404,
    ok: 200,
    req: async (c, where, role) => {
      const s = await ownSitting(c, where, role);
      if (where === 'own' && sits(role))
        await submitSitting(c.h, principalOf(c.w, role), setup.actor, s, new Date().toISOString());
      return { method: 'GET', url: `/api/exams/${s.examId}/result` };
    },
  },
  'GET /api/exams': {
    allow: [...organisers],
    other: 403,
    ok: 200,
    req: (c, where) => ({
      method: 'GET',
      url: `/api/exams?orgId=${(where === 'own' ? c.w.a : c.w.c).id}&year=2025`,
    }),
  },
  'POST /api/exams': {
    allow: [...organisers],
    other: 403,
    ok: 201,
    req: async (c, where) => {
      await shared(c);
      const org = where === 'own' ? c.w.a : c.w.c;
      return {
        method: 'POST',
        url: '/api/exams',
        payload: examInput(org.id, new Date().toISOString(), { title: `考试${c.next()}` }),
      };
    },
  },
  'GET /api/exams/:id': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'GET', url: `/api/exams/${await organised(c, where)}` }),
  },
  'POST /api/exams/:id/close': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      await shared(c);
      // A window that closed an hour ago: the exam may be closed now.
      const opensAt = plus(new Date().toISOString(), -3 * HOUR);
      const [org, who] = where === 'own' ? [c.w.a, usernameOf('township_staff')] : [c.w.c, 'c.sitter'];
      const id = await exam(c, org, [who], opensAt);
      return { method: 'POST', url: `/api/exams/${id}/close` };
    },
  },
  'POST /api/exams/:id/rescore': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      const id = await organised(c, where);
      const q = await c.h.db
        .selectFrom('questions')
        .select('code')
        .where('owner', '=', 0)
        .where('current', '=', 1)
        .executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/exams/${id}/rescore`, payload: { code: q.code } };
    },
  },
  'GET /api/exams/:id/results': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'GET', url: `/api/exams/${await organised(c, where)}/results` }),
  },
  'POST /api/exams/:id/remind': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'POST', url: `/api/exams/${await organised(c, where)}/remind` }),
  },
  'GET /api/exams/:id/results.xlsx': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'GET',
      url: `/api/exams/${await organised(c, where)}/results.xlsx`,
    }),
  },
  'GET /api/exams/:id/paper-scores/template': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'GET',
      url: `/api/exams/${await organised(c, where)}/paper-scores/template`,
    }),
  },
  'POST /api/exams/:id/paper-scores': {
    allow: [...organisers],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      await shared(c);
      const [org, who] = where === 'own' ? [c.w.a, usernameOf('township_staff')] : [c.w.c, 'c.sitter'];
      const id = await exam(c, org, [who]);
      const bytes = await writeExamBook([
        { name: '纸质成绩', headers: PAPER_HEADERS, widths: [], rows: [['纸质考生', '某村委会', null, 80]] },
      ]);
      return {
        method: 'POST',
        url: `/api/exams/${id}/paper-scores?name=${encodeURIComponent('纸质成绩.xlsx')}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: bytes,
      };
    },
  },
};
