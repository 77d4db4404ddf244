/**
 * The annual reporting cycle (年度报告报送流程): a township's draft is saved in versions, signed
 * (签发) by its principal leader, submitted to the county office, reviewed on arrival (the reviewer
 * and a cross-check of every stated figure against the township's own ledger), returned or
 * accepted, cleared by a named 保密审查 and published for the public. Every step follows the
 * declared workflow (src/catalogue/report-cycle.ts); each write authorises and audits itself in
 * its own transaction, and a step out of order is refused in Chinese and kept in the history.
 */
import { diffArrays } from 'diff';
import type { Transaction } from 'kysely';
import {
  CYCLE_STATES,
  CYCLE_STEPS,
  EDITABLE_STATES,
  cycleStep,
  publicationDeadline,
  type CycleState,
  type CycleStep,
} from '../catalogue/report-cycle.ts';
import { daysBetween, isIsoDate, todayOf, yearPeriod } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { bulletinDocx, copiedPairs } from '../cycle/bulletin.ts';
import { comparisonWorkbook } from '../cycle/comparison.ts';
import { crossCheck, statedFigures, type CrossFinding } from '../cycle/crosscheck.ts';
import { redactText } from '../cycle/redact.ts';
import { applyParagraphEdits, keyedParas, paraParts, type ParaPart } from '../report/model/edits.ts';
import type { ReportModel, ReportOverrides } from '../report/model/types.ts';
import { paraText, plainText } from '../report/render/text.ts';
import type { ReviewOutcome, ReviewResult } from '../review/index.ts';
import { isError } from '../review/index.ts';
import { forbidden, inScope, permits, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { computeIndicators } from './indicators.ts';
import { countyOf, requireOrg, townshipsOf, type Org } from './orgs.ts';
import { buildReportModel, checkReportEdits, checkYear } from './report.ts';

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
}

export interface CycleRow {
  readonly townshipId: number;
  readonly township: string;
  readonly code: string;
  readonly state: CycleState;
  readonly stateLabel: string;
  readonly version: number;
  readonly signedOn: string | null;
  readonly submittedAt: string | null;
  readonly publishedAt: string | null;
  /** The last day to publish: 31 March of the next year. */
  readonly deadline: string;
  /** Days left to the deadline (negative when past). */
  readonly daysLeft: number;
  /** Not published and the deadline has passed, or published after it. */
  readonly late: boolean;
}

const MAX_EDIT_CHARS = 5_000;

/** How a person is named in versions and history: the display name, else the account. */
const nameOf = (p: Principal): string => p.name ?? p.username;
const MAX_COMMENT = 2_000;

