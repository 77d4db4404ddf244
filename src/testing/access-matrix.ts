import type { InjectOptions } from 'fastify';
import { roles, type RoleId } from '../catalogue/roles.ts';
import type { Db } from '../db/connect.ts';
import { ownRecordsOnly } from '../services/access.ts';
import { actorOf } from '../services/audit.ts';
import { registerCase } from '../services/case-writes.ts';
import { resetAccountPassword } from '../services/password-resets.ts';
import type { FileStore } from '../services/file-store.ts';
import { exportLedger } from '../services/ledger-io/index.ts';
import { setAccountDisabled } from '../services/account-manage.ts';
import { addEvidence, createOrg, createRecord } from '../services/ledger-writes.ts';
import { cycleReport, saveDraft } from '../services/cycle.ts';
import { takeStep } from '../services/cycle-steps.ts';
import { uploadReport } from '../services/cycle-county.ts';
import { inProcessCycleTools as cycleTools } from '../services/cycle-tools.ts';
import type { Org } from '../services/orgs.ts';
import { saveWebhookConfig } from '../services/webhooks.ts';
import { NOW, addAccount, setup } from '../testing/fixtures.ts';
import { PASSWORD, PNG, principalOf, restorePassword, type World } from './http.ts';
import { PDF, citizenForm, portalCase, solvedChallenge } from './disclosure.ts';
import { consultationMatrix } from './access-matrix-consultations.ts';
import { questionMatrix } from './access-matrix-questions.ts';
import { examMatrix } from './access-matrix-exams.ts';
import { studyPlanMatrix } from './access-matrix-study-plans.ts';
import { feedbackMatrix } from './public-feedback.ts';

/** Where the resource a request names lies: the user's own township (or county), or another county. */
export type Where = 'own' | 'other';

export interface MatrixContext {
  readonly h: Db;
  readonly store: FileStore;
  readonly w: World;
  next(): number;
}

export interface MatrixCase {
  /** Roles answered with success on their own data; `public` needs no session at all. */
  readonly allow: readonly RoleId[] | 'all' | 'public';
  /** What an allowed role gets for another county's data: 403 for a list filter, 404 for a single resource. */
  readonly other: 403 | 404 | 'same';
  /** Roles that may see the resource but not do this to it: 403 on their own data, 404 on another's (which stays hidden). */
  readonly seeOnly?: readonly RoleId[];
  readonly ok: 200 | 201;
  readonly req: (c: MatrixContext, where: Where, role: RoleId) => Promise<InjectOptions> | InjectOptions;
  /** Undo what a successful request changed for the test user (password). */
  readonly after?: (c: MatrixContext, role: RoleId) => Promise<void>;
  /** The request ends the session it was sent with (logout). */
  readonly consumesSession?: boolean;
}

const readers: RoleId[] = [
  'county_officer',
  'township_leader',
  'township_staff',
  'legal_adviser',
  'grid_member',
];
const writers: RoleId[] = ['township_staff', 'grid_member'];
const analysts: RoleId[] = ['county_officer', 'township_leader', 'township_staff'];

const town = (c: MatrixContext, where: Where): Org => (where === 'own' ? c.w.a : c.w.c);

/** A disclosure request filed on the portal in the township (see testing/disclosure.ts). */
const portal = (c: MatrixContext, where: Where, stage: 'filed' | 'correction' | 'replied') =>
  portalCase(
    c,
    {
      h: c.h,
      store: c.store,
      county: where === 'own' ? c.w.county : c.w.otherCounty,
      township: town(c, where),
    },
    stage,
  );

const cycleAt = NOW;
const sys = () => ({ p: setup.p, a: setup.actor });

/** The township's report of `year`, put back to 起草中 (saved once, or returned before 签发). */
async function draftingReport(c: MatrixContext, where: Where, year: number): Promise<Org> {
  const t = town(c, where);
  const { p, a } = sys();
  const r = await cycleReport(c.h, p, t.id, year);
  if (r.state === 'awaiting_signature')
    await takeStep(
      c.h,
      p,
      a,
      { townshipId: t.id, year, step: 'return_draft', comment: '再改' },
      cycleAt,
      cycleTools,
    );
  else if (r.state !== 'drafting')
    await saveDraft(c.h, p, a, { townshipId: t.id, year, baseVersion: r.version, edits: {} }, cycleAt);
  return t;
}

