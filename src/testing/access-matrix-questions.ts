/** The access matrix's entries for the question bank (题库): lists, files and the writes. */
import type { QuestionDraft } from '../catalogue/questions.ts';
import { questionTemplate } from '../services/exams/question-io.ts';
import { createQuestion } from '../services/exams/questions.ts';
import type { Org } from '../services/orgs.ts';
import type { MatrixCase, MatrixContext, Where } from './access-matrix.ts';
import { setup } from './fixtures.ts';

const managers = ['county_officer', 'township_leader', 'township_staff'] as const;
const town = (c: MatrixContext, where: Where): Org => (where === 'own' ? c.w.a : c.w.c);

const draft = (c: MatrixContext): QuestionDraft => ({
  law: 'mediation',
  type: 'judge',
  difficulty: 'easy',
  stem: `人民调解委员会调解民间纠纷，不收取任何费用。（${c.next()}）`,
  options: ['正确', '错误'],
  answer: [0],
  article: '第四条',
});

let template: Promise<Uint8Array> | undefined;
/** The import template, written once for every request that uploads it. */
const templateBytes = () => (template ??= questionTemplate());

/** A question of the township's own bank, made from the console. */
async function question(c: MatrixContext, where: Where): Promise<number> {
  const orgId = town(c, where).id;
  const q = await createQuestion(
    c.h,
    setup.p,
    setup.actor,
    { orgId, draft: draft(c) },
    new Date().toISOString(),
  );
  return q.id;
}

export const questionMatrix: Readonly<Record<string, MatrixCase>> = {
  'GET /api/questions': {
    allow: [...managers],
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/questions?orgId=${town(c, where).id}` }),
  },
  'GET /api/questions/counts': {
    allow: [...managers],
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/questions/counts?orgId=${town(c, where).id}` }),
  },
  'GET /api/questions/template': {
    allow: [...managers],
    other: 'same',
    ok: 200,
    req: () => ({ method: 'GET', url: '/api/questions/template' }),
  },
  'GET /api/questions/export': {
    allow: [...managers],
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/questions/export?orgId=${town(c, where).id}` }),
  },
  'POST /api/questions/import': {
    allow: [...managers],
    other: 403,
    ok: 200,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/questions/import?orgId=${town(c, where).id}&dryRun=true&name=${encodeURIComponent('题库.xlsx')}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(await templateBytes()),
    }),
  },
  'POST /api/questions': {
    allow: [...managers],
    other: 403,
    ok: 201,
    req: (c, where) => ({
      method: 'POST',
      url: '/api/questions',
      payload: { orgId: town(c, where).id, draft: draft(c) },
    }),
  },
  'PUT /api/questions/:id': {
    allow: [...managers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'PUT',
      url: `/api/questions/${await question(c, where)}`,
      payload: { ...draft(c), difficulty: 'medium' },
    }),
  },
  'DELETE /api/questions/:id': {
    allow: [...managers],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'DELETE', url: `/api/questions/${await question(c, where)}` }),
  },
};
