import type { RuleSpec } from './rules.ts';
import { extractFigures } from './figures.ts';
import { runRules } from './findings.ts';
import { findHeadings } from './headings.ts';
import { findOrg, findTitle, findYear } from './meta.ts';
import { findParts } from './parts.ts';
import { tableFigures } from './table-figures.ts';
import type { Figure, ReviewResult, SourceDoc } from './types.ts';

export interface AnalyseOptions {
  /** The report's year when the text does not say (or says wrongly). */
  year?: number;
  rules?: readonly RuleSpec[];
}

/** Figures from prose and from tables; a table's reading replaces the prose reading of the same cell. */
function allFigures(doc: SourceDoc): Figure[] {
  const fromTables = tableFigures(doc.tables);
  const prose = extractFigures(doc.text).filter(
    (f) => !fromTables.some((t) => f.start < t.end && t.start < f.end),
  );
  return [...prose, ...fromTables].sort((a, b) => a.start - b.start);
}

/** Analyses one read document: structure, parts, figures, findings (similarity comes per batch). */
export function analyse(doc: SourceDoc, opts: AnalyseOptions = {}): ReviewResult {
  const headings = findHeadings(doc.text, doc.outline);
  const { title, end: titleEnd } = findTitle(doc.text, headings);
  const year = opts.year ?? findYear(title, doc.text);
  const { parts, sections } = findParts(doc.text, headings);
  const figures = allFigures(doc);
  const findings = runRules(
    { text: doc.text, year, titleEnd, headings, parts, sections, figures, artifacts: doc.artifacts },
    opts.rules,
  );
  return {
    file: doc.name,
    title,
    org: findOrg(title, doc.text),
    year,
    parts,
    headings,
    figures,
    findings,
    similarity: [],
    text: doc.text,
  };
}
