/**
 * Excel ledgers (台账): templates, import and export, for the CLI, the HTTP API and the web app.
 * Parsing a file into drafts is pure (cells, csv, headers, drafts, sheets); reading and writing
 * workbooks and the database sit at the edges (read-xlsx, write, import, export).
 */
export { buildTemplate } from './template.ts';
export { type ImportInput, type ImportProgress } from './import.ts';
export { exportLedger, exportVisible, ledgerExported } from './export.ts';
export { checkSize, DEFAULT_MAX_IMPORT_BYTES } from './format.ts';
export { formatIssue, type ImportIssue, type ImportReport, type SheetSummary } from './report.ts';
