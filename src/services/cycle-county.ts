/** The county office's side of the cycle: reports uploaded on a township's behalf, the 通报 and the comparison workbook. */
import { findIndicator } from '../catalogue/indicators.ts';
import { CYCLE_STATES, type CycleState } from '../catalogue/report-cycle.ts';
import { isIsoDate, yearPeriod } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import { bulletinDocx, copiedPairs } from '../cycle/bulletin.ts';
import { comparisonWorkbook } from '../cycle/comparison.ts';
import { crossCheck, statedFigures } from '../cycle/crosscheck.ts';
import { MAX_PARTS, sumOf, type HeadlineChoice, type PickFigure } from '../cycle/headlines.ts';
import type { ReviewResult } from '../review/index.ts';
import { isError } from '../review/index.ts';
import { forbidden, inScope, requireAction, type Principal } from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { computeIndicators } from './indicators.ts';
import { requireOrg, type Org } from './orgs.ts';
import { checkYear } from './report.ts';
import {
  type ArrivalReview,
  type CycleTools,
  event,
  headlineChoices,
  lockedReport,
  nameOf,
  reviewedVersion,
  stateOf,
  visibleTownship,
} from './cycle-shared.ts';
import { reviewOnArrival } from './cycle-steps.ts';
import { cycleStatus, ownCounty } from './cycle.ts';

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
  // The text as read is kept with the upload: the public copy and any redaction are made from it.
  const { review, text } = await reviewOnArrival(h, org, input.year, input.fileName, input.bytes, tools);
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
      text,
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

/** Days from the township's submission to the deadline, for the CLI's line. */
export const daysText = (daysLeft: number): string =>
  daysLeft >= 0 ? `距公开截止还有 ${daysLeft} 天` : `已超过公开截止 ${-daysLeft} 天`;

/**
 * Each township's report as submitted (the signed original or the county's upload, if any), with
 * the county office's headline choices for it.
 */
async function submittedFiles(h: Db, county: Org, year: number) {
  const out = new Map<number, { name: string; bytes: Uint8Array; choices: HeadlineChoice[] }>();
  for (const r of await repo.reportsOfCounty(h.db, county.id, year)) {
    if (!['submitted', 'returned', 'accepted', 'cleared', 'published'].includes(r.state)) continue;
    const v = await reviewedVersion(h.db, r.id);
    // Names are made unique per township: uploads keep whatever name they came with.
    if (v?.file && v.file_name)
      out.set(r.township_id, {
        name: `${r.township_id}-${v.file_name}`,
        bytes: v.file,
        choices: await headlineChoices(h.db, r.id, v.seq),
      });
  }
  return out;
}

/** The longest reason a county officer may give for changing a headline figure. */
const MAX_REASON = 200;

/**
 * The county office confirms the headline figure the rules chose for an indicator of a township's
 * reviewed report, chooses another figure the report states under it, or adds up several of them
 * (separate activities with no total stated); the comparison workbook then shows that figure,
 * naming who chose it and when. `starts` names the figures by their offsets: one, or several to add.
 */
export async function chooseHeadline(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: { townshipId: number; year: number; key: string; starts: readonly number[] },
  at: string,
): Promise<HeadlineChoice> {
  requireAction(p, 'report.check');
  checkYear(input.year);
  if (input.starts.length === 0) throw new UserError('请选择要取用的数值', 'no_figure');
  if (new Set(input.starts).size !== input.starts.length)
    throw new UserError('同一处数值不能重复相加', 'duplicate_figure');
  if (input.starts.length > MAX_PARTS)
    throw new UserError(`相加的数值不能超过 ${MAX_PARTS} 处`, 'too_many_figures');
  const org = await visibleTownship(h, p, input.townshipId);
  return withAudit(h, actor, at, async (trx) => {
    const row = await repo.getReport(trx, org.id, input.year);
    if (row) await repo.lockReport(trx, row.id, h.dialect.rowLocks);
    const version = row && (await reviewedVersion(trx, row.id));
    if (!row || !version)
      throw new UserError(
        `${org.name}${input.year}年度的报告尚未报送，没有可确认的取数`,
        'not_submitted',
        409,
      );
    const review = version.review ? (JSON.parse(version.review) as ArrivalReview) : null;
    if (!review?.headlines)
      throw new UserError('该报告的审阅结果中没有逐项取数，请重新报送后再确认', 'no_headlines', 409);
    const pick = review.headlines.find((x) => x.key === input.key);
    if (!pick) throw new UserError(`报告中没有指标“${input.key}”的数值`, 'unknown_key', 404);
    const stated = [pick.figure, ...pick.alternatives.map((a) => a.figure)];
    const figures = [...input.starts]
      .sort((a, b) => a - b)
      .map((start) => {
        const f = stated.find((x) => x.start === start);
        if (!f)
          throw new UserError(`报告中“${pick.label}”没有位于第 ${start} 字的数值`, 'unknown_figure', 404);
        return f;
      });
    const [first] = figures as [PickFigure, ...PickFigure[]];
    let sum: { value: number; text: string } | null = null;
    if (figures.length > 1) {
      const s = sumOf(figures, findIndicator(pick.key)?.unit ?? first.unit);
      if ('refused' in s) throw new UserError(s.refused, 'not_addable');
      sum = s;
    }
    const before = (await headlineChoices(trx, row.id, version.seq)).find((c) => c.key === input.key);
    const choice: HeadlineChoice = {
      key: pick.key,
      start: first.start,
      ...(sum ? { parts: figures.map((f) => f.start) } : {}),
      value: sum?.value ?? first.value,
      text: sum?.text ?? first.text,
      kept: !sum && first.start === pick.figure.start,
      by: nameOf(p),
      at,
    };
    await repo.putHeadline(trx, {
      report_id: row.id,
      seq: version.seq,
      key: choice.key,
      start: choice.start,
      value: choice.value,
      text: choice.text,
      kept: choice.kept ? 1 : 0,
      parts: choice.parts ? JSON.stringify(choice.parts) : null,
      chosen_by: choice.by,
      chosen_at: at,
    });
    return {
      result: choice,
      events: [
        {
          action: 'report.headline',
          targetType: 'annual_report',
          targetId: row.id,
          before: before
            ? { figure: before.text, kept: before.kept }
            : { figure: pick.figure.text, rule: true },
          after: {
            township: org.name,
            year: input.year,
            indicator: pick.label,
            figure: choice.text,
            kept: choice.kept,
            ...(choice.parts ? { parts: choice.parts.length } : {}),
            sentence: [...new Set(figures.map((f) => f.sentence))].join(' ').slice(0, MAX_REASON),
          },
        },
      ],
    };
  });
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
        id: r.townshipId,
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
      choices: files.get(base.id)?.choices ?? [],
    })),
  });
  return { county, bulletin, comparison: new Uint8Array(comparison) };
}
