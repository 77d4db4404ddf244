import { APPROX_KEY } from '../catalogue/indicators.ts';
import type { Kysely, Transaction } from 'kysely';
import { findCaseType, workflowFields } from '../catalogue/cases.ts';
import { getKind } from '../catalogue/kinds.ts';
import { getCase } from '../db/cases.repo.ts';
import { ALL } from '../core/scope.ts';
import { UserError, notFound } from '../core/errors.ts';
import type { LedgerRecord } from '../core/records.ts';
import type { Db } from '../db/connect.ts';
import * as evidenceRepo from '../db/evidence.repo.ts';
import { unlinkExamRecord } from '../db/exams.repo.ts';
import { insertOrg, renameOrg } from '../db/orgs.repo.ts';
import * as repo from '../db/records.repo.ts';
import type { Database } from '../db/schema.ts';
import { unlinkRecord } from '../db/study-plans.repo.ts';
import {
  forbidden,
  inScope,
  kindAllowed,
  ownRecordsOnly,
  requireAction,
  scopeOf,
  type Principal,
} from './access.ts';
import { auditRead, withAudit, type AuditActor } from './audit.ts';
import { withDueMarks, type MarkedRecord } from './due-marks.ts';
import { listEvidence, readEvidence, storeEvidenceFile, toEvidence, type Evidence } from './evidence.ts';
import type { FileStore } from './file-store.ts';
import { orgKinds, orgOf, requireOrg, toOrg, type Org, type OrgKind } from './orgs.ts';
import { listLedger, prepareRecord, toRecord, type LedgerPage, type OrgDraft } from './records.ts';

/**
 * Ledger and organisation writes made on behalf of a signed-in user: checked against the user's
 * scope and role, and audited (before → after) in the same transaction as the write.
 */

function isUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * One statement whose unique-key violation is the user's duplicate; only that statement's, so a
 * failure of the audit append in the same transaction is never reported as a duplicate.
 */
async function uniquely<T>(write: Promise<T>, duplicate: () => UserError): Promise<T> {
  try {
    return await write;
  } catch (e) {
    throw isUniqueViolation(e) ? duplicate() : e;
  }
}

/** The township a user writes to: the one given (which must be in scope), else the user's own. */
export async function writableTownship(h: Db, p: Principal, townshipId: number | undefined): Promise<Org> {
  const id = townshipId ?? p.orgId;
  if (id === null) throw new UserError('请指定乡镇（街道）', 'township_required');
  const org = await orgOf(h, p, id).catch(() => {
    throw forbidden('无权在该组织录入台账，或该组织不存在');
  });
  if (!inScope(p, org.path)) throw forbidden('无权在该组织录入台账，或该组织不存在');
  if (org.kind !== 'township')
    throw new UserError(`台账记录须归属乡镇（街道），“${org.name}”不是乡镇`, 'not_township');
  return org;
}

export async function createRecord(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { townshipId?: number; kind: string; draft: OrgDraft },
  at: string,
): Promise<LedgerRecord> {
  requireAction(p, 'records.write');
  if (!kindAllowed(p.role, 'write', input.kind)) throw forbidden('当前角色无权录入此类台账');
  const township = await writableTownship(h, p, input.townshipId);
  const { kind, row } = await prepareRecord(h, township, input.kind, input.draft, {
    now: at,
    createdBy: p.id,
  });
  return withAudit(h, actor, at, async (trx) => {
    const stored = await repo.insertRecord(trx, row);
    if (!stored) throw new UserError(`${township.name}已有一条内容相同的${kind.label}记录`, 'duplicate', 409);
    const rec = toRecord(h, stored);
    return {
      result: rec,
      events: [{ action: 'record.create', targetType: 'record', targetId: rec.id, after: rec }],
    };
  });
}

