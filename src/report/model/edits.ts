/**
 * Paragraphs the township rewrote by hand, applied over a generated model. Each body paragraph has
 * a key that survives regeneration: the statutory part (1–5), the heading of its （一） section and
 * its place under that heading — numbers are not used, since a new area or shortcoming renumbers
 * the sections after it. A rewritten paragraph is plain text: its figures are no longer bound.
 */
import { bodyParas, collect } from './numbering.ts';
import { line } from './phrase.ts';
import type { Para, ReportModel, Section } from './types.ts';

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
    return { ...(para.lead ? { lead: para.lead } : {}), inlines: line(text) };
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
