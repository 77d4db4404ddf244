/** What the reporting cycle's services share: its types, the township a user may see, the draft's model, the locked report row. */
import type { Transaction } from 'kysely';
import { CYCLE_STATES, type CycleState } from '../catalogue/report-cycle.ts';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { type CrossFinding } from '../cycle/crosscheck.ts';
import type { HeadlineChoice, HeadlinePick } from '../cycle/headlines.ts';
import { applyParagraphEdits } from '../report/model/edits.ts';
import type { ReportModel, ReportOverrides } from '../report/model/types.ts';
import type { ReviewOutcome } from '../review/index.ts';
import { inScope, type Principal } from './access.ts';
import { requireOrg, type Org } from './orgs.ts';
import { buildReportModel, checkReportEdits } from './report.ts';

/** The township's edits to its draft: what `fazhi report --edits` takes, plus paragraphs rewritten by hand. */
export interface DraftEdits extends ReportOverrides {
  readonly paragraphs?: Readonly<Record<string, string>>;
}

/** Heavy work the cycle needs: the server runs it on its worker pool, the CLI in-process. */
export interface CycleTools {
  readonly render: (m: ReportModel, org: Org) => Promise<Uint8Array>;
  readonly review: (fileName: string, bytes: Uint8Array, year: number) => Promise<ReviewOutcome>;
  /** Reviews several reports together, so copied passages between them are found. */
  readonly reviewBatch: (
    files: readonly { name: string; bytes: Uint8Array }[],
    year: number,
  ) => Promise<ReviewOutcome[]>;
  /** The published copy of a file with the 保密审查's redactions applied (the original is kept as it is). */
  readonly redact: (
    fileName: string,
    bytes: Uint8Array,
    redactions: readonly string[],
  ) => Promise<Uint8Array>;
}

/** What the county office sees of a review made on arrival. */
export interface ArrivalReview {
  readonly file: string;
  /** The reviewer's findings (warnings and errors first), or why the file could not be read. */
  readonly findings: readonly { rule: string; severity: string; message: string; text: string }[];
  readonly error?: string;
  /** Stated figures that differ from the township's ledger. */
  readonly cross: readonly CrossFinding[];
  readonly figures: number;
  /** The headline figure of each indicator stated, for the county office to confirm or change. */
  readonly headlines?: readonly HeadlinePick[];
}

export const MAX_EDIT_CHARS = 5_000;

/** How a person is named in versions and history: the display name, else the account. */
export const nameOf = (p: Principal): string => p.name ?? p.username;

export const MAX_COMMENT = 2_000;

export function checkEdits(raw: unknown): DraftEdits {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UserError('草稿修改内容应为一个 JSON 对象', 'bad_edits');
  const { paragraphs, ...rest } = raw as Record<string, unknown>;
  const overrides = checkReportEdits(rest);
  if (paragraphs === undefined) return overrides;
  if (typeof paragraphs !== 'object' || paragraphs === null || Array.isArray(paragraphs))
    throw new UserError('paragraphs 应为“段落编号: 文字”的对象', 'bad_edits');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(paragraphs as Record<string, unknown>)) {
    if (typeof v !== 'string' || !v.trim()) throw new UserError(`段落“${k}”的文字不能为空`, 'bad_edits');
    if (v.length > MAX_EDIT_CHARS) throw new UserError(`段落“${k}”超过 ${MAX_EDIT_CHARS} 字`, 'bad_edits');
    out[k] = v.trim();
  }
  return { ...overrides, paragraphs: out };
}

export const parseEdits = (json: string | null | undefined): DraftEdits =>
  json ? (JSON.parse(json) as DraftEdits) : {};

/** The township a user may see the report of, or a 404-style refusal (another township's stays hidden). */
export async function visibleTownship(h: Db, p: Principal, townshipId: number): Promise<Org> {
  const org = await requireOrg(h, townshipId).catch(() => {
    throw new UserError('乡镇不存在或无权查看', 'not_found', 404);
  });
  if (!inScope(p, org.path) || org.kind !== 'township')
    throw new UserError('乡镇不存在或无权查看', 'not_found', 404);
  return org;
}

/**
 * The version the county office reviewed: the last one signed or uploaded on the township's
 * behalf (undefined before either).
 */
export async function reviewedVersion(
  db: Db['db'] | Trx,
  reportId: number,
  /** The report's versions, when the caller has them already. */
  known?: readonly { seq: number; kind: string }[],
) {
  const versions = known ?? (await repo.versionsOf(db, reportId));
  const base = [...versions].reverse().find((v) => v.kind === 'signed' || v.kind === 'upload');
  return base && repo.getVersion(db, reportId, base.seq);
}

/** The county office's headline choices for a reviewed version. */
export async function headlineChoices(
  db: Db['db'] | Trx,
  reportId: number,
  seq: number,
): Promise<HeadlineChoice[]> {
  return (await repo.headlinesOf(db, reportId, seq)).map((r) => ({
    key: r.key,
    start: Number(r.start),
    ...(r.parts ? { parts: JSON.parse(r.parts) as number[] } : {}),
    value: Number(r.value),
    text: r.text,
    kept: Boolean(r.kept),
    by: r.chosen_by,
    at: r.chosen_at,
  }));
}

export const stateOf = (s: string | undefined): CycleState =>
  s && s in CYCLE_STATES ? (s as CycleState) : 'not_started';

export async function modelOf(
  h: Db,
  org: Org,
  year: number,
  now: string,
  e: DraftEdits,
  signedOn?: string,
): Promise<ReportModel> {
  const { paragraphs, ...overrides } = e;
  const m = await buildReportModel(h, org, year, now, overrides, signedOn ? { date: signedOn } : undefined);
  return applyParagraphEdits(m, paragraphs ?? {});
}

export type Trx = Transaction<Database>;

/** The report row for a township and year, created on first use, locked for the transaction. */
export async function lockedReport(h: Db, trx: Trx, org: Org, year: number, at: string) {
  let row = await repo.getReport(trx, org.id, year);
  if (!row) {
    // The township's county is its parent (townships sit directly under their county).
    if (org.parentId === null) throw new Error('township without a county');
    await repo.insertReport(trx, {
      township_id: org.id,
      county_id: org.parentId,
      year,
      state: 'not_started',
      updated_at: at,
    });
    row = await repo.getReport(trx, org.id, year);
  }
  if (!row) throw new Error('report row missing after insert');
  await repo.lockReport(trx, row.id, h.dialect.rowLocks);
  return (await repo.getReport(trx, org.id, year))!;
}

export function event(
  reportId: number,
  step: string,
  from: string,
  to: string | null,
  outcome: 'done' | 'refused',
  comment: string | null,
  detail: unknown,
  p: Principal,
  at: string,
) {
  return {
    report_id: reportId,
    step,
    from_state: from,
    to_state: to,
    outcome,
    comment,
    detail: detail === null ? null : JSON.stringify(detail),
    actor: nameOf(p),
    role: p.role,
    created_at: at,
  };
}
