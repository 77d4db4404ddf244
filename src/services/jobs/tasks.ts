import type { ReviewOutcome } from '../../review/index.ts';
import type { ReportModel } from '../../report/model/types.ts';
import type { TableSheet } from '../exams/exam-xlsx.ts';
import type { RawSheet } from '../ledger-io/drafts.ts';
import type { LedgerFormat } from '../ledger-io/format.ts';
import type { LedgerSheet, OutCell } from '../ledger-io/write.ts';
import type { Org } from '../orgs.ts';
import type { ReportFormat } from '../report.ts';
import type { JobKind } from './budgets.ts';

/** Each kind's modules, loaded by a worker before it takes its first job (not on the job's clock). */
const load = {
  review: () => Promise.all([import('../../review/upload.ts'), import('../../review/index.ts')]),
  readLedger: () => import('../ledger-io/read.ts'),
  renderReport: () => import('../report.ts'),
  writeLedger: () => import('../ledger-io/write.ts'),
  redactReport: () => import('../../cycle/redact.ts'),
  writeQuestions: () => import('../exams/question-xlsx.ts'),
  writeExamBook: () => import('../exams/exam-xlsx.ts'),
} satisfies Record<JobKind, () => Promise<unknown>>;

export const preload = (kind: JobKind): Promise<unknown> => load[kind]();

/**
 * The heavy work itself, one function per job kind, the same whether it runs in-process (the
 * CLI) or on a worker thread (the server). Inputs and outputs are plain data, since they cross
 * threads by structured clone. Each kind imports only its own modules, so a worker loads little.
 */
export const tasks = {
  /** Reviews an uploaded report, or every report in an uploaded .zip. */
  review: async (i: { fileName: string; bytes: Uint8Array; year?: number }): Promise<ReviewOutcome[]> => {
    const [{ uploadedReports }, { reviewDocuments }] = await load.review();
    return reviewDocuments(
      uploadedReports(i.fileName, i.bytes),
      i.year === undefined ? {} : { year: i.year },
    );
  },
  /** Parses a ledger file into sheets of plain rows (the import's reading half). */
  readLedger: async (i: {
    fileName: string;
    bytes: Uint8Array;
    format: LedgerFormat;
    maxBytes: number;
  }): Promise<RawSheet[]> => {
    const { readSheets } = await load.readLedger();
    return readSheets(i.fileName, i.bytes, i.format, i.maxBytes);
  },
  /** Renders a built report model as docx, Markdown or HTML. */
  renderReport: async (i: { model: ReportModel; format: ReportFormat; org: Org }): Promise<Uint8Array> => {
    const { renderReport } = await load.renderReport();
    return renderReport(i.model, i.format, i.org);
  },
  /** Writes an export's sheets as an .xlsx workbook. */
  writeLedger: async (i: { sheets: readonly LedgerSheet[] }): Promise<Uint8Array> => {
    const { writeLedgerBook } = await load.writeLedger();
    return writeLedgerBook(i.sheets);
  },
  /** The published copy of a signed or uploaded report with the 保密审查's redactions applied. */
  redactReport: async (i: {
    fileName: string;
    bytes: Uint8Array;
    redactions: readonly string[];
  }): Promise<Uint8Array> => {
    const { redactFile } = await load.redactReport();
    return redactFile(i.fileName, i.bytes, i.redactions);
  },
  /** Writes the question bank's 题库 workbook (template or export). */
  writeQuestions: async (i: { rows: readonly (readonly OutCell[])[] }): Promise<Uint8Array> => {
    const { writeQuestionBook } = await load.writeQuestions();
    return writeQuestionBook(i.rows);
  },
  /** Writes an exam's results workbook or its paper-score template. */
  writeExamBook: async (i: { sheets: readonly TableSheet[] }): Promise<Uint8Array> => {
    const { writeExamBook } = await load.writeExamBook();
    return writeExamBook(i.sheets);
  },
} satisfies Record<JobKind, (input: never) => Promise<unknown>>;

export type JobInput<K extends JobKind> = Parameters<(typeof tasks)[K]>[0];
export type JobOutput<K extends JobKind> = Awaited<ReturnType<(typeof tasks)[K]>>;

/** Runs one job here, on the calling thread. */
export const runTask = <K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> =>
  (tasks[kind] as (i: JobInput<K>) => Promise<JobOutput<K>>)(input);