/** A record the user may see: in scope and of a kind the role reads; otherwise "not found". */
async function visible(
  h: Db,
  p: Principal,
  id: number,
  mode: 'read' | 'write',
  db: Kysely<Database> | Transaction<Database> = h.db,
) {
  const r = await repo.getRecord(db, scopeOf(p), id);
  const own = !ownRecordsOnly(p.role) || r?.created_by === p.id;
  if (!r || !own || !kindAllowed(p.role, 'read', r.kind)) throw notFound(`记录 ${id} 不存在或无权查看`);
  if (mode === 'write' && !kindAllowed(p.role, 'write', r.kind)) throw forbidden('当前角色无权修改此类台账');
  return r;
}

export async function readRecord(h: Db, p: Principal, id: number): Promise<MarkedRecord> {
  const [r] = await withDueMarks(h, [toRecord(h, await visible(h, p, id, 'read'))]);
  return r!;
}

/**
 * A case's record carries its outcome (status, dates) for the indicators; only the case workflow
 * may change those fields, or the record and the case history would disagree.
 */
async function guardCaseRecord(
  h: Db,
  q: Kysely<Database> | Transaction<Database>,
  current: { id: number | string; kind: string; data: unknown },
  next: Record<string, unknown> | null,
): Promise<void> {
  const type = findCaseType(current.kind);
  if (!type || !(await getCase(q, ALL, Number(current.id)))) return;
  if (next === null) {
    throw new UserError(
      '该记录是案件办理中的案件，不能在台账中删除；请在“案件办理”中办理或撤销',
      'case_managed',
      409,
    );
  }
  const before = h.dialect.readJson(current.data);
  const kind = getKind(current.kind);
  const changed = [...workflowFields(type)].filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(next[k] ?? null),
  );
  if (changed.length > 0) {
    const labels = changed.map((k) => kind.fields.find((f) => f.key === k)?.label ?? k);
    throw new UserError(
      `“${labels.join('”“')}”由案件办理流程维护，请在“案件办理”中办理相应步骤，不能在台账中直接修改`,
      'case_managed',
      409,
    );
  }
}

/** A hand edit keeps the approximate marks (200余份) of the numbers it leaves as they were. */
function keepApprox(stored: unknown, draft: OrgDraft): OrgDraft {
  const data = (typeof stored === 'string' ? JSON.parse(stored) : stored) as Record<string, unknown> | null;
  const marks = typeof data?.[APPROX_KEY] === 'string' ? data[APPROX_KEY].split(',').filter(Boolean) : [];
  if (!data || marks.length === 0 || APPROX_KEY in draft.data) return draft;
  const kept = marks.filter((k) => draft.data[k] !== undefined && Number(draft.data[k]) === data[k]);
  return kept.length > 0 ? { ...draft, data: { ...draft.data, [APPROX_KEY]: `,${kept.join(',')},` } } : draft;
}

export async function editRecord(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  draft: OrgDraft,
  at: string,
): Promise<LedgerRecord> {
  requireAction(p, 'records.write');
  const current = await visible(h, p, id, 'write');
  const township = await requireOrg(h, current.township_id);
  const { kind, row } = await prepareRecord(h, township, current.kind, keepApprox(current.data, draft), {
    now: at,
    createdBy: p.id,
  });
  await guardCaseRecord(h, h.db, current, JSON.parse(row.data) as Record<string, unknown>);
  const duplicate = () =>
    new UserError(`${township.name}已有一条内容相同的${kind.label}记录`, 'duplicate', 409);
  return withAudit(h, actor, at, async (trx) => {
    const before = await visible(h, p, id, 'write', trx);
    const set = {
      date: row.date,
      end_date: row.end_date,
      title: row.title,
      data: row.data,
      dedup_key: row.dedup_key,
      org_id: row.org_id,
      updated_at: at,
    };
    if (!(await uniquely(repo.updateRecord(trx, scopeOf(p), id, set), duplicate)))
      throw notFound(`记录 ${id} 不存在或无权查看`);
    const after = await repo.getRecord(trx, scopeOf(p), id);
    if (!after) throw notFound(`记录 ${id} 不存在或无权查看`);
    const [b, a] = [toRecord(h, before), toRecord(h, after)];
    return {
      result: a,
      events: [{ action: 'record.update', targetType: 'record', targetId: id, before: b, after: a }],
    };
  });
}

