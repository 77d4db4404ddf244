import { getKind, kinds, type RecordKind } from '../catalogue/kinds.ts';
import { UserError, notFound } from '../core/errors.ts';
import {
  dedupKey,
  validateRecord,
  type FieldError,
  type LedgerRecord,
  type RecordDraft,
} from '../core/records.ts';
import type { Scope } from '../core/scope.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import type { Db } from '../db/connect.ts';
import { childOrgs } from '../db/orgs.repo.ts';
import { findCaseType, stateOf } from '../catalogue/cases.ts';
import { rememberData } from '../db/indicator-cells.repo.ts';
import * as repo from '../db/records.repo.ts';
import type { NewRecordRow, RecordRow } from '../db/schema.ts';
import { countyIdOf, type Org } from './orgs.ts';

/** A draft plus the village or department it concerns, by name or code (optional). */
export interface OrgDraft extends RecordDraft {
  readonly org?: unknown;
}

export interface RowErrors {
  /** 0-based index of the draft in the batch. */
  readonly index: number;
  readonly errors: readonly FieldError[];
}

export function toRecord(h: Db, r: RecordRow): LedgerRecord {
  return {
    id: Number(r.id),
    townshipId: r.township_id,
    orgId: r.org_id,
    kind: r.kind,
    date: r.date,
    endDate: r.end_date,
    title: r.title,
    data: h.dialect.readJson(r.data) as Record<string, FieldValue>,
  };
}

/** The villages and departments of a township by name and code, for resolving a draft's `org`. */
export async function subOrgIndex(h: Db, township: Org): Promise<Map<string, number>> {
  const index = new Map<string, number>();
  for (const o of await childOrgs(h.db, township.id)) {
    index.set(o.name, o.id);
    index.set(o.code, o.id);
  }
  return index;
}

/** The village or department a draft names, by name or code; empty when it names none. */
function draftOrgName(d: OrgDraft): string {
  return typeof d.org === 'string' || typeof d.org === 'number' ? String(d.org).trim() : '';
}

/**
 * Validates drafts of one kind for a township and turns them into rows ready to insert. Pure but for
 * the org lookup done by the caller (`subOrgs`).
 */
export function prepareRows(
  kind: RecordKind,
  township: Org,
  countyId: number,
  subOrgs: ReadonlyMap<string, number>,
  drafts: readonly OrgDraft[],
  meta: { now: string; createdBy: number | null; importId: number | null },
): { rows: NewRecordRow[]; errors: RowErrors[] } {
  const rows: NewRecordRow[] = [];
  const errors: RowErrors[] = [];
  drafts.forEach((d, index) => {
    const v = validateRecord(kind, d);
    const errs: FieldError[] = v.ok ? [] : v.errors;
    let orgId: number | null = null;
    const name = draftOrgName(d);
    if (name !== '') {
      orgId = subOrgs.get(name) ?? null;
      if (orgId === null) {
        const known = [...new Set([...subOrgs.keys()].filter((k) => !/^\d+$/.test(k)))];
        errs.push({
          field: 'org',
          label: '村（社区）/部门',
          message: `“${name}”不是${township.name}的村（社区）或部门${known.length ? `，应为：${known.slice(0, 12).join('、')}${known.length > 12 ? '等' : ''}` : ''}`,
        });
      }
    }
    if (!v.ok || errs.length > 0) {
      errors.push({ index, errors: errs });
      return;
    }
    const dataJson = JSON.stringify(v.value.data);
    const row: NewRecordRow = {
      county_id: countyId,
      township_id: township.id,
      org_id: orgId,
      kind: kind.id,
      date: v.value.date,
      end_date: v.value.endDate,
      title: v.value.title,
      data: dataJson,
      dedup_key: dedupKey(kind.id, orgId, v.value, dataJson),
      import_id: meta.importId,
      created_by: meta.createdBy,
      created_at: meta.now,
      updated_at: meta.now,
    };
    rows.push(rememberData(row, v.value.data));
  });
  return { rows, errors };
}

function describe(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.label}：${e.message}`).join('；');
}

/**
 * Validates one draft for a township and makes its row ready to insert; an invalid draft is a
 * UserError listing every problem. Every single-record write (CLI, API) goes through here.
 */
export async function prepareRecord(
  h: Db,
  township: Org,
  kindId: string,
  draft: OrgDraft,
  meta: { now: string; createdBy: number | null },
): Promise<{ kind: RecordKind; row: NewRecordRow }> {
  if (township.kind !== 'township')
    throw new UserError(`台账记录须归属乡镇（街道），“${township.name}”不是乡镇`, 'not_township');
  const kind = getKind(kindId);
  // The villages and departments are read only when the draft names one.
  const subOrgs = draftOrgName(draft) !== '' ? await subOrgIndex(h, township) : new Map<string, number>();
  const { rows, errors } = prepareRows(kind, township, countyIdOf(township), subOrgs, [draft], {
    ...meta,
    importId: null,
  });
  if (!rows[0]) {
    const errs = errors[0]?.errors ?? [];
    throw new UserError(`${kind.label}记录有误：${describe(errs)}`, 'invalid_record', 400, errs);
  }
  return { kind, row: rows[0] };
}

export type LedgerQuery = repo.RecordQuery;

export async function listLedger(h: Db, scope: Scope, q: LedgerQuery): Promise<LedgerPage> {
  const { total, rows } = await repo.pageOfRecords(h.db, scope, q);
  return {
    total,
    items: rows.map((r) => toRecord(h, r)),
    counties: [...new Set(rows.map((r) => Number(r.county_id)))],
  };
}

/** A page of records, with the counties they are in (what reads about them can be narrowed to). */
export interface LedgerPage<R extends LedgerRecord = LedgerRecord> {
  readonly total: number;
  readonly items: readonly R[];
  readonly counties?: readonly number[];
}

export async function getLedgerRecord(h: Db, scope: Scope, id: number): Promise<LedgerRecord> {
  const r = await repo.getRecord(h.db, scope, id);
  if (!r) throw notFound(`记录 ${id} 不存在或无权查看`);
  return toRecord(h, r);
}

/** A record's case as the ledger shows it: its state and that state's label in the case type's declaration. */
export interface RecordCase {
  readonly state: string;
  readonly label: string;
}

/**
 * A ledger record as lists show it: with how many evidence files are attached and, for a case, its
 * state (the same label the case board shows).
 */
export type ListedRecord<R extends LedgerRecord = LedgerRecord> = R & {
  readonly evidenceCount: number;
  readonly case: RecordCase | null;
};

/** Adds each record's evidence count and case state to a page of records (one statement for the page). */
export async function withEvidenceCounts<R extends LedgerRecord>(
  h: Db,
  page: LedgerPage<R>,
): Promise<{ total: number; items: ListedRecord<R>[] }> {
  const { evidence: counts, states } = await repo.listingOf(
    h.db,
    page.items.map((r) => r.id),
    page.counties,
  );
  const caseOf = (r: R): RecordCase | null => {
    const state = states.get(r.id);
    const type = findCaseType(r.kind);
    if (state === undefined || !type) return null;
    return { state, label: stateOf(type, state)?.label ?? state };
  };
  return {
    total: page.total,
    items: page.items.map((r) => ({ ...r, evidenceCount: counts.get(r.id) ?? 0, case: caseOf(r) })),
  };
}

/** Kinds whose records are activities that should carry evidence (catalogue `evidenceExpected`). */
export const evidenceExpectedKinds: readonly string[] = kinds
  .filter((k) => k.evidenceExpected)
  .map((k) => k.id);
