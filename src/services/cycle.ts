/**
 * The annual reporting cycle (年度报告报送流程): a township's draft is saved in versions, signed
 * (签发) by its principal leader, submitted to the county office, reviewed on arrival (the reviewer
 * and a cross-check of every stated figure against the township's own ledger), returned or
 * accepted, cleared by a named 保密审查 and published for the public. Every step follows the
 * declared workflow (src/catalogue/report-cycle.ts); each write authorises and audits itself in
 * its own transaction, and a step out of order is refused in Chinese and kept in the history.
 */
import {
  CYCLE_STATES,
  CYCLE_STEPS,
  EDITABLE_STATES,
  cycleStep,
  publicationDeadline,
  type CycleState,
  type CycleStep,
} from '../catalogue/report-cycle.ts';
import { daysBetween, todayOf } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import { keyedParas, paraParts, type ParaPart } from '../report/model/edits.ts';
import type { ReportModel } from '../report/model/types.ts';
import { paraText, plainText } from '../report/render/text.ts';
import { inScope, permits, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { countyOf, requireOrg, townshipsOf, type Org } from './orgs.ts';
import { checkYear } from './report.ts';
import {
  headlineChoices,
  reviewedVersion,
  type ArrivalReview,
  type DraftEdits,
  checkEdits,
  event,
  lockedReport,
  modelOf,
  nameOf,
  parseEdits,
  stateOf,
  visibleTownship,
} from './cycle-shared.ts';
import { type ParagraphNote } from './cycle-steps.ts';

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
export async function ownCounty(h: Db, p: Principal): Promise<Org> {
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
  const base = row ? await reviewedVersion(h.db, row.id, versions) : undefined;
  const review = base?.review ?? null;
  const choices = row && base ? await headlineChoices(h.db, row.id, base.seq) : [];
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
    /** The county office's confirmed or changed headline figures of the reviewed version. */
    headlineChoices: choices,
    /** Whether this user may confirm or change them. */
    choosesHeadlines: base !== undefined && permits(p, 'report.check'),
    /** A report written outside fazhi and uploaded on the township's behalf: its file and its text as read. */
    uploaded:
      base?.kind === 'upload'
        ? { fileName: base.file_name ?? '', text: base.text ?? '', seq: base.seq }
        : null,
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