/** A report the county office uploaded for the township (year 2020): version 1 has a file. */
async function uploadedReport(c: MatrixContext, where: Where): Promise<Org> {
  const t = town(c, where);
  const { p, a } = sys();
  if ((await cycleReport(c.h, p, t.id, 2020)).version === 0)
    await uploadReport(
      c.h,
      p,
      a,
      { townshipId: t.id, year: 2020, fileName: '报告.txt', bytes: REPORT },
      cycleAt,
      cycleTools,
    );
  return t;
}

/** The own township's 2019 report taken through the whole cycle to publication, once. */
async function publishedReport(c: MatrixContext): Promise<Org> {
  const t = c.w.a;
  const { p, a } = sys();
  if ((await cycleReport(c.h, p, t.id, 2019)).state === 'published') return t;
  await saveDraft(c.h, p, a, { townshipId: t.id, year: 2019, baseVersion: 0, edits: {} }, cycleAt);
  for (const step of ['request_signature', 'sign', 'submit', 'accept']) {
    await takeStep(c.h, p, a, { townshipId: t.id, year: 2019, step }, cycleAt, cycleTools);
  }
  const clearance = { reviewer: '保密员', result: 'passed' as const };
  await takeStep(c.h, p, a, { townshipId: t.id, year: 2019, step: 'clear', clearance }, cycleAt, cycleTools);
  await takeStep(c.h, p, a, { townshipId: t.id, year: 2019, step: 'publish' }, cycleAt, cycleTools);
  return t;
}
/** A 主动公开信息 record of the own township, made once per database. */
const disclosed = new WeakMap<object, Promise<number>>();
function disclosedItemOf(c: MatrixContext): Promise<number> {
  let id = disclosed.get(c.h);
  if (!id) {
    const draft = { date: '2024-05-02', title: '公开信息', data: { category: '工作动态', content: '正文' } };
    id = createRecord(
      c.h,
      setup.p,
      setup.actor,
      { kind: 'disclosure_item', townshipId: c.w.a.id, draft },
      NOW,
    ).then((r) => r.id);
    disclosed.set(c.h, id);
  }
  return id;
}

const get = (url: string) => (): InjectOptions => ({ method: 'GET', url });

/** A township's group-robot webhook, switched off, at an address nothing listens on. */
async function webhook(c: MatrixContext, where: Where): Promise<number> {
  const input = { orgId: town(c, where).id, kind: 'wecom', url: 'http://127.0.0.1:9/hook', enabled: false };
  return (await saveWebhookConfig(c.h, setup.p, setup.actor, input, NOW)).id;
}

/**
 * A dispute record in the township; a role that sees only its own records (grid members) enters
 * it in its own township itself, anything else is entered from the console.
 */
async function dispute(c: MatrixContext, where: Where, role?: RoleId): Promise<number> {
  const p = role && where === 'own' && ownRecordsOnly(role) ? principalOf(c.w, role) : setup.p;
  const draft = {
    date: '2024-05-01',
    title: `纠纷${c.next()}`,
    data: { disputeType: 'other', status: 'pending' },
  };
  const r = await createRecord(
    c.h,
    p,
    actorOf(p, null),
    { townshipId: town(c, where).id, kind: 'dispute', draft },
    NOW,
  );
  return r.id;
}

async function evidence(c: MatrixContext, where: Where, role: RoleId): Promise<number> {
  const id = await dispute(c, where, role);
  const photo = { name: '照片.png', bytes: PNG };
  return (await addEvidence(c.h, c.store, setup.p, setup.actor, id, photo, NOW)).id;
}

