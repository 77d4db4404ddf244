import { rules as builtInRules, type RuleSpec } from './rules.ts';
import { extractFigures } from './figures.ts';
import { figureRoles, type RoleContext } from './figure-role.ts';
import { runRules } from './findings.ts';
import { findHeadings } from './headings.ts';
import { simplifiedReading, toSimplified } from './hanzi.ts';
import { findTitle, pageText, readMeta } from './meta.ts';
import { findParts } from './parts.ts';
import { firstWhere } from './sorted.ts';
import { cellTables, flatTables, spacedTables, tableFigures } from './table-figures.ts';
import type { Figure, ReviewResult, SourceDoc, TableRow } from './types.ts';

export interface AnalyseOptions {
  /** The report's year when the text does not say (or says wrongly). */
  year?: number;
  rules?: readonly RuleSpec[];
  /**
   * `published`: the copy put on a government website, which legitimately drops the addressee and
   * the 其他情况 item, so neither is noted. `submitted` (default): the copy sent to the county.
   */
  profile?: Profile;
}

export type Profile = 'published' | 'submitted';

/**
 * Rules that do not apply to a published copy: the page drops the addressee, often the 其他 part
 * and the 落款 (the site shows who published it and when).
 */
const NOT_IN_PUBLISHED = new Set(['format.addressee', 'parts.other', 'format.signature']);

/**
 * Figures from prose and from tables (and tables a web page flattened into prose); a table's reading
 * replaces the prose reading of the same cell. Each carries its role (this year's, a plan, last
 * year's…), read with the report's year and its 下一年度 part when given. A text in traditional
 * characters is read on its simplified copy and quoted as written; `tables` are in simplified ones.
 */
export function figuresOf(
  written: string,
  tables: readonly TableRow[][] = [],
  ctx: RoleContext = {},
): Figure[] {
  const { plain, quote } = simplifiedReading(written);
  return figuresOfPlain(plain, tables, ctx).map((f) => ({
    ...f,
    text: quote(f.text, f.start),
    sentence: quote(f.sentence, f.sentenceStart),
  }));
}

/** figuresOf for a text in simplified characters already (the analysed document's copy). */
function figuresOfPlain(text: string, tables: readonly TableRow[][], ctx: RoleContext): Figure[] {
  // A flattened table is read only outside the lines of the document's own tables.
  const tableLines = new Set(tables.flatMap((t) => t.map((r) => r.start)));
  const flat = [...flatTables(text), ...spacedTables(text), ...cellTables(text)].filter(
    (t) => !tableLines.has(text.lastIndexOf('\n', t[0]!.start) + 1),
  );
  const fromTables = tableFigures([...tables, ...flat]).sort((a, b) => a.start - b.start);
  // Cells do not overlap: the first cell ending after a prose figure starts is the only one it can
  // overlap (a binary search, so many tables and many figures stay linear).
  const covered = (f: Figure) => {
    const lo = firstWhere(fromTables, (t) => t.end > f.start);
    return lo < fromTables.length && fromTables[lo]!.start < f.end;
  };
  const prose = extractFigures(text).filter((f) => !covered(f));
  const all = [...prose, ...fromTables].sort((a, b) => a.start - b.start);
  const roles = figureRoles(text, all, ctx);
  return all.map((f, i) => ({ ...f, role: roles[i]! }));
}

/**
 * A document in traditional characters is read on its simplified copy (character for character, so
 * every offset holds), since the readers' words are simplified; `quote` gives back the original.
 */
function simplifiedCopy(doc: SourceDoc): { read: SourceDoc; quote: (s: string, at: number) => string } {
  const { plain, quote } = simplifiedReading(doc.text);
  if (plain === doc.text) return { read: doc, quote };
  const tables = doc.tables.map((t) => t.map((r) => ({ ...r, cells: r.cells.map((c) => toSimplified(c)) })));
  return { read: { ...doc, text: plain, tables }, quote };
}

/** Analyses one read document: structure, parts, figures, findings (similarity comes per batch). */
export function analyse(source: SourceDoc, opts: AnalyseOptions = {}): ReviewResult {
  const { read: doc, quote } = simplifiedCopy(source);
  const headings = findHeadings(doc.text, doc.outline);
  const { title, end: titleEnd, banner } = findTitle(doc.text, headings);
  const { parts, sections } = findParts(doc.text, headings);
  // The plans for the next year, from their heading (三、2025年工作安排: its year is not the report's).
  const bodyEnd = sections.find((s) => s.part === 'nextYear')?.heading.start ?? doc.text.length;
  const meta = readMeta(doc.text, title, titleEnd, bodyEnd, opts.year);
  const year = meta.year;
  const plans = sections.filter((s) => s.part === 'nextYear');
  const figures = figuresOfPlain(doc.text, doc.tables, {
    year,
    planAt: (pos) => plans.some((s) => pos >= s.heading.start && pos < s.end),
  });
  const all = opts.rules;
  const rules =
    opts.profile === 'published' ? (all ?? builtInRules).filter((r) => !NOT_IN_PUBLISHED.has(r.id)) : all;
  const findings = runRules(
    {
      text: doc.text,
      original: source.text === doc.text ? undefined : source.text,
      year,
      titleEnd,
      onPage: pageText(doc.text, banner),
      headings,
      parts,
      sections,
      figures,
      artifacts: doc.artifacts,
      tables: doc.tables,
      meta,
    },
    rules,
  );
  return {
    file: doc.name,
    title: quote(title, doc.text.indexOf(title)),
    org: meta.org,
    county: meta.county,
    confidence: meta.confidence,
    year,
    parts,
    headings: headings.map((h) => ({
      ...h,
      number: quote(h.number, h.start),
      text: quote(h.text, doc.text.indexOf(h.text, h.start)),
    })),
    figures: figures.map((f) => ({
      ...f,
      text: quote(f.text, f.start),
      sentence: quote(f.sentence, f.sentenceStart),
    })),
    findings: findings.map((f) => ({ ...f, text: quote(f.text, f.start) })),
    similarity: [],
    text: source.text,
  };
}
