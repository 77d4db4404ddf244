import { bodyParas, placeholderText } from '../model/numbering.ts';
import { signatureDate, type Inline, type Para, type ReportModel, type Section } from '../model/types.ts';

/** Shared helpers for the renderers: the printed text of inlines and the body in reading order. */

export const inlineText = (i: Inline): string =>
  i.t === 'text' ? i.text : i.t === 'figure' ? i.figure.text : placeholderText(i.text);

export const paraText = (p: Para): string =>
  (p.lead ? `${p.lead.number}${p.lead.text}。` : '') + p.inlines.map(inlineText).join('');

/** The body as a flat list of headings and paragraphs, the order every renderer writes them in. */
export type BodyItem =
  { readonly kind: 'heading'; readonly section: Section } | { readonly kind: 'para'; readonly para: Para };

export function bodyItems(m: ReportModel): BodyItem[] {
  const out: BodyItem[] = [];
  const walk = (s: Section): void => {
    out.push({ kind: 'heading', section: s });
    for (const p of s.paras) out.push({ kind: 'para', para: p });
    s.children.forEach(walk);
  };
  m.sections.forEach(walk);
  return out;
}

/** The whole report as plain text (tests, checks): every paragraph on its own line. */
export function plainText(m: ReportModel): string {
  const head = [...m.title, m.addressee, ...m.notices.map(paraText), paraText(m.intro)];
  const body = bodyItems(m).map((b) =>
    b.kind === 'heading' ? `${b.section.number}${b.section.heading}` : paraText(b.para),
  );
  return [...head, ...body, m.closing, m.attachmentNote, m.signature.organ, signatureDate(m)].join('\n');
}

/** Every paragraph of the body (notices, intro, sections) — used to check figures and placeholders. */
export { bodyParas };
