/**
 * Paragraphs the township rewrote by hand, applied over a generated model. Each body paragraph has
 * a key that survives regeneration: the statutory part (1–5), the heading of its （一） section and
 * its place under that heading — numbers are not used, since a new area or shortcoming renumbers
 * the sections after it. A rewritten paragraph is plain text, read back: each figure of the
 * generated paragraph still written as the ledger gives it stays bound to its indicator, and each
 * 【待补充：…】/【待核实：…】/【待定：…】 left in it stays a placeholder to fill in.
 */
import { bodyParas, collect, placeholderText } from './numbering.ts';
import { line } from './phrase.ts';
import type { Figure, FigureSource, Inline, Para, ReportModel, Section } from './types.ts';

/** One body paragraph with its key, as the editor lists them. */
export interface KeyedPara {
  readonly key: string;
  /** Where it stands, e.g. 一、（二）: for the reader, not for matching. */
  readonly where: string;
  readonly para: Para;
}

/** Every editable paragraph of the model in reading order: the opening, then the five parts. */
export function keyedParas(m: ReportModel): KeyedPara[] {
  const out: KeyedPara[] = [{ key: 'intro', where: '开头', para: m.intro }];
  m.sections.forEach((part, p) => {
    part.paras.forEach((para, i) => out.push({ key: `${p + 1}||${i}`, where: part.number, para }));
    for (const child of part.children)
      child.paras.forEach((para, i) =>
        out.push({ key: `${p + 1}|${child.heading}|${i}`, where: `${part.number}${child.number}`, para }),
      );
  });
  return out;
}

/** The model with the given paragraphs replaced by the township's text; unknown keys are ignored. */
export function applyParagraphEdits(m: ReportModel, edits: Readonly<Record<string, string>>): ReportModel {
  if (Object.keys(edits).length === 0) return m;
  const swap = (key: string, para: Para): Para => {
    const edited = edits[key];
    if (edited === undefined) return para;
    // The run-in lead (1.…。) is the section's, kept as it is: a text sent back with it is not doubled.
    const lead = para.lead ? `${para.lead.number}${para.lead.text}。` : '';
    const text = lead && edited.startsWith(lead) ? edited.slice(lead.length) : edited;
    return { ...(para.lead ? { lead: para.lead } : {}), inlines: rebound(text, para) };
  };
  const intro = swap('intro', m.intro);
  const sections: Section[] = m.sections.map((part, p) => ({
    ...part,
    paras: part.paras.map((para, i) => swap(`${p + 1}||${i}`, para)),
    children: part.children.map((child) => ({
      ...child,
      paras: child.paras.map((para, i) => swap(`${p + 1}|${child.heading}|${i}`, para)),
    })),
  }));
  const { figures, placeholders } = collect(bodyParas({ notices: m.notices, intro, sections }));
  const signing = m.placeholders.includes('签发日期') ? ['签发日期'] : [];
  return { ...m, intro, sections, figures, placeholders: [...placeholders, ...signing] };
}

const PLACEHOLDER = /【(待补充|待核实|待定)：([^】]*)】/g;

/** Whether the printed figure at `at` is a number of its own, not part of a longer one in the text. */
function standsAlone(text: string, at: number, f: Figure): boolean {
  const before = text.slice(Math.max(0, at - 2), at);
  const after = text[at + f.text.length] ?? '';
  if (/\d$|\d[.,]$/.test(before)) return false;
  return !(/\d$/.test(f.text) && /^[\d.]/.test(after));
}

/** Text written by hand as inlines: the generated paragraph's figures found in it, in order, and its placeholders. */
function rebound(text: string, generated: Para): Inline[] {
  type Span = { start: number; end: number; inline: Inline };
  const spans: Span[] = [];
  for (const m of text.matchAll(PLACEHOLDER))
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      inline: { t: 'placeholder', text: m[1] === '待补充' ? m[2]! : `${m[1]!}：${m[2]!}` },
    });
  const inPlaceholder = (at: number, end: number) => spans.some((s) => at < s.end && end > s.start);
  let cursor = 0;
  for (const i of generated.inlines) {
    if (i.t !== 'figure') continue;
    const f = i.figure;
    for (let at = text.indexOf(f.text, cursor); at >= 0; at = text.indexOf(f.text, at + 1)) {
      const end = at + f.text.length;
      if (!standsAlone(text, at, f) || inPlaceholder(at, end)) continue;
      spans.push({ start: at, end, inline: i });
      cursor = end;
      break;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const out: Inline[] = [];
  let at = 0;
  for (const s of spans) {
    out.push({ t: 'text', text: text.slice(at, s.start) }, s.inline);
    at = s.end;
  }
  out.push({ t: 'text', text: text.slice(at) });
  return line(out);
}

/** A paragraph as the editor shows it: text, figures bound to their indicator, placeholders. */
export type ParaPart =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'figure'; readonly text: string; readonly key: string; readonly op: FigureSource['op'] }
  | { readonly t: 'placeholder'; readonly text: string };

export function paraParts(p: Para): ParaPart[] {
  const lead: ParaPart[] = p.lead ? [{ t: 'text', text: `${p.lead.number}${p.lead.text}。` }] : [];
  return [
    ...lead,
    ...p.inlines.map((i): ParaPart =>
      i.t === 'text'
        ? i
        : i.t === 'figure'
          ? { t: 'figure', text: i.figure.text, key: i.figure.source.key, op: i.figure.source.op }
          : { t: 'placeholder', text: placeholderText(i.text) },
    ),
  ];
}