async function freshUser(c: MatrixContext, where: Where): Promise<number> {
  const n = c.next();
  const u = await addAccount(c.h, {
    username: `user${n}`,
    name: `用户${n}`,
    role: 'township_staff',
    orgId: town(c, where).id,
    password: PASSWORD,
  });
  return u.id;
}

/** A fresh account of the township, disabled (for the route that enables it again). */
async function disabledUser(c: MatrixContext, where: Where): Promise<number> {
  const id = await freshUser(c, where);
  await setAccountDisabled(c.h, setup.p, setup.actor, id, true, NOW);
  return id;
}

/** A fresh village of the township, for the route that renames an organisation. */
async function freshVillage(c: MatrixContext, where: Where): Promise<number> {
  const n = c.next();
  const org = { code: `RV${n}`, name: `改名村${n}`, kind: 'village' as const, parentId: town(c, where).id };
  return (await createOrg(c.h, setup.p, setup.actor, org, NOW)).id;
}

/** An account made by the system administrator, waiting for the security administrator's grant. */
async function rolelessUser(c: MatrixContext, where: Where): Promise<number> {
  const n = c.next();
  const u = await addAccount(c.h, {
    username: `norole${n}`,
    name: `待授权${n}`,
    orgId: town(c, where).id,
    password: PASSWORD,
  });
  return u.id;
}

/**
 * A password reset asked for by the administrator who is not `role` (the security administrator
 * asks the system administrator, and the other way round), on an account of the township.
 */
async function pendingReset(c: MatrixContext, where: Where, role: RoleId): Promise<number> {
  const requester: RoleId = role === 'security_admin' ? 'system_admin' : 'security_admin';
  const county = where === 'own' ? c.w.county : c.w.otherCounty;
  const p = { ...principalOf(c.w, requester), orgId: county.id, orgPath: county.path };
  const at = new Date().toISOString();
  const r = await resetAccountPassword(c.h, p, actorOf(p, null), await freshUser(c, where), undefined, at);
  return r.pendingReset!;
}

/** A dispute case; like `dispute`, a grid member's own is one it reported itself. */
async function disputeCase(c: MatrixContext, where: Where, role?: RoleId): Promise<number> {
  const p = role && where === 'own' && ownRecordsOnly(role) ? principalOf(c.w, role) : setup.p;
  const draft = { date: '2024-01-10', title: `案件${c.next()}`, data: { disputeType: 'other' } };
  const r = await registerCase(
    c.h,
    p,
    actorOf(p, null),
    { type: 'dispute', townshipId: town(c, where).id, draft },
    new Date().toISOString(),
  );
  return r.id;
}

const REPORT = Buffer.from(
  '某镇2023年法治政府建设工作报告\n一、主要举措和成效\n全年排查矛盾纠纷12件，化解12件。\n二、存在的不足\n三、下一步工作安排\n',
);
/** A year far from every fixture's dates, so storing it moves no case's due date. */
const NOTICE_2030 = '国务院办公厅关于2030年部分节假日安排的通知\n一、元旦：1月1日（周二）放假，共1天。';

const caseReaders: RoleId[] = [
  'county_officer',
  'township_leader',
  'township_staff',
  'legal_adviser',
  'grid_member',
];

const disputeBody = (c: MatrixContext) => ({
  date: '2024-05-02',
  title: `纠纷${c.next()}`,
  data: { disputeType: 'other', status: 'pending' },
});

/**
 * Every route of the API and who may call it. A route missing here fails the access test, so a new
 * route cannot ship without its access decision being written down.
 */
