/**
 * The question bank through .xlsx: the template, the export (every current question an
 * organisation draws from, the starter bank included) and the import into an organisation's own
 * bank, all or nothing: a row's known 题号 with changed content is a correction (a new version).
 */
import { createHash } from 'node:crypto';
import { UserError } from '../../core/errors.ts';
import { sameContent } from '../../core/questions.ts';
import type { Db } from '../../db/connect.ts';
import { draftOfRow, rowOfDraft } from '../../db/question-seed.ts';
import * as repo from '../../db/questions.repo.ts';
import type { Principal } from '../access.ts';
import { auditRead, withAudit, type AuditActor } from '../audit.ts';
import { sortIssues, type ImportIssue } from '../ledger-io/report.ts';
import type { OutCell } from '../ledger-io/write.ts';
import { requireOrg, type Org } from '../orgs.ts';
import {
  EXAMPLES,
  parseQuestionSheets,
  rowOf,
  writeQuestionBook,
  type ParsedQuestion,
} from './question-xlsx.ts';
import { STARTER_LABEL, bankOrg, nextCodes } from './questions.ts';
import { readXlsxUpload, type XlsxUpload } from './xlsx-upload.ts';

/** Writes the 题库 workbook (here, or on the server's job pool). */
export type WriteBook = (rows: readonly (readonly OutCell[])[]) => Promise<Uint8Array>;
const writeHere: WriteBook = (rows) => writeQuestionBook(rows);

/** The import template: the 题库 sheet with two example rows and the 填写说明 sheet. */
export function questionTemplate(write: WriteBook = writeHere): Promise<Uint8Array> {
  return write(EXAMPLES.map(rowOf));
}

/**
 * Every current question an organisation draws from (the starter bank, its superiors' and its
 * own), or the starter bank alone for the console without one; the export is audited.
 */
export async function exportQuestions(
  h: Db,
  p: Principal,
  actor: AuditActor,
  orgId: number | undefined,
  at: string,
  write: WriteBook = writeHere,
): Promise<{ bytes: Uint8Array; fileName: string; count: number }> {
  const org = await bankOrg(h, p, orgId);
  const owners = org ? repo.visibleOwners(org.path) : [repo.STARTER_OWNER];
  const rows = await repo.allCurrent(h.db, owners);
  const names = new Map<number, string>([[repo.STARTER_OWNER, STARTER_LABEL]]);
  for (const o of owners) if (o !== repo.STARTER_OWNER) names.set(o, (await requireOrg(h, o)).name);
  const bytes = await write(
    rows.map((r) =>
      rowOf({ code: r.code, draft: draftOfRow(r), version: r.version, source: names.get(r.owner) ?? '' }),
    ),
  );
  await auditRead(h, actor, at, {
    action: 'question.export',
    targetType: 'org',
    targetId: org?.id ?? null,
    after: { bank: org?.name ?? STARTER_LABEL, questions: rows.length },
  });
  return { bytes, fileName: `${org?.name ?? STARTER_LABEL}题库.xlsx`, count: rows.length };
}

export interface QuestionImportInput extends XlsxUpload {
  readonly orgId?: number;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly dryRun?: boolean;
}

export interface QuestionImportReport {
  readonly fileName: string;
  readonly dryRun: boolean;
  /** Question rows in the file. */
  readonly rows: number;
  /** New questions (or, on a dry run or with errors, that would be). */
  readonly created: number;
  /** Questions of the bank saved as a new version. */
  readonly corrected: number;
  /** Rows the same as the bank's current version: nothing written. */
  readonly unchanged: number;
  /** Rows of the starter bank or a superior's bank, unchanged, left out. */
  readonly skipped: number;
  readonly errors: readonly ImportIssue[];
}

type Plan =
  | { readonly kind: 'new'; readonly q: ParsedQuestion }
  | { readonly kind: 'correct'; readonly q: ParsedQuestion; readonly base: repo.QuestionRow }
  | { readonly kind: 'same' | 'skip'; readonly q: ParsedQuestion };

