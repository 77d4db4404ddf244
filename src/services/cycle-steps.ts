/**
 * The steps of the reporting cycle (提请签发, 签发, 报送, 退回, 审核通过, 保密审查, 公开发布): each
 * checked against the declared workflow, refused in Chinese and kept in the history when out of
 * order, prepared (rendered, reviewed, redacted) before its transaction and audited in it.
 */
import { CYCLE_STATES, cycleStep, type CycleState, type CycleStep } from '../catalogue/report-cycle.ts';
import { todayOf, yearPeriod } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import { crossCheck, statedFigures } from '../cycle/crosscheck.ts';
import { headlinePicks } from '../cycle/headlines.ts';
import { redactText } from '../cycle/redact.ts';
import { keyedParas } from '../report/model/edits.ts';
import { plainText } from '../report/render/text.ts';
import type { ReviewResult } from '../review/index.ts';
import { isError } from '../review/index.ts';
import { forbidden, permits, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { computeIndicators } from './indicators.ts';
import { type Org } from './orgs.ts';
import { checkYear } from './report.ts';
import {
  type ArrivalReview,
  type CycleTools,
  MAX_COMMENT,
  event,
  lockedReport,
  modelOf,
  nameOf,
  parseEdits,
  stateOf,
  visibleTownship,
} from './cycle-shared.ts';

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

export function checkClearance(c: Clearance | undefined, text: string): Clearance {
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
        review: JSON.stringify(
          (await reviewOnArrival(h, org, input.year, fileName, signed.file, tools)).review,
        ),
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
export async function publishBase(h: Db, row: NonNullable<Awaited<ReturnType<typeof repo.getReport>>>) {
  const versions = await repo.versionsOf(h.db, row.id);
  const base = [...versions].reverse().find((v) => v.kind === 'signed' || v.kind === 'upload');
  return base ? repo.getVersion(h.db, row.id, base.seq) : undefined;
}

/**
 * Reviews a report on arrival and cross-checks its figures with the township's ledger; with the
 * report's text as the reviewer read it (null when it could not be read).
 */
export async function reviewOnArrival(
  h: Db,
  org: Org,
  year: number,
  fileName: string,
  bytes: Uint8Array,
  tools: CycleTools,
): Promise<{ review: ArrivalReview; text: string | null }> {
  const outcome = await tools.review(fileName, bytes, year);
  if (isError(outcome))
    return {
      review: { file: fileName, findings: [], error: outcome.error, cross: [], figures: 0 },
      text: null,
    };
  const ledger = await computeIndicators(h, org, yearPeriod(year));
  const r: ReviewResult = outcome;
  const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  const review = {
    file: fileName,
    findings: [...r.findings]
      .sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3))
      .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, text: f.text })),
    cross: crossCheck(r, ledger),
    figures: r.figures.filter((f) => f.key !== 'other').length,
    headlines: headlinePicks(statedFigures(r)),
  };
  return { review, text: r.text };
}