function checkEdits(raw: unknown): DraftEdits {
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

const parseEdits = (json: string | null | undefined): DraftEdits =>
  json ? (JSON.parse(json) as DraftEdits) : {};

/** The township a user may see the report of, or a 404-style refusal (another township's stays hidden). */
async function visibleTownship(h: Db, p: Principal, townshipId: number): Promise<Org> {
  const org = await requireOrg(h, townshipId).catch(() => {
    throw new UserError('乡镇不存在或无权查看', 'not_found', 404);
  });
  if (!inScope(p, org.path) || org.kind !== 'township')
    throw new UserError('乡镇不存在或无权查看', 'not_found', 404);
  return org;
}

const stateOf = (s: string | undefined): CycleState =>
  s && s in CYCLE_STATES ? (s as CycleState) : 'not_started';

/** Every township of the user's county (or the user's own township) with its report's state. */
export async function cycleStatus(
  h: Db,
  p: Principal,
  year: number,
  now: string,
  countyOrg?: Org,
): Promise<CycleRow[]> {
  requireAction(p, 'cycle.read');
  checkYear(year);
  const county = countyOrg ?? (await ownCounty(h, p));
  const towns = (await townshipsOf(h, county)).filter((t) => inScope(p, t.path));
  const rows = new Map((await repo.reportsOfCounty(h.db, county.id, year)).map((r) => [r.township_id, r]));
  const today = todayOf(now);
  const deadline = publicationDeadline(year);
  return towns.map((t) => {
    const r = rows.get(t.id);
    const state = stateOf(r?.state);
    const publishedOn = r?.published_at ? todayOf(r.published_at) : null;
    return {
      townshipId: t.id,
      township: t.name,
      code: t.code,
      state,
      stateLabel: CYCLE_STATES[state],
      version: r?.version ?? 0,
      signedOn: r?.signed_on ?? null,
      submittedAt: r?.submitted_at ?? null,
      publishedAt: r?.published_at ?? null,
      deadline,
      daysLeft: daysBetween(today, deadline),
      late: publishedOn ? publishedOn > deadline : today > deadline,
    };
  });
}

/** The county a user works in: their own, or their township's. */
async function ownCounty(h: Db, p: Principal): Promise<Org> {
  const own = p.orgId === null ? null : await requireOrg(h, p.orgId);
  const county = own === null ? null : own.kind === 'county' ? own : await countyOf(h, own);
  if (!county) throw new UserError('请以县或乡镇的账号查看，或指定县', 'no_county');
  return county;
}

/** The steps a user may take on a report now. */
function stepsFor(p: Principal, state: CycleState): CycleStep[] {
  return (CYCLE_STEPS as readonly CycleStep[]).filter(
    (s) => s.from.includes(state) && permits(p, s.permission),
  );
}

/** A report with its versions, history, the county's comments and the review made on arrival. */
export async function cycleReport(h: Db, p: Principal, townshipId: number, year: number) {
  requireAction(p, 'cycle.read');
  checkYear(year);
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  const state = stateOf(row?.state);
  const versions = row ? await repo.versionsOf(h.db, row.id) : [];
  const events = row ? await repo.eventsOf(h.db, row.id) : [];
  const latest = row && row.version > 0 ? await repo.getVersion(h.db, row.id, row.version) : undefined;
  const reviewed = [...versions].reverse().find((v) => v.kind === 'signed' || v.kind === 'upload');
  const review = row && reviewed ? (await repo.getVersion(h.db, row.id, reviewed.seq))?.review : null;
  return {
    townshipId: org.id,
    township: org.name,
    year,
    state,
    stateLabel: CYCLE_STATES[state],
    version: row?.version ?? 0,
    signedBy: row?.signed_by ?? null,
    signedOn: row?.signed_on ?? null,
    submittedAt: row?.submitted_at ?? null,
    publishedAt: row?.published_at ?? null,
    deadline: publicationDeadline(year),
    editable: EDITABLE_STATES.includes(state) && permits(p, 'report.draft'),
    edits: parseEdits(latest?.edits),
    steps: stepsFor(p, state).map((s) => ({ id: s.id, label: s.label, comment: s.comment ?? null })),
    versions: versions.map((v) => ({
      seq: v.seq,
      kind: v.kind,
      fileName: v.file_name,
      note: v.note,
      createdBy: v.created_by,
      createdAt: v.created_at,
    })),
    history: events.map((e) => ({
      step: e.step,
      label: cycleStep(e.step)?.label ?? (e.step === 'save' ? '保存草稿' : e.step),
      from: e.from_state,
      to: e.to_state,
      outcome: e.outcome,
      comment: e.comment,
      detail: e.detail ? (JSON.parse(e.detail) as unknown) : null,
      actor: e.actor,
      role: e.role,
      at: e.created_at,
    })),
    returned: lastReturn(state, events),
    review: review ? (JSON.parse(review) as ArrivalReview) : null,
  };
}

/**
 * The latest return (the county's, or the leader's before 签发) with its comment and paragraph
 * notes, shown beside the draft until the report goes on again (提请签发 or 报送).
 */
function lastReturn(state: CycleState, events: Awaited<ReturnType<typeof repo.eventsOf>>) {
  if (state !== 'returned' && state !== 'drafting') return null;
  const done = events.filter((e) => e.outcome === 'done');
  let i = done.length - 1;
  while (i >= 0 && done[i]!.step !== 'return' && done[i]!.step !== 'return_draft') i--;
  const last = done[i];
  if (!last) return null;
  if (done.slice(i + 1).some((e) => e.step === 'request_signature' || e.step === 'submit')) return null;
  const detail = last.detail ? (JSON.parse(last.detail) as { notes?: ParagraphNote[] }) : {};
  return {
    step: last.step,
    by: last.step === 'return' ? '县依法治县办' : '乡镇主要负责人',
    actor: last.actor,
    at: last.created_at,
    comment: last.comment,
    notes: detail.notes ?? [],
  };
}

/** The draft as the editor shows it: the model with the township's edits, and each paragraph's key. */
export async function draftModel(
  h: Db,
  p: Principal,
  townshipId: number,
  year: number,
  now: string,
  edits?: DraftEdits,
): Promise<{
  model: ReportModel;
  paragraphs: { key: string; where: string; text: string; parts: ParaPart[] }[];
}> {
  requireAction(p, 'cycle.read');
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  const saved = row && row.version > 0 ? await repo.getVersion(h.db, row.id, row.version) : undefined;
  const e = edits ?? parseEdits(saved?.edits);
  const model = await modelOf(h, org, year, now, e, row?.signed_on ?? undefined);
  return {
    model,
    paragraphs: keyedParas(model).map((k) => ({
      key: k.key,
      where: k.where,
      text: paraText(k.para),
      parts: paraParts(k.para),
    })),
  };
}

async function modelOf(
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

type Trx = Transaction<Database>;

/** The report row for a township and year, created on first use, locked for the transaction. */
async function lockedReport(h: Db, trx: Trx, org: Org, year: number, at: string) {
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

/** Keys whose text differs between two edit sets (causes, shortcomings, part 5 and paragraphs). */
function changedKeys(a: DraftEdits, b: DraftEdits): Set<string> {
  const out = new Set<string>();
  const keys = new Set([...Object.keys(a.paragraphs ?? {}), ...Object.keys(b.paragraphs ?? {})]);
  for (const k of keys) if (a.paragraphs?.[k] !== b.paragraphs?.[k]) out.add(k);
  const ck = new Set([...Object.keys(a.causes ?? {}), ...Object.keys(b.causes ?? {})]);
  for (const k of ck) if (a.causes?.[k] !== b.causes?.[k]) out.add(`cause:${k}`);
  if (JSON.stringify(a.shortcomings ?? []) !== JSON.stringify(b.shortcomings ?? [])) out.add('shortcomings');
  if (JSON.stringify(a.other ?? []) !== JSON.stringify(b.other ?? [])) out.add('other');
  return out;
}

/**
 * Saves the township's edits as a new version. `baseVersion` is the version the editor started
 * from: when someone saved since, edits to different paragraphs are merged, and a change to a
 * paragraph the other save also changed is refused with what changed (nothing is lost: the
 * editor still holds its text).
 */
export async function saveDraft(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: {
    townshipId: number;
    year: number;
    baseVersion: number;
    edits: unknown;
    note?: string;
    /** Restore this earlier version's edits instead (the history keeps every version). */
    restoreFrom?: number;
  },
  at: string,
): Promise<{ version: number; state: CycleState; merged: boolean }> {
  requireAction(p, 'report.draft');
  checkYear(input.year);
  const org = await visibleTownship(h, p, input.townshipId);
  let edits: DraftEdits;
  let note = input.note?.trim().slice(0, 200) || null;
  if (input.restoreFrom !== undefined) {
    const row = await repo.getReport(h.db, org.id, input.year);
    const v = row ? await repo.getVersion(h.db, row.id, input.restoreFrom) : undefined;
    if (!v) throw new UserError(`第 ${input.restoreFrom} 版不存在`, 'not_found', 404);
    edits = parseEdits(v.edits);
    note ??= `恢复第 ${input.restoreFrom} 版`;
  } else edits = checkEdits(input.edits);
  // The plain text of the draft as saved, for comparing versions (built before the transaction).
  const model = await modelOf(h, org, input.year, at, edits);
  return withAudit(h, actor, at, async (trx) => {
    const row = await lockedReport(h, trx, org, input.year, at);
    const state = stateOf(row.state);
    if (!EDITABLE_STATES.includes(state))
      throw new UserError(
        `报告当前为“${CYCLE_STATES[state]}”，不能修改草稿${state === 'awaiting_signature' ? '（领导退回后方可修改）' : ''}`,
        'not_editable',
        409,
      );
    let merged = false;
    let toSave = edits;
    if (input.baseVersion !== row.version) {
      const base = input.baseVersion > 0 ? await repo.getVersion(trx, row.id, input.baseVersion) : undefined;
      if (input.baseVersion > row.version || (input.baseVersion > 0 && !base))
        throw new UserError(`版本 ${input.baseVersion} 不存在`, 'bad_version', 409);
      const baseEdits = parseEdits(base?.edits);
      const current = await repo.getVersion(trx, row.id, row.version);
      const theirs = parseEdits(current?.edits);
      const mine = changedKeys(baseEdits, edits);
      const other = changedKeys(baseEdits, theirs);
      const both = [...mine].filter((k) => other.has(k));
      if (both.length > 0)
        throw new UserError(
          `保存失败：在你编辑期间，${current?.created_by ?? '他人'}已保存了第 ${row.version} 版，并修改了相同的内容（${both.join('、')}）。请刷新后在新版本上重新修改，你的文字仍保留在编辑框中。`,
          'edit_conflict',
          409,
        );
      merged = true;
      toSave = {
        ...theirs,
        ...Object.fromEntries(
          (['causes', 'shortcomings', 'other'] as const)
            .filter((k) => [...mine].some((c) => c === k || c.startsWith(`${k.slice(0, -1)}:`)))
            .map((k) => [k, edits[k]]),
        ),
        causes: { ...(theirs.causes ?? {}), ...pick(edits.causes, mine, 'cause:') },
        paragraphs: { ...(theirs.paragraphs ?? {}), ...pick(edits.paragraphs, mine, '') },
      };
    }
    const seq = row.version + 1;
    await repo.insertVersion(trx, {
      report_id: row.id,
      seq,
      kind: 'draft',
      edits: JSON.stringify(toSave),
      text: plainText(model),
      file_name: null,
      file: null,
      review: null,
      note,
      created_by: nameOf(p),
      created_at: at,
    });
    const next: CycleState =
      state === 'not_started' || state === 'returned' || state === 'published' ? 'drafting' : state;
    await repo.updateReport(trx, row.id, { version: seq, state: next, updated_at: at });
    if (next !== state)
      await repo.insertEvent(trx, event(row.id, 'save', state, next, 'done', note, null, p, at));
    return {
      result: { version: seq, state: next, merged },
      events: [
        {
          action: 'report.draft.save',
          targetType: 'annual_report',
          targetId: row.id,
          before: { version: row.version, state },
          after: { township: org.name, year: input.year, version: seq, state: next, merged },
        },
      ],
    };
  });
}

function pick(
  from: Readonly<Record<string, string>> | undefined,
  changed: ReadonlySet<string>,
  prefix: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(from ?? {})) if (changed.has(`${prefix}${k}`)) out[k] = v;
  return out;
}

function event(
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

/** A 保密审查 as recorded: who checked, the result, and the passages withheld from the published copy. */
export interface Clearance {
  readonly reviewer: string;
  readonly result: 'passed' | 'redacted';
  readonly redactions?: readonly string[];
}

export interface StepInput {
  readonly townshipId: number;
  readonly year: number;
  readonly step: string;
  readonly comment?: string;
  readonly clearance?: Clearance;
  /** 更正说明: required to publish again after a correction. */
  readonly correction?: string;
  /** A return's comments on single paragraphs, by paragraph key: shown beside them to the township. */
  readonly notes?: readonly ParagraphNote[];
}

/** A comment on one paragraph of the draft, keyed as the editor keys paragraphs. */
export interface ParagraphNote {
  readonly key: string;
  readonly text: string;
}

const NOTE_KEY = /^(intro|[1-9]\|[^|]{0,120}\|\d{1,3})$/;
const MAX_NOTES = 100;
const MAX_NOTE = 500;

/** A return's paragraph comments, trimmed, one per paragraph; only a return may carry them. */
function checkNotes(step: CycleStep, notes: readonly ParagraphNote[] | undefined): ParagraphNote[] {
  const list = (notes ?? []).filter((n) => typeof n?.text === 'string' && n.text.trim() !== '');
  if (list.length === 0) return [];
  if (step.id !== 'return' && step.id !== 'return_draft')
    throw new UserError('只有退回时可以对段落写批注', 'bad_notes');
  if (list.length > MAX_NOTES) throw new UserError(`逐段批注最多 ${MAX_NOTES} 条`, 'bad_notes');
  const byKey = new Map<string, string>();
  for (const n of list) {
    if (typeof n.key !== 'string' || !NOTE_KEY.test(n.key))
      throw new UserError(`批注所指的段落“${String(n.key).slice(0, 40)}”不存在`, 'bad_notes');
    const text = n.text.trim();
    if (text.length > MAX_NOTE) throw new UserError(`每条批注不超过 ${MAX_NOTE} 字`, 'bad_notes');
    byKey.set(n.key, byKey.has(n.key) ? `${byKey.get(n.key)!}\n${text}` : text);
  }
  return [...byKey].map(([key, text]) => ({ key, text }));
}

function checkClearance(c: Clearance | undefined, text: string): Clearance {
  if (!c) throw new UserError('保密审查须写明审查人和审查结论', 'clearance_required');
  const reviewer = typeof c.reviewer === 'string' ? c.reviewer.trim() : '';
  if (!reviewer || reviewer.length > 50)
    throw new UserError('保密审查须写明审查人姓名（50字以内）', 'clearance_required');
  if (c.result !== 'passed' && c.result !== 'redacted')
    throw new UserError('保密审查结论应为“通过”或“删除涉密内容后通过”', 'clearance_required');
  const redactions = (c.redactions ?? []).map((r) => String(r).trim()).filter(Boolean);
  if (redactions.some((r) => /[\r\n]/.test(r)))
    throw new UserError('删除的文字不能跨段落，请按段落分别填写', 'clearance_text');
  if (c.result === 'redacted' && redactions.length === 0)
    throw new UserError('“删除涉密内容后通过”须列出要从公开稿中删除的文字', 'clearance_required');
  const missing = redactions.filter((r) => !text.includes(r));
  if (missing.length > 0) throw new UserError(`报告中找不到要删除的文字：“${missing[0]}”`, 'clearance_text');
  return { reviewer, result: c.result, redactions };
}

/**
 * Takes a step of the workflow. A step out of order is refused with a Chinese message and the
 * refusal kept in the report's history; a step the role may not take is refused with 403.
 */
export async function takeStep(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: StepInput,
  at: string,
  tools: CycleTools,
): Promise<{ state: CycleState }> {
  requireAction(p, 'cycle.read');
  checkYear(input.year);
  const step = cycleStep(input.step);
  if (!step) throw new UserError(`没有“${input.step}”这一步骤`, 'bad_step');
  const org = await visibleTownship(h, p, input.townshipId);
  if (!permits(p, step.permission)) throw forbidden(`当前角色无权${step.label}`);
  const comment = input.comment?.trim() ? input.comment.trim().slice(0, MAX_COMMENT) : null;
  const notes = checkNotes(step, input.notes);
  const row0 = await repo.getReport(h.db, org.id, input.year);
  const state0 = stateOf(row0?.state);
  const refusal = refusalOf(step, state0, comment !== null || notes.length > 0, input);
  if (refusal) {
    await withAudit(h, actor, at, async (trx) => {
      const row = await lockedReport(h, trx, org, input.year, at);
      await repo.insertEvent(trx, event(row.id, step.id, row.state, null, 'refused', refusal, null, p, at));
      return {
        result: undefined,
        events: [
          {
            action: 'report.step.refused',
            targetType: 'annual_report',
            targetId: row.id,
            after: { township: org.name, year: input.year, step: step.id, state: row.state, reason: refusal },
          },
        ],
      };
    });
    throw new UserError(refusal, 'step_refused', 409);
  }
  if (notes.length > 0) await checkNoteKeys(h, org, input.year, row0, notes, at);
  // Heavy work before the transaction: the signed document, its review, the published copy.
  const prepared = await prepare(h, org, input, step, row0, at, tools);
  return withAudit(h, actor, at, async (trx) => {
    const row = await lockedReport(h, trx, org, input.year, at);
    const state = stateOf(row.state);
    if (state !== state0 || row.version !== (row0?.version ?? 0))
      throw new UserError('报告刚被他人改动，请刷新后再操作', 'changed', 409);
    const set: Parameters<typeof repo.updateReport>[2] = { state: step.to, updated_at: at };
    let detail: unknown = null;
    if (prepared.version) {
      const seq = row.version + 1;
      await repo.insertVersion(trx, {
        ...prepared.version,
        report_id: row.id,
        seq,
        created_by: nameOf(p),
        created_at: at,
      });
      set.version = seq;
      if (step.id === 'sign') {
        set.signed_seq = seq;
        set.signed_by = p.name ?? p.username;
        set.signed_on = todayOf(at);
      }
      if (step.id === 'publish') {
        set.published_seq = seq;
        set.published_at = at;
      }
    }
    if (step.id === 'submit') {
      set.submitted_at = at;
      if (prepared.review && row.signed_seq !== null)
        await repo.setReview(trx, row.id, row.signed_seq, prepared.review);
    }
    if (step.id === 'clear') detail = prepared.clearance;
    if (notes.length > 0) detail = { notes };
    await repo.updateReport(trx, row.id, set);
    await repo.insertEvent(trx, event(row.id, step.id, state, step.to, 'done', comment, detail, p, at));
    return {
      result: { state: step.to },
      events: [
        {
          action: `report.${step.id}`,
          targetType: 'annual_report',
          targetId: row.id,
          before: { state },
          after: {
            township: org.name,
            year: input.year,
            state: step.to,
            ...(comment ? { comment } : {}),
            ...(detail ? { clearance: detail } : {}),
          },
        },
      ],
    };
  });
}

function refusalOf(step: CycleStep, state: CycleState, commented: boolean, input: StepInput): string | null {
  if (!step.from.includes(state)) {
    const need = step.from.map((s) => `“${CYCLE_STATES[s]}”`).join('或');
    return `报告当前为“${CYCLE_STATES[state]}”，不能${step.label}（须为${need}）${state === 'drafting' || state === 'not_started' ? (step.id === 'submit' ? '：未经签发的报告不能报送' : '') : ''}`;
  }
  if (step.comment === 'required' && !commented) return `${step.label}须写明意见`;
  if (step.id === 'clear' && !input.clearance) return '保密审查须写明审查人和审查结论';
  return null;
}

/** Every note names a paragraph of the draft as it stands. */
async function checkNoteKeys(
  h: Db,
  org: Org,
  year: number,
  row: Awaited<ReturnType<typeof repo.getReport>>,
  notes: readonly ParagraphNote[],
  at: string,
): Promise<void> {
  const latest = row && row.version > 0 ? await repo.getVersion(h.db, row.id, row.version) : undefined;
  const keys = new Set(
    keyedParas(await modelOf(h, org, year, at, parseEdits(latest?.edits))).map((k) => k.key),
  );
  const stray = notes.find((n) => !keys.has(n.key));
  if (stray) throw new UserError(`批注所指的段落“${stray.key.slice(0, 40)}”不存在`, 'bad_notes');
}

interface Prepared {
  version?: {
    kind: string;
    edits: string;
    text: string | null;
    file_name: string | null;
    file: Uint8Array | null;
    review: string | null;
    note: string | null;
  };
  review?: string;
  clearance?: Clearance;
}

async function prepare(
  h: Db,
  org: Org,
  input: StepInput,
  step: CycleStep,
  row: Awaited<ReturnType<typeof repo.getReport>>,
  at: string,
  tools: CycleTools,
): Promise<Prepared> {
  if (!row) return {};
  const fileName = `${org.name}${input.year}年度法治政府建设情况报告.docx`;
  if (step.id === 'sign') {
    const latest = row.version > 0 ? await repo.getVersion(h.db, row.id, row.version) : undefined;
    const edits = parseEdits(latest?.edits);
    const model = await modelOf(h, org, input.year, at, edits, todayOf(at));
    return {
      version: {
        kind: 'signed',
        edits: JSON.stringify(edits),
        text: plainText(model),
        file_name: fileName,
        file: await tools.render(model, org),
        review: null,
        note: '签发稿',
      },
    };
  }
  if (step.id === 'submit' && row.signed_seq !== null) {
    const signed = await repo.getVersion(h.db, row.id, row.signed_seq);
    if (signed?.file)
      return {
        review: JSON.stringify(await arrivalReview(h, org, input.year, fileName, signed.file, tools)),
      };
    return {};
  }
  if (step.id === 'clear') {
    const base = await publishBase(h, row);
    return { clearance: checkClearance(input.clearance, base?.text ?? '') };
  }
  if (step.id === 'publish') {
    const base = await publishBase(h, row);
    if (!base) throw new UserError('没有可公开的签发稿', 'nothing_signed', 409);
    const events = await repo.eventsOf(h.db, row.id);
    const clearance = [...events].reverse().find((e) => e.step === 'clear' && e.outcome === 'done');
    const c = clearance?.detail ? (JSON.parse(clearance.detail) as Clearance) : null;
    if (!c) throw new UserError('未经保密审查的报告不能公开', 'not_cleared', 409);
    const correction = input.correction?.trim();
    if (row.published_seq !== null && !correction)
      throw new UserError('报告已公开过，再次公开须写明更正说明', 'correction_required');
    const redactions = c.redactions ?? [];
    // The signed original is never changed: the published copy is redacted, text and file alike.
    const file =
      base.file && base.file_name && redactions.length > 0
        ? await tools.redact(base.file_name, base.file, redactions)
        : base.file;
    return {
      version: {
        kind: 'published',
        edits: base.edits,
        text: redactText(base.text ?? '', redactions),
        file_name: base.file_name,
        file,
        review: null,
        note: correction ? `更正说明：${correction.slice(0, 500)}` : null,
      },
    };
  }
  return {};
}

/** The version a publication is made from: the signed original, or the county's upload. */
async function publishBase(h: Db, row: NonNullable<Awaited<ReturnType<typeof repo.getReport>>>) {
  const versions = await repo.versionsOf(h.db, row.id);
  const base = [...versions].reverse().find((v) => v.kind === 'signed' || v.kind === 'upload');
  return base ? repo.getVersion(h.db, row.id, base.seq) : undefined;
}

/** Reviews a report on arrival and cross-checks its figures with the township's ledger. */
async function arrivalReview(
  h: Db,
  org: Org,
  year: number,
  fileName: string,
  bytes: Uint8Array,
  tools: CycleTools,
): Promise<ArrivalReview> {
  const outcome = await tools.review(fileName, bytes, year);
  if (isError(outcome)) return { file: fileName, findings: [], error: outcome.error, cross: [], figures: 0 };
  const ledger = await computeIndicators(h, org, yearPeriod(year));
  const r: ReviewResult = outcome;
  const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  return {
    file: fileName,
    findings: [...r.findings]
      .sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3))
      .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, text: f.text })),
    cross: crossCheck(r, ledger),
    figures: r.figures.filter((f) => f.key !== 'other').length,
  };
}

