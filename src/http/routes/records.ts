import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findKind, kinds } from '../../catalogue/kinds.ts';
import { yearPeriod, type Period } from '../../core/dates.ts';
import { UserError } from '../../core/errors.ts';
import { allowedKinds, forbidden, inScope } from '../../services/access.ts';
import {
  createRecord,
  deleteRecord,
  editRecord,
  listVisibleRecords,
  readRecord,
} from '../../services/ledger-writes.ts';
import { orgFilter, requireOrg, type Org } from '../../services/orgs.ts';
import { evidenceExpectedKinds, withEvidenceCounts } from '../../services/records.ts';
import type { Db } from '../../db/connect.ts';
import type { SessionUser } from '../../services/sessions.ts';
import { route } from '../route.ts';
import { idParams, isoDate, orgId, recordDraft, year } from '../schemas.ts';

const registryKinds = kinds.filter((k) => k.temporal === 'registry').map((k) => k.id);

const listQuery = z.object({
  org: orgId.optional(),
  kind: z.string().max(60).optional(),
  year: year.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(100).optional(),
  /** `true`: only activities that should carry evidence (catalogue `evidenceExpected`) and have none. */
  missingEvidence: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const newRecord = recordDraft.extend({
  kind: z.string().min(1).max(60),
  /** The township; defaults to the user's own. */
  township: z.number().int().positive().optional(),
});

/** An organisation named in a filter: out of scope (or unknown) is refused, never silently emptied. */
export async function filterOrg(h: Db, p: SessionUser, id: number | undefined): Promise<Org> {
  const org = await requireOrg(h, id ?? p.orgId).catch(() => null);
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
      summary: '查询台账记录（组织、类型、期间、标题文字、缺少佐证材料、分页；每条带证据文件数）',
      tag,
      access: 'records.read',
      query: listQuery,
      cache: true,
    },
    async ({ deps, query, user }) => {
      const org = await filterOrg(deps.h, user, query.org);
      const kind = query.kind === undefined ? undefined : findKind(query.kind);
      if (query.kind !== undefined && !kind)
        throw new UserError(`未知的台账类型“${query.kind}”`, 'unknown_kind');
      const readable = allowedKinds(user.role, 'read');
      if (kind && readable && !readable.includes(kind.id)) throw forbidden('当前角色无权查看此类台账');
      const missing = query.missingEvidence === 'true';
      let list = kind ? [kind.id] : readable;
      if (missing) list = (list ?? evidenceExpectedKinds).filter((k) => evidenceExpectedKinds.includes(k));
      const page = await listVisibleRecords(deps.h, user, {
        org: orgFilter(org),
        kinds: list,
        period: period(query),
        registryKinds,
        text: query.q,
        withoutEvidence: missing,
        limit: query.limit,
        offset: query.offset,
      });
      return withEvidenceCounts(deps.h, page);
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
