/** A report's versions compared, the ledger's changes to the draft, and the review before 签发. */
import { diffArrays } from 'diff';
import { todayOf } from '../core/dates.ts';
import { UserError } from '../core/errors.ts';
import * as repo from '../db/cycle.repo.ts';
import type { Db } from '../db/connect.ts';
import { plainText } from '../report/render/text.ts';
import { requireAction, type Principal } from './access.ts';
import { type ArrivalReview, type CycleTools, modelOf, parseEdits, visibleTownship } from './cycle-shared.ts';
import { reviewOnArrival } from './cycle-steps.ts';

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
  return (await reviewOnArrival(h, org, year, fileName, await tools.render(model, org), tools)).review;
}