/** The most a county office may upload on a township's behalf. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * A report the township wrote outside fazhi, uploaded by the county office on its behalf: stored
 * as the township's submitted version and reviewed the same way.
 */
export async function uploadReport(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { townshipId: number; year: number; fileName: string; bytes: Uint8Array },
  at: string,
  tools: CycleTools,
): Promise<{ state: CycleState; review: ArrivalReview }> {
  requireAction(p, 'report.check');
  checkYear(input.year);
  const org = await visibleTownship(h, p, input.townshipId);
  if (input.bytes.length === 0) throw new UserError('上传的文件是空的', 'empty_file');
  if (input.bytes.length > MAX_UPLOAD_BYTES)
    throw new UserError(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB 的上限`, 'too_large', 413);
  if (!/\.(docx|txt)$/i.test(input.fileName))
    throw new UserError('代为上传的报告须为 .docx 或 .txt 文件', 'unsupported_type', 415);
  const review = await arrivalReview(h, org, input.year, input.fileName, input.bytes, tools);
  if (review.error) throw new UserError(`无法读取该报告：${review.error}`, 'unreadable', 422);
  return withAudit(h, actor, at, async (trx) => {
    const row = await lockedReport(h, trx, org, input.year, at);
    const state = stateOf(row.state);
    if (!['not_started', 'drafting', 'returned'].includes(state))
      throw new UserError(`报告当前为“${CYCLE_STATES[state]}”，不能代为上传`, 'not_uploadable', 409);
    const seq = row.version + 1;
    await repo.insertVersion(trx, {
      report_id: row.id,
      seq,
      kind: 'upload',
      edits: '{}',
      text: null,
      file_name: input.fileName,
      file: input.bytes,
      review: JSON.stringify(review),
      note: '县依法治县办代为上传',
      created_by: nameOf(p),
      created_at: at,
    });
    await repo.updateReport(trx, row.id, {
      version: seq,
      state: 'submitted',
      submitted_at: at,
      updated_at: at,
    });
    await repo.insertEvent(
      trx,
      event(row.id, 'upload', state, 'submitted', 'done', null, { fileName: input.fileName }, p, at),
    );
    return {
      result: { state: 'submitted' as const, review },
      events: [
        {
          action: 'report.upload',
          targetType: 'annual_report',
          targetId: row.id,
          before: { state },
          after: {
            township: org.name,
            year: input.year,
            fileName: input.fileName,
            bytes: input.bytes.length,
          },
        },
      ],
    };
  });
}

/** A stored file of a report version (signed, uploaded or published), for those who may see it. */
export async function versionFile(
  h: Db,
  p: Principal,
  townshipId: number,
  year: number,
  seq: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  requireAction(p, 'cycle.read');
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  const v = row ? await repo.getVersion(h.db, row.id, seq) : undefined;
  if (!v?.file || !v.file_name) throw new UserError(`第 ${seq} 版没有文件`, 'not_found', 404);
  return { fileName: v.file_name, bytes: v.file };
}

/** Published reports for the public page (no login): county, township, year, date. */
export async function publicReports(h: Db) {
  const rows = await repo.publishedReports(h.db);
  const counties = new Map<number, string>();
  for (const r of rows)
    if (!counties.has(r.county_id)) counties.set(r.county_id, (await requireOrg(h, r.county_id)).name);
  return rows.map((r) => ({
    county: counties.get(r.county_id) ?? '',
    township: r.name,
    code: r.code,
    year: r.year,
    publishedAt: r.published_at,
  }));
}

const publicFileType = (name: string): 'docx' | 'txt' => (/\.txt$/i.test(name) ? 'txt' : 'docx');

/** A township's published report of a year, or a 404 in Chinese. */
async function publishedRow(h: Db, townshipCode: string, year: number) {
  const row = (await repo.publishedReports(h.db)).find((r) => r.code === townshipCode && r.year === year);
  if (!row || row.published_seq === null) throw new UserError('该报告尚未公开', 'not_found', 404);
  return { ...row, published_seq: row.published_seq };
}

/** One published report as the public reads it: its text (redactions applied) and corrections. */
export async function publicReport(h: Db, townshipCode: string, year: number) {
  const row = await publishedRow(h, townshipCode, year);
  const v = await repo.getVersion(h.db, row.id, row.published_seq);
  const versions = await repo.versionsOf(h.db, row.id);
  return {
    township: row.name,
    code: row.code,
    county: (await requireOrg(h, row.county_id)).name,
    year,
    publishedAt: row.published_at,
    text: v?.text ?? '',
    hasFile: Boolean(v?.file),
    /** The published file's type as its link names it: docx or txt. */
    fileType: v?.file && v.file_name ? publicFileType(v.file_name) : null,
    corrections: versions
      .filter((x) => x.kind === 'published' && x.note)
      .map((x) => ({ at: x.created_at, note: x.note })),
  };
}

/** The published file: the signed .docx, or its redacted copy when the 保密审查 withheld passages. */
export async function publicReportFile(h: Db, townshipCode: string, year: number) {
  const row = await publishedRow(h, townshipCode, year);
  const v = await repo.getVersion(h.db, row.id, row.published_seq);
  if (!v?.file || !v.file_name) throw new UserError('该报告没有可下载的公开文件', 'not_found', 404);
  return { fileName: v.file_name, bytes: v.file };
}

/** Days from the township's submission to the deadline, for the CLI's line. */
export const daysText = (daysLeft: number): string =>
  daysLeft >= 0 ? `距公开截止还有 ${daysLeft} 天` : `已超过公开截止 ${-daysLeft} 天`;

/** Each township's report as submitted: the signed original or the county's upload, if any. */
async function submittedFiles(h: Db, county: Org, year: number) {
  const out = new Map<number, { name: string; bytes: Uint8Array }>();
  for (const r of await repo.reportsOfCounty(h.db, county.id, year)) {
    if (!['submitted', 'returned', 'accepted', 'cleared', 'published'].includes(r.state)) continue;
    const versions = await repo.versionsOf(h.db, r.id);
    const base = [...versions].reverse().find((v) => v.kind === 'signed' || v.kind === 'upload');
    const v = base ? await repo.getVersion(h.db, r.id, base.seq) : undefined;
    // Names are made unique per township: uploads keep whatever name they came with.
    if (v?.file && v.file_name)
      out.set(r.township_id, { name: `${r.township_id}-${v.file_name}`, bytes: v.file });
  }
  return out;
}

/**
 * The county's two documents on a year's reports, made from the submitted reports reviewed
 * together (so copied passages are found) and each cross-checked with its township's ledger: the
 * 通报 draft (.docx) and the comparison workbook (.xlsx).
 */
export async function countyPack(
  h: Db,
  p: Principal,
  input: { year: number; now: string; county?: Org; submitBy?: string },
  tools: CycleTools,
): Promise<{ county: Org; bulletin: Uint8Array; comparison: Uint8Array }> {
  requireAction(p, 'report.check');
  checkYear(input.year);
  if (input.submitBy !== undefined && !isIsoDate(input.submitBy))
    throw new UserError(`报送截止日期“${input.submitBy}”不是有效日期，应为 YYYY-MM-DD`, 'bad_date');
  const submitBy = input.submitBy ?? `${input.year + 1}-02-28`;
  const county = input.county ?? (await ownCounty(h, p));
  if (!inScope(p, county.path)) throw forbidden('无权查看该县的报告');
  const rows = await cycleStatus(h, p, input.year, input.now, county);
  const files = await submittedFiles(h, county, input.year);
  const ids = [...files.keys()];
  const outcomes = ids.length
    ? await tools.reviewBatch(
        ids.map((id) => files.get(id)!),
        input.year,
      )
    : [];
  const reviews = new Map<number, ReviewResult>();
  ids.forEach((id, i) => {
    const o = outcomes[i];
    if (o && !isError(o)) reviews.set(id, o);
  });
  const names = new Map(rows.map((r) => [r.townshipId, r.township]));
  const townships = await Promise.all(
    rows.map(async (r) => {
      const review = reviews.get(r.townshipId);
      const ledger = await computeIndicators(h, await requireOrg(h, r.townshipId), yearPeriod(input.year));
      const base = {
        name: r.township,
        state: r.stateLabel,
        submittedAt: r.submittedAt,
        publishedAt: r.publishedAt,
      };
      return { base, review, ledger };
    }),
  );
  const bulletin = await bulletinDocx({
    county: county.name,
    year: input.year,
    submitBy,
    now: input.now,
    townships: townships.map(({ base, review, ledger }) => ({
      ...base,
      findings: review ? review.findings.filter((f) => f.severity !== 'info') : [],
      crossFindings: review ? crossCheck(review, ledger) : [],
    })),
    similarities: copiedPairs(
      ids
        .filter((id) => reviews.has(id))
        .map((id) => ({ township: names.get(id) ?? '', review: reviews.get(id)! })),
    ),
  });
  const comparison = await comparisonWorkbook({
    county: county.name,
    year: input.year,
    submitBy,
    now: input.now,
    townships: townships.map(({ base, review, ledger }) => ({
      ...base,
      figures: review ? statedFigures(review) : [],
      ledger,
    })),
  });
  return { county, bulletin, comparison: new Uint8Array(comparison) };
}

/** One paragraph that differs between two texts of a report. */
export interface ParagraphChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before: string | null;
  readonly after: string | null;
}

/** Paragraph-level differences between two texts (a removed paragraph followed by an added one is a change). */
export function paragraphChanges(before: string, after: string): ParagraphChange[] {
  const lines = (t: string) => t.split('\n').filter((l) => l.trim());
  const parts = diffArrays(lines(before), lines(after));
  const out: ParagraphChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.added && !p.removed) continue;
    const q = parts[i + 1];
    if (p.removed && q?.added) {
      const n = Math.max(p.value.length, q.value.length);
      for (let k = 0; k < n; k++) {
        const b = p.value[k] ?? null;
        const a = q.value[k] ?? null;
        out.push({ kind: b === null ? 'added' : a === null ? 'removed' : 'changed', before: b, after: a });
      }
      i++;
      continue;
    }
    for (const v of p.value)
      out.push(
        p.added ? { kind: 'added', before: null, after: v } : { kind: 'removed', before: v, after: null },
      );
  }
  return out;
}

/** The text of a version as it was saved or signed. */
async function versionText(h: Db, reportId: number, seq: number): Promise<string> {
  const v = await repo.getVersion(h.db, reportId, seq);
  if (!v) throw new UserError(`第 ${seq} 版不存在`, 'not_found', 404);
  return v.text ?? '';
}

/** What differs between two versions of a township's report, paragraph by paragraph. */
export async function compareVersions(
  h: Db,
  p: Principal,
  townshipId: number,
  year: number,
  from: number,
  to: number,
): Promise<ParagraphChange[]> {
  requireAction(p, 'cycle.read');
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  if (!row) throw new UserError('该年度报告尚无版本', 'not_found', 404);
  return paragraphChanges(await versionText(h, row.id, from), await versionText(h, row.id, to));
}

/**
 * What the ledger changed in the draft since it was last saved: the saved version's text beside
 * the draft generated now with the same edits (figures and examples follow the ledger).
 */
export async function ledgerChanges(
  h: Db,
  p: Principal,
  townshipId: number,
  year: number,
  now: string,
): Promise<{ since: number; changes: ParagraphChange[] }> {
  requireAction(p, 'cycle.read');
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  if (!row || row.version === 0) return { since: 0, changes: [] };
  const saved = await repo.getVersion(h.db, row.id, row.version);
  if (!saved?.text || saved.kind !== 'draft') return { since: row.version, changes: [] };
  const model = await modelOf(h, org, year, now, parseEdits(saved.edits));
  return { since: row.version, changes: paragraphChanges(saved.text, plainText(model)) };
}

/**
 * The reviewer's findings on the draft as it stands, before 签发: the draft rendered as it would
 * be signed, reviewed and cross-checked with the ledger, as the county will on arrival.
 */
export async function reviewDraft(
  h: Db,
  p: Principal,
  townshipId: number,
  year: number,
  now: string,
  tools: CycleTools,
): Promise<ArrivalReview> {
  requireAction(p, 'cycle.read');
  const org = await visibleTownship(h, p, townshipId);
  const row = await repo.getReport(h.db, org.id, year);
  const saved = row && row.version > 0 ? await repo.getVersion(h.db, row.id, row.version) : undefined;
  const model = await modelOf(h, org, year, now, parseEdits(saved?.edits), todayOf(now));
  const fileName = `${org.name}${year}年度法治政府建设情况报告.docx`;
  return arrivalReview(h, org, year, fileName, await tools.render(model, org), tools);
}
