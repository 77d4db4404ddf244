import type { LedgerFormat } from './format.ts';
import type { ColumnMapping } from './drafts.ts';
/** What an import says back: counts, and every problem in Chinese with where it is. */

/** One problem in an imported file. */
export interface ImportIssue {
  /** Sheet name (a CSV file's name); empty for a problem with the whole file. */
  readonly sheet: string;
  /** Row number as Excel (or a text editor, for CSV) shows it; null for a problem with a whole sheet. */
  readonly row: number | null;
  /** Column label, or null when the problem is not about one column. */
  readonly column: string | null;
  /** What is wrong and what was expected. */
  readonly message: string;
}

export interface SheetSummary {
  readonly sheet: string;
  readonly kind: string;
  readonly kindLabel: string;
  /** Data rows read from the sheet. */
  readonly rows: number;
  /** How the sheet's columns were read, when it is not in the template's layout. */
  readonly mapping?: readonly ColumnMapping[];
  /** That layout's signature and how its columns were placed (auto, remembered, chosen). */
  readonly layout?: { readonly signature: string; readonly source: 'auto' | 'remembered' | 'chosen' };
  /** The columns of the sheet's kind a person may choose from. */
  readonly choices?: readonly { readonly id: string; readonly label: string; readonly required: boolean }[];
}

export interface ImportReport {
  readonly fileName: string;
  readonly sha256: string;
  readonly format: LedgerFormat;
  readonly dryRun: boolean;
  /** Data rows in the file. */
  readonly rows: number;
  /** Rows written (or, on a dry run, that would be written). Zero whenever `errors` is not empty. */
  readonly inserted: number;
  /** Rows already in the ledger (an earlier import of the same rows). */
  readonly skipped: number;
  /** The `imports` row; null on a dry run or when the file had errors. */
  readonly importId: number | null;
  readonly sheets: readonly SheetSummary[];
  /** The years the rows are dated in (when the file had no errors). */
  readonly years?: readonly number[];
  readonly errors: readonly ImportIssue[];
}

/** One line per problem: 工作表“学法培训”第 5 行【日期】：… */
export function formatIssue(i: ImportIssue): string {
  const where = [
    i.sheet ? `工作表“${i.sheet}”` : '',
    i.row !== null ? `第 ${i.row} 行` : '',
    i.column ? `【${i.column}】` : '',
  ].join('');
  return where ? `${where}：${i.message}` : i.message;
}

/** Problems in sheet order, then row, for a stable listing. */
export function sortIssues(list: readonly ImportIssue[], sheetOrder: readonly string[]): ImportIssue[] {
  const pos = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? -1 : i;
  };
  return [...list].sort((a, b) => pos(a.sheet) - pos(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
}