/** What each row does against the banks: new, a correction, unchanged, or refused (another bank's 题号). */
async function planRows(h: Db, org: Org, rows: readonly ParsedQuestion[]) {
  const codes = rows.flatMap((r) => (r.code ? [r.code] : []));
  const own = new Map((await repo.latestVersions(h.db, org.id, codes)).map((r) => [r.code, r]));
  const others = repo.visibleOwners(org.path).filter((o) => o !== org.id);
  const shared = new Map((await repo.allCurrent(h.db, others)).map((r) => [r.code, r]));
  const issues: ImportIssue[] = [];
  const plans: Plan[] = [];
  for (const q of rows) {
    const mine = q.code ? own.get(q.code) : undefined;
    const theirs = q.code ? shared.get(q.code) : undefined;
    if (mine) {
      const same = mine.current === 1 && sameContent(q.draft, draftOfRow(mine));
      plans.push(same ? { kind: 'same', q } : { kind: 'correct', q, base: mine });
    } else if (theirs) {
      if (sameContent(q.draft, draftOfRow(theirs))) plans.push({ kind: 'skip', q });
      else {
        const bank =
          theirs.owner === repo.STARTER_OWNER
            ? STARTER_LABEL
            : `“${(await requireOrg(h, theirs.owner)).name}”的题库`;
        issues.push({
          sheet: q.sheet,
          row: q.row,
          column: '题号',
          message: `题号“${q.code}”属于${bank}，不能在本单位修改；如需改动，请清空题号作为本单位的新题导入`,
        });
      }
    } else plans.push({ kind: 'new', q });
  }
  return { plans, issues };
}

/** Imports questions into an organisation's own bank from an .xlsx, all or nothing. */
export async function importQuestions(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: QuestionImportInput,
  at: string,
): Promise<QuestionImportReport> {
  const org = await bankOrg(h, p, input.orgId);
  if (!org) throw new UserError('导入题库须指定单位：入门题库随系统发布，不能导入', 'org_required');
  const sheets = await readXlsxUpload(input, '题库导入模板');
  const parsed = parseQuestionSheets(sheets);
  const rowCount =
    parsed.rows.length +
    new Set(parsed.issues.flatMap((i) => (i.row === null ? [] : [`${i.sheet}:${i.row}`]))).size;
  if (rowCount === 0 && parsed.issues.length === 0)
    throw new UserError(`文件“${input.fileName}”中没有题目`, 'empty_file');
  const { plans, issues } = await planRows(h, org, parsed.rows);
  const errors = sortIssues(
    [...parsed.issues, ...issues],
    sheets.map((s) => s.name),
  );
  const count = (k: Plan['kind']) => (errors.length > 0 ? 0 : plans.filter((x) => x.kind === k).length);
  const dryRun = input.dryRun === true;
  const report = {
    fileName: input.fileName,
    dryRun,
    rows: rowCount,
    created: count('new'),
    corrected: count('correct'),
    unchanged: count('same'),
    skipped: count('skip'),
    errors,
  };
  if (errors.length > 0 || dryRun) return report;
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await withAudit(h, actor, at, async (trx) => {
    const fresh = plans.filter((x) => x.kind === 'new');
    const given = plans.flatMap((x) => (x.q.code ? [x.q.code] : []));
    const generated = await nextCodes(trx, org, fresh.filter((x) => !x.q.code).length, given);
    const version = { owner: org.id, createdBy: p.id, at };
    const rows = plans.flatMap((x) => {
      if (x.kind === 'new')
        return [rowOfDraft(x.q.draft, { ...version, code: x.q.code ?? generated.shift()!, version: 1 })];
      if (x.kind === 'correct')
        return [rowOfDraft(x.q.draft, { ...version, code: x.base.code, version: x.base.version + 1 })];
      return [];
    });
    await repo.markSuperseded(
      trx,
      plans.flatMap((x) => (x.kind === 'correct' && x.base.current === 1 ? [x.base.id] : [])),
    );
    await repo.insertMany(trx, rows);
    const { fileName, rows: n, created, corrected, unchanged, skipped } = report;
    const counts = { fileName, rows: n, created, corrected, unchanged, skipped };
    return {
      result: undefined,
      events: [
        { action: 'question.import', targetType: 'org', targetId: org.id, after: { ...counts, sha256 } },
      ],
    };
  });
  return report;
}