export const matrix: Readonly<Record<string, MatrixCase>> = {
  'GET /api/health': { allow: 'public', other: 'same', ok: 200, req: get('/api/health') },
  'GET /api/docs': { allow: 'public', other: 'same', ok: 200, req: get('/api/docs') },
  'GET /api/docs/openapi.json': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: get('/api/docs/openapi.json'),
  },
  'POST /api/auth/login': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'township.staff', password: PASSWORD },
    }),
  },
  'POST /api/auth/logout': {
    allow: 'all',
    other: 'same',
    ok: 200,
    consumesSession: true,
    req: () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  'GET /api/auth/me': { allow: 'all', other: 'same', ok: 200, req: get('/api/auth/me') },
  'POST /api/auth/password': {
    allow: 'all',
    other: 'same',
    ok: 200,
    // A new password each time: the last five of an account may not be used again.
    req: (c) => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: `Changed#2024x${c.next()}` },
    }),
    after: async (c, role) => restorePassword(c.h, c.w.users[role], PASSWORD),
  },
  'GET /api/catalogue/kinds': { allow: 'all', other: 'same', ok: 200, req: get('/api/catalogue/kinds') },
  'GET /api/catalogue/indicators': {
    allow: 'all',
    other: 'same',
    ok: 200,
    req: get('/api/catalogue/indicators'),
  },
  'GET /api/catalogue/roles': { allow: 'all', other: 'same', ok: 200, req: get('/api/catalogue/roles') },
  'GET /api/catalogue/cases': { allow: 'all', other: 'same', ok: 200, req: get('/api/catalogue/cases') },
  'GET /api/orgs': { allow: 'all', other: 'same', ok: 200, req: get('/api/orgs') },
  'GET /api/orgs/:id': {
    allow: 'all',
    other: 404,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/orgs/${town(c, where).id}` }),
  },
  'POST /api/orgs': {
    allow: ['system_admin'],
    other: 403,
    ok: 201,
    req: (c, where) => ({
      method: 'POST',
      url: '/api/orgs',
      payload: {
        code: `V${c.next()}`,
        name: `新村${c.next()}`,
        kind: 'village',
        parentId: town(c, where).id,
      },
    }),
  },
  'PATCH /api/orgs/:id': {
    allow: ['system_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'PATCH',
      url: `/api/orgs/${await freshVillage(c, where)}`,
      payload: { name: `新名村${c.next()}` },
    }),
  },
  'GET /api/users': {
    allow: ['system_admin', 'security_admin', 'township_leader'],
    other: 'same',
    ok: 200,
    req: get('/api/users'),
  },
  'POST /api/users': {
    allow: ['system_admin'],
    other: 403,
    ok: 201,
    req: (c, where) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `new${c.next()}`,
        name: '新用户',
        orgId: town(c, where).id,
      },
    }),
  },
  'PATCH /api/users/:id': {
    allow: ['system_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'PATCH',
      url: `/api/users/${await freshUser(c, where)}`,
      payload: { name: `改名${c.next()}` },
    }),
  },
  'POST /api/users/:id/disable': {
    allow: ['security_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'POST', url: `/api/users/${await freshUser(c, where)}/disable` }),
  },
  'POST /api/users/:id/enable': {
    allow: ['security_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'POST', url: `/api/users/${await disabledUser(c, where)}/enable` }),
  },
  'DELETE /api/users/:id': {
    allow: ['system_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'DELETE', url: `/api/users/${await freshUser(c, where)}` }),
  },
  'POST /api/users/:id/unlock': {
    allow: ['security_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({ method: 'POST', url: `/api/users/${await freshUser(c, where)}/unlock` }),
  },
  'POST /api/users/:id/role': {
    allow: ['security_admin'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/users/${await rolelessUser(c, where)}/role`,
      payload: { role: 'township_staff' },
    }),
  },
  // The system and security administrators ask (the other approves); a township's leader resets its own staff.
  'POST /api/users/:id/password': {
    allow: ['system_admin', 'security_admin', 'township_leader'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/users/${await freshUser(c, where)}/password`,
      payload: {},
    }),
  },
  'GET /api/password-resets': {
    allow: ['system_admin', 'security_admin', 'township_leader'],
    other: 'same',
    ok: 200,
    req: get('/api/password-resets'),
  },
  'POST /api/password-resets/:id/approve': {
    allow: ['system_admin', 'security_admin'],
    // A township's leader sees its accounts but approves no administrator's request.
    seeOnly: ['township_leader'],
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'POST',
      url: `/api/password-resets/${await pendingReset(c, where, role)}/approve`,
    }),
  },
  'GET /api/records': {
    allow: readers,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/records?org=${town(c, where).id}&year=2024` }),
  },
  'GET /api/records/:id': {
    allow: readers,
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({ method: 'GET', url: `/api/records/${await dispute(c, where, role)}` }),
  },
  'POST /api/records': {
    allow: writers,
    other: 403,
    ok: 201,
    req: (c, where) => ({
      method: 'POST',
      url: '/api/records',
      payload: { kind: 'dispute', township: town(c, where).id, ...disputeBody(c) },
    }),
  },
  'PUT /api/records/:id': {
    allow: writers,
    seeOnly: ['legal_adviser'],
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'PUT',
      url: `/api/records/${await dispute(c, where, role)}`,
      payload: disputeBody(c),
    }),
  },
  'DELETE /api/records/:id': {
    allow: writers,
    seeOnly: ['legal_adviser'],
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'DELETE',
      url: `/api/records/${await dispute(c, where, role)}`,
    }),
  },
  'GET /api/records/:id/evidence': {
    allow: readers,
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'GET',
      url: `/api/records/${await dispute(c, where, role)}/evidence`,
    }),
  },
  'POST /api/records/:id/evidence': {
    allow: writers,
    seeOnly: ['legal_adviser'],
    other: 404,
    ok: 201,
    req: async (c, where, role) => ({
      method: 'POST',
      url: `/api/records/${await dispute(c, where, role)}/evidence?name=p.png`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: PNG,
    }),
  },
  'GET /api/evidence/:id': {
    allow: readers,
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'GET',
      url: `/api/evidence/${await evidence(c, where, role)}`,
    }),
  },
  'DELETE /api/evidence/:id': {
    allow: writers,
    seeOnly: ['legal_adviser'],
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'DELETE',
      url: `/api/evidence/${await evidence(c, where, role)}`,
    }),
  },
  'GET /api/indicators': {
    allow: analysts,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/indicators?org=${town(c, where).id}&year=2024` }),
  },
  'GET /api/explain': {
    allow: analysts,
    other: 403,
    ok: 200,
    req: (c, where) => ({
      method: 'GET',
      url: `/api/explain?key=disputes.found&org=${town(c, where).id}&year=2024`,
    }),
  },
  'GET /api/activity': {
    allow: analysts,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/activity?org=${town(c, where).id}&year=2024` }),
  },
  'GET /api/audit': { allow: ['auditor'], other: 'same', ok: 200, req: get('/api/audit') },
  'GET /api/audit/verify': { allow: ['auditor'], other: 'same', ok: 200, req: get('/api/audit/verify') },
  'GET /api/audit/facets': { allow: ['auditor'], other: 'same', ok: 200, req: get('/api/audit/facets') },
  'GET /api/audit/export': {
    allow: ['auditor'],
    other: 'same',
    ok: 200,
    req: get('/api/audit/export?from=2024-01-01'),
  },
  'POST /api/imports': {
    allow: ['township_staff'],
    other: 403,
    ok: 200,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/imports?township=${town(c, where).id}&name=${encodeURIComponent('纠纷.xlsx')}&dryRun=true`,
      headers: { 'content-type': 'application/octet-stream' },
      // A re-import of an exported ledger: every row already there, so nothing new is written.
      payload: (await dispute(c, 'own'), await exportLedger(c.h, c.w.a, 2024)),
    }),
  },
  'POST /api/powers': {
    allow: ['township_staff'],
    other: 403,
    ok: 200,
    req: (c, where) => ({
      method: 'POST',
      url: `/api/powers?township=${town(c, where).id}&year=2024&name=${encodeURIComponent('权力清单.csv')}&dryRun=true`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(
        '事项名称,权力类别,设定依据,权力来源\r\n对露天焚烧秸秆的处罚,行政处罚,大气污染防治法,法定\r\n',
      ),
    }),
  },
  'GET /api/templates/:kind': {
    allow: ['township_staff'],
    other: 'same',
    ok: 200,
    req: get('/api/templates/dispute'),
  },
  'GET /api/export': {
    allow: analysts,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/export?org=${town(c, where).id}&year=2024` }),
  },
  'GET /api/cases': {
    allow: caseReaders,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/cases?org=${town(c, where).id}` }),
  },
  'GET /api/cases/:id/feedback': {
    allow: caseReaders,
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'GET',
      url: `/api/cases/${await disputeCase(c, where, role)}/feedback`,
    }),
  },
  ...feedbackMatrix(),
  'GET /api/cases/:id': {
    allow: caseReaders,
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'GET',
      url: `/api/cases/${await disputeCase(c, where, role)}`,
    }),
  },
  'POST /api/cases': {
    allow: ['township_staff', 'grid_member'],
    other: 403,
    ok: 201,
    req: (c, where) => ({
      method: 'POST',
      url: '/api/cases',
      payload: {
        type: 'dispute',
        township: town(c, where).id,
        date: '2024-01-11',
        title: `案件${c.next()}`,
        data: { disputeType: 'other' },
      },
    }),
  },
  'POST /api/cases/:id/transitions': {
    allow: ['township_staff', 'township_leader', 'legal_adviser'],
    // The case type names who takes each step: a county officer or grid member may see the case but not mediate it.
    seeOnly: ['county_officer', 'grid_member'],
    other: 404,
    ok: 200,
    req: async (c, where, role) => ({
      method: 'POST',
      url: `/api/cases/${await disputeCase(c, where, role)}/transitions`,
      payload: { action: 'mediate', date: '2024-01-12' },
    }),
  },
  'GET /api/cases/:id/public-request': {
    allow: ['county_officer', 'township_leader', 'township_staff'],
    other: 404,
    ok: 200,
    req: async (c, where) => get(`/api/cases/${(await portal(c, where, 'filed')).caseId}/public-request`)(),
  },
  'POST /api/cases/:id/public-reply': {
    allow: ['township_staff', 'township_leader'],
    // The county office oversees the case; the township that replies puts its reply document online.
    seeOnly: ['county_officer'],
    other: 404,
    ok: 201,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/cases/${(await portal(c, where, 'filed')).caseId}/public-reply?name=reply.pdf`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: PDF,
    }),
  },
  'GET /api/cases/:id/public-reply': {
    allow: ['county_officer', 'township_leader', 'township_staff'],
    other: 404,
    ok: 200,
    req: async (c, where) => get(`/api/cases/${(await portal(c, where, 'replied')).caseId}/public-reply`)(),
  },
  'GET /api/deadlines': {
    allow: caseReaders,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/deadlines?org=${town(c, where).id}&days=30` }),
  },
  'GET /api/calendar': {
    allow: roles.map((r) => r.id as RoleId).filter((id) => id !== 'auditor'),
    other: 'same',
    ok: 200,
    req: get('/api/calendar?year=2027'),
  },
  'POST /api/calendar/preview': {
    allow: ['system_admin'],
    other: 'same',
    ok: 200,
    req: () => ({ method: 'POST', url: '/api/calendar/preview', payload: { text: NOTICE_2030 } }),
  },
  'POST /api/calendar': {
    allow: ['system_admin'],
    other: 'same',
    ok: 200,
    req: () => ({
      method: 'POST',
      url: '/api/calendar',
      payload: {
        arrangements: [
          {
            year: 2030,
            source: '访问控制测试',
            entries: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }],
          },
        ],
      },
    }),
  },
  'GET /api/report': {
    allow: analysts,
    other: 403,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/report?org=${town(c, where).id}&year=2024&format=md` }),
  },
  'GET /api/cycle': { allow: analysts, other: 'same', ok: 200, req: get('/api/cycle?year=2024') },
  'GET /api/cycle/:township/:year': {
    allow: analysts,
    other: 404,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/cycle/${town(c, where).id}/2024` }),
  },
  'GET /api/cycle/:township/:year/draft': {
    allow: analysts,
    other: 404,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/cycle/${town(c, where).id}/2024/draft` }),
  },
  'GET /api/cycle/:township/:year/compare': {
    allow: analysts,
    other: 404,
    ok: 200,
    req: async (c, where) => {
      const t = await draftingReport(c, where, 2023);
      await saveDraft(
        c.h,
        setup.p,
        setup.actor,
        {
          townshipId: t.id,
          year: 2023,
          baseVersion: (await cycleReport(c.h, setup.p, t.id, 2023)).version,
          edits: {},
        },
        cycleAt,
      );
      return { method: 'GET', url: `/api/cycle/${t.id}/2023/compare?from=1&to=2` };
    },
  },
  'GET /api/cycle/:township/:year/ledger-changes': {
    allow: analysts,
    other: 404,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/cycle/${town(c, where).id}/2024/ledger-changes` }),
  },
  'GET /api/cycle/:township/:year/draft-review': {
    allow: analysts,
    other: 404,
    ok: 200,
    req: (c, where) => ({ method: 'GET', url: `/api/cycle/${town(c, where).id}/2024/draft-review` }),
  },
  'PUT /api/cycle/:township/:year/draft': {
    allow: ['township_staff'],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      const t = await draftingReport(c, where, 2023);
      const { version } = await cycleReport(c.h, setup.p, t.id, 2023);
      return {
        method: 'PUT',
        url: `/api/cycle/${t.id}/2023/draft`,
        payload: { baseVersion: version, edits: { other: [`补充${c.next()}`] } },
      };
    },
  },
  'POST /api/cycle/:township/:year/steps': {
    allow: ['township_staff'],
    seeOnly: ['county_officer', 'township_leader'],
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'POST',
      url: `/api/cycle/${(await draftingReport(c, where, 2022)).id}/2022/steps`,
      payload: { step: 'request_signature' },
    }),
  },
  'POST /api/cycle/:township/:year/upload': {
    allow: ['county_officer'],
    other: 404,
    ok: 200,
    req: (c, where) => ({
      method: 'POST',
      url: `/api/cycle/${town(c, where).id}/2021/upload?name=${encodeURIComponent('报告.txt')}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: REPORT,
    }),
  },
  'POST /api/cycle/:township/:year/headlines': {
    allow: ['county_officer'],
    other: 404,
    ok: 200,
    req: async (c, where) => {
      const t = await uploadedReport(c, where);
      const pick = (await cycleReport(c.h, setup.p, t.id, 2020)).review!.headlines![0]!;
      return {
        method: 'POST',
        url: `/api/cycle/${t.id}/2020/headlines`,
        payload: { key: pick.key, start: pick.alternatives[0]?.figure.start ?? pick.figure.start },
      };
    },
  },
  'GET /api/cycle/:township/:year/versions/:seq/file': {
    allow: analysts,
    other: 404,
    ok: 200,
    req: async (c, where) => ({
      method: 'GET',
      url: `/api/cycle/${(await uploadedReport(c, where)).id}/2020/versions/1/file`,
    }),
  },
  'GET /api/cycle/county-pack': {
    allow: ['county_officer'],
    other: 'same',
    ok: 200,
    req: get('/api/cycle/county-pack?year=2020&part=comparison'),
  },
  'GET /public/assets/:name': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: get('/public/assets/portal.js'),
  },
  'GET /api/public/challenge': { allow: 'public', other: 'same', ok: 200, req: get('/api/public/challenge') },
  'GET /public/': { allow: 'public', other: 'same', ok: 200, req: get('/public/') },
  'GET /public/:county/': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: (c) => ({ method: 'GET', url: `/public/${c.w.county.code}/` }),
  },
  'GET /public/:county/reports': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: (c) => ({ method: 'GET', url: `/public/${c.w.county.code}/reports` }),
  },
  'GET /public/:county/track': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: (c) => ({ method: 'GET', url: `/public/${c.w.county.code}/track` }),
  },
  'GET /public/:county/disclosure': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: (c) => ({ method: 'GET', url: `/public/${c.w.county.code}/disclosure` }),
  },
  'GET /public/:county/disclosure/items/:id': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) => ({
      method: 'GET',
      url: `/public/${c.w.county.code}/disclosure/items/${await disclosedItemOf(c)}`,
    }),
  },
  'GET /public/:county/disclosure/apply': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: (c) => get(`/public/${c.w.county.code}/disclosure/apply`)(),
  },
  'GET /public/:county/disclosure/status': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) =>
      get(`/public/${c.w.county.code}/disclosure/status?code=${(await portal(c, 'own', 'filed')).code}`)(),
  },
  'POST /api/public/disclosure-requests': {
    allow: 'public',
    other: 'same',
    ok: 201,
    req: (c) => ({
      method: 'POST',
      url: '/api/public/disclosure-requests',
      payload: {
        county: c.w.county.code,
        ...citizenForm(c.w.a),
        challenge: solvedChallenge(c.h, new Date()),
      },
    }),
  },
  'GET /api/public/disclosure-requests/:code': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) => get(`/api/public/disclosure-requests/${(await portal(c, 'own', 'filed')).code}`)(),
  },
  'POST /api/public/disclosure-requests/:code/correction': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/disclosure-requests/${(await portal(c, 'own', 'correction')).code}/correction`,
      payload: { description: '补正后的申请内容', challenge: solvedChallenge(c.h, new Date()) },
    }),
  },
  'GET /api/public/disclosure-requests/:code/reply': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) =>
      get(`/api/public/disclosure-requests/${(await portal(c, 'own', 'replied')).code}/reply`)(),
  },
  'GET /api/public/index': { allow: 'public', other: 'same', ok: 200, req: get('/api/public/index') },
  'GET /api/public/reports': { allow: 'public', other: 'same', ok: 200, req: get('/api/public/reports') },
  'GET /api/public/reports/:code/:year': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) => ({ method: 'GET', url: `/api/public/reports/${(await publishedReport(c)).code}/2019` }),
  },
  'GET /api/public/reports/:code/:year/docx': {
    allow: 'public',
    other: 'same',
    ok: 200,
    req: async (c) => ({
      method: 'GET',
      url: `/api/public/reports/${(await publishedReport(c)).code}/2019/docx`,
    }),
  },
  'GET /api/todo': { allow: 'all', other: 'same', ok: 200, req: get('/api/todo?days=7') },
  'GET /api/todo/badge': { allow: 'all', other: 'same', ok: 200, req: get('/api/todo/badge') },
  'GET /api/messages': { allow: 'all', other: 'same', ok: 200, req: get('/api/messages?unread=true') },
  'POST /api/messages/read': {
    allow: 'all',
    other: 'same',
    ok: 200,
    req: () => ({ method: 'POST', url: '/api/messages/read', payload: { all: true } }),
  },
  'GET /api/webhooks': { allow: ['system_admin'], other: 'same', ok: 200, req: get('/api/webhooks') },
  'PUT /api/webhooks': {
    allow: ['system_admin'],
    other: 'same',
    ok: 200,
    req: (c, where) => ({
      method: 'PUT',
      url: '/api/webhooks',
      payload: { orgId: town(c, where).id, kind: 'dingtalk', url: 'http://127.0.0.1:9/ding', enabled: false },
    }),
  },
  'DELETE /api/webhooks/:id': {
    allow: ['system_admin'],
    other: 'same',
    ok: 200,
    req: async (c, where) => ({ method: 'DELETE', url: `/api/webhooks/${await webhook(c, where)}` }),
  },
  'POST /api/webhooks/:id/test': {
    allow: ['system_admin'],
    other: 'same',
    ok: 200,
    req: async (c, where) => ({ method: 'POST', url: `/api/webhooks/${await webhook(c, where)}/test` }),
  },
  'POST /api/review': {
    allow: analysts,
    other: 'same',
    ok: 200,
    req: () => ({
      method: 'POST',
      url: `/api/review?name=${encodeURIComponent('报告.txt')}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: REPORT,
    }),
  },
  ...consultationMatrix,
  ...questionMatrix,
  ...examMatrix,
  ...studyPlanMatrix,
};