export async function deleteRecord(
  h: Db,
  store: FileStore,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<void> {
  requireAction(p, 'records.write');
  const files = await withAudit(h, actor, at, async (trx) => {
    const before = await visible(h, p, id, 'write', trx);
    await guardCaseRecord(h, trx, before, null);
    const ev = await evidenceRepo.evidenceOfRecord(trx, id);
    // A study plan item the record fulfilled is open again.
    const planItems = await unlinkRecord(trx, id);
    await unlinkExamRecord(trx, id);
    await repo.deleteRecord(trx, scopeOf(p), id);
    const b = {
      ...toRecord(h, before),
      evidence: ev.map((e) => ({ id: e.id, fileName: e.file_name, sha256: e.sha256 })),
      ...(planItems.length > 0 ? { studyPlanItems: planItems } : {}),
    };
    return {
      result: ev.map((e) => e.sha256),
      events: [{ action: 'record.delete', targetType: 'record', targetId: id, before: b }],
    };
  });
  // Evidence rows went with the record (on delete cascade); drop files no other record uses.
  for (const sha of new Set(files))
    if ((await evidenceRepo.countBySha(h.db, sha)) === 0) await store.remove(sha);
}

/** Adds an organisation under a parent inside the administrator's scope. */
export async function createOrg(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { code: string; name: string; kind: OrgKind; parentId: number },
  at: string,
): Promise<Org> {
  requireAction(p, 'orgs.manage');
  const parent = await requireOrg(h, input.parentId).catch(() => {
    throw forbidden('上级组织不存在或不在管理范围内');
  });
  if (!inScope(p, parent.path)) throw forbidden('上级组织不存在或不在管理范围内');
  const parentKind: OrgKind = input.kind === 'township' ? 'county' : 'township';
  if (parent.kind !== parentKind) {
    throw new UserError(
      `${orgKinds[input.kind]}的上级应为${orgKinds[parentKind]}，“${parent.name}”是${orgKinds[parent.kind]}`,
      'bad_parent',
    );
  }
  const duplicate = () => new UserError(`组织代码“${input.code}”已存在`, 'duplicate', 409);
  return withAudit(h, actor, at, async (trx) => {
    const row = await uniquely(
      insertOrg(
        trx,
        { code: input.code.trim(), name: input.name.trim(), kind: input.kind, parentId: parent.id },
        at,
      ),
      duplicate,
    );
    const org = toOrg(row);
    return {
      result: org,
      events: [{ action: 'org.create', targetType: 'org', targetId: org.id, after: org }],
    };
  });
}

/**
 * Renames an organisation inside the principal's scope (system administrator). Its code, kind and
 * place in the tree stay: records and accounts keep pointing at it by id.
 */
export async function renameOrganisation(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  name: string,
  at: string,
): Promise<Org> {
  requireAction(p, 'orgs.manage');
  const org = await requireOrg(h, id).catch(() => null);
  if (!org || !inScope(p, org.path)) throw notFound(`组织 ${id} 不存在或不在管理范围内`);
  const next = name.trim();
  if (!next || [...next].length > 60) throw new UserError('名称不能为空，且不超过 60 字', 'bad_name');
  if (next === org.name) throw new UserError('名称没有改变', 'unchanged', 409);
  return withAudit(h, actor, at, async (trx) => {
    await renameOrg(trx, org.id, next);
    return {
      result: { ...org, name: next },
      events: [
        {
          action: 'org.update',
          targetType: 'org',
          targetId: org.id,
          before: { name: org.name },
          after: { name: next },
        },
      ],
    };
  });
}

/**
 * Attaches a file to a record the user may write; the type is sniffed from the bytes. The bytes
 * are stored first (content-addressed); if the row is not written they go again unless shared.
 */
export async function addEvidence(
  h: Db,
  store: FileStore,
  p: Principal,
  actor: AuditActor,
  recordId: number,
  file: { name: string; bytes: Uint8Array },
  at: string,
): Promise<Evidence> {
  requireAction(p, 'evidence.write');
  const record = await visible(h, p, recordId, 'write');
  const f = await storeEvidenceFile(store, file);
  try {
    return await withAudit(h, actor, at, async (trx) => {
      const row = await evidenceRepo.insertEvidence(trx, {
        record_id: recordId,
        township_id: record.township_id,
        county_id: record.county_id,
        sha256: f.sha256,
        file_name: f.fileName,
        mime: f.mime,
        size: f.size,
        created_by: p.id,
        created_at: at,
      });
      const e = toEvidence(row);
      return {
        result: e,
        events: [{ action: 'evidence.create', targetType: 'evidence', targetId: e.id, after: e }],
      };
    });
  } catch (e) {
    if ((await evidenceRepo.countBySha(h.db, f.sha256)) === 0) await store.remove(f.sha256);
    throw e;
  }
}

/** The evidence row behind an id, if its record is visible to the user; otherwise "not found". */
async function visibleEvidence(h: Db, p: Principal, id: number, mode: 'read' | 'write'): Promise<number> {
  const row = await evidenceRepo.getEvidence(h.db, id);
  if (!row) throw notFound(`证据 ${id} 不存在或无权访问`);
  await visible(h, p, Number(row.record_id), mode).catch((e: unknown) => {
    throw e instanceof UserError && e.status === 404 ? notFound(`证据 ${id} 不存在或无权访问`) : e;
  });
  return id;
}

/** An evidence file's bytes (checked against their hash); the download is audited. */
export async function fetchEvidence(
  h: Db,
  store: FileStore,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<{ evidence: Evidence; bytes: Buffer }> {
  await visibleEvidence(h, p, id, 'read');
  const got = await readEvidence(h, store, scopeOf(p), id);
  const e = got.evidence;
  await auditRead(h, actor, at, {
    action: 'evidence.download',
    targetType: 'evidence',
    targetId: id,
    after: { recordId: e.recordId, fileName: e.fileName, sha256: e.sha256, size: e.size },
  });
  return got;
}

export async function recordEvidence(h: Db, p: Principal, recordId: number): Promise<Evidence[]> {
  await visible(h, p, recordId, 'read');
  return listEvidence(h, scopeOf(p), recordId);
}

export async function dropEvidence(
  h: Db,
  store: FileStore,
  p: Principal,
  actor: AuditActor,
  id: number,
  at: string,
): Promise<void> {
  requireAction(p, 'evidence.write');
  await visibleEvidence(h, p, id, 'write');
  const before = await withAudit(h, actor, at, async (trx) => {
    const row = await evidenceRepo.getEvidence(trx, id);
    if (!row) throw notFound(`证据 ${id} 不存在或无权访问`);
    await evidenceRepo.deleteEvidence(trx, id);
    return {
      result: row,
      events: [{ action: 'evidence.delete', targetType: 'evidence', targetId: id, before: row }],
    };
  });
  // The file goes once no other evidence row (of any record) points at the same bytes.
  if ((await evidenceRepo.countBySha(h.db, before.sha256)) === 0) await store.remove(before.sha256);
}

/**
 * A page of the ledger as the user may see it: the scope limits a grid member to the records it
 * entered (scopeOf), in the repository's own statement.
 */
export async function listVisibleRecords(
  h: Db,
  p: Principal,
  q: repo.RecordQuery,
): Promise<LedgerPage<MarkedRecord>> {
  const page = await listLedger(h, scopeOf(p), q);
  return { ...page, items: await withDueMarks(h, page.items) };
}
