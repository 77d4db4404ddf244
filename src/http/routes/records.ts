import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findKind, kinds } from '../../catalogue/kinds.ts';
import { findCaseType, stateOf } from '../../catalogue/cases.ts';
import { addDays, todayOf, yearPeriod, type Period } from '../../core/dates.ts';
import type { DueFilter } from '../../db/records.repo.ts';
import { UserError } from '../../core/errors.ts';
import { allowedKinds, forbidden, inScope } from '../../services/access.ts';
import {
  createRecord,
  deleteRecord,
  editRecord,
  listVisibleRecords,
  readRecord,
} from '../../services/ledger-writes.ts';
import { orgFilter, orgOf, type Org } from '../../services/orgs.ts';
import {
  evidenceExpectedKinds,
  withEvidenceCounts,
  type LedgerQuery as RecordQuery,
} from '../../services/records.ts';
import type { Db } from '../../db/connect.ts';
import type { SessionUser } from '../../services/sessions.ts';
import { route } from '../route.ts';
import { idParams, isoDate, orgId, recordDraft, year } from '../schemas.ts';

const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);

/** The filters of a ledger list, shared by the list and its export (the same rows either way). */
export const recordFilters = z.object({
  org: orgId.optional(),
  kind: z.string().max(60).optional(),
  year: year.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(100).optional(),
  /** `true`: only activities that should carry evidence (catalogue `evidenceExpected`) and have none. */
  missingEvidence: z.enum(['true', 'false']).optional(),
  /** Case states, comma-separated (the kind's case type's states): only records whose case is in one. */
  state: z
    .string()
    .max(400)
    .regex(/^[a-z_]+(,[a-z_]+)*$/, '状态应为以逗号分隔的状态代码')
    .optional(),
  /** Open cases past their due date (`overdue`) or due within 7 days (`soon`). */
  due: z.enum(['overdue', 'soon']).optional(),
  /** Cases opened in this year, and those opened earlier that are still open (the case list's year). */
  caseYear: year.optional(),
});

const listQuery = recordFilters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** How many days ahead a case counts as due soon (临期). */
export const DUE_SOON_DAYS = 7;

/** Open cases past their due date, or due within DUE_SOON_DAYS, as of the day in China. */
export function dueFilter(due: 'overdue' | 'soon' | undefined, at: string): DueFilter | undefined {
  if (!due) return undefined;
  const today = todayOf(at);
  return due === 'overdue'
    ? { kind: 'overdue', today }
    : { kind: 'soon', today, until: addDays(today, DUE_SOON_DAYS) };
}

/**
 * A list's filters checked against the user and turned into the repository's query: the organisation
 * must be in scope, the kind one the role reads, states those of the kind's case type.
 */
export async function recordQueryOf(
  h: Db,
  user: SessionUser,
  query: z.infer<typeof recordFilters>,
  at: string,
): Promise<{ org: Org; q: RecordQuery }> {
  const org = await filterOrg(h, user, query.org);
  const kind = query.kind === undefined ? undefined : findKind(query.kind);
  if (query.kind !== undefined && !kind) throw new UserError(`未知的台账类型“${query.kind}”`, 'unknown_kind');
  const readable = allowedKinds(user.role, 'read');
  if (kind && readable && !readable.includes(kind.id)) throw forbidden('当前角色无权查看此类台账');
  const missing = query.missingEvidence === 'true';
  let list = kind ? [kind.id] : readable;
  if (missing) list = (list ?? evidenceExpectedKinds).filter((k) => evidenceExpectedKinds.includes(k));
  const states = query.state?.split(',');
  if (states) {
    const type = kind ? findCaseType(kind.id) : undefined;
    const unknown = type ? states.filter((s) => !stateOf(type, s)) : states;
    if (!type) throw new UserError('按状态筛选须先选定一类案件台账', 'state_without_case_kind');
    if (unknown.length > 0)
      throw new UserError(
        `“${unknown.join('、')}”不是${type.label}的状态，应为：${type.states.map((s) => `${s.id}（${s.label}）`).join('、')}`,
        'unknown_state',
      );
  }
  return {
    org,
    q: {
      org: orgFilter(org),
      kinds: list,
      period: period(query),
      registryKinds,
      text: query.q,
      withoutEvidence: missing,
      caseStates: states,
      due: dueFilter(query.due, at),
      casePeriod: query.caseYear === undefined ? undefined : yearPeriod(query.caseYear),
    },
  };
}

const newRecord = recordDraft.extend({
  kind: z.string().min(1).max(60),
  /** The township; defaults to the user's own. */
  township: z.number().int().positive().optional(),
});

/** An organisation named in a filter: out of scope (or unknown) is refused, never silently emptied. */
export async function filterOrg(h: Db, p: SessionUser, id: number | undefined): Promise<Org> {
  const org = await orgOf(h, p, id ?? p.orgId).catch(() => null);
  if (!org || !inScope(p, org.path)) throw forbidden('无权查看该组织的数据，或该组织不存在');
  return org;
}

function period(q: { year?: number; from?: string; to?: string }): Period | undefined {
  if (q.year !== undefined) return yearPeriod(q.year);
  if (q.from || q.to) return { from: q.from ?? '2000-01-01', to: q.to ?? '2100-12-31' };
  return undefined;
}

export function registerRecordRoutes(app: FastifyInstance): void {
  const tag = '台账';
  route(
    app,
    {
      method: 'GET',
      url: '/records',
      summary:
        '查询台账记录（组织、类型、期间、标题文字、缺少佐证材料、案件状态、逾期/临期、分页；每条带证据文件数和案件状态）',
      tag,
      access: 'records.read',
      query: listQuery,
      cache: true,
      replica: true,
    },
    async ({ deps, read, query, user, at }) => {
      const { q } = await recordQueryOf(deps.h, user, query, at);
      const page = await listVisibleRecords(read, user, { ...q, limit: query.limit, offset: query.offset });
      return withEvidenceCounts(read, page);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/records/:id',
      summary: '一条台账记录',
      tag,
      access: 'records.read',
      params: idParams,
    },
    async ({ deps, params, user }) => readRecord(deps.h, user, params.id),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/records',
      summary: '新增台账记录',
      tag,
      access: 'records.write',
      body: newRecord,
      status: 201,
      writes: 'new-records',
    },
    async ({ deps, body, user, actor, at }) => {
      const { kind, township, ...draft } = body;
      const k = findKind(kind);
      if (!k) throw new UserError(`未知的台账类型“${kind}”`, 'unknown_kind');
      return createRecord(deps.h, user, actor, { townshipId: township, kind: k.id, draft }, at);
    },
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/records/:id',
      summary: '修改台账记录（整条替换）',
      tag,
      access: 'records.write',
      params: idParams,
      body: recordDraft,
    },
    async ({ deps, params, body, user, actor, at }) => editRecord(deps.h, user, actor, params.id, body, at),
  );
  route(
    app,
    {
      method: 'DELETE',
      url: '/records/:id',
      summary: '删除台账记录（连同其证据）',
      tag,
      access: 'records.write',
      params: idParams,
    },
    async ({ deps, params, user, actor, at }) => {
      await deleteRecord(deps.h, deps.store, user, actor, params.id, at);
      return { ok: true };
    },
  );
}
