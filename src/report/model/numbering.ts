import type { AreaPara, DraftSection } from './area-types.ts';
import { headingNumber } from './phrase.ts';
import type { Figure, Para, ReportModel, Section } from './types.ts';

/**
 * Numbers headings 一、（一）and run-in leads 1. in order, so numbering never skips (a reviewer
 * finding). Leads restart under each heading; a level-1 section's own paragraphs carry no leads,
 * since 1. directly under 一、 would skip the （一） level.
 */
function numberParas(list: readonly AreaPara[], leadLevel: 3 | null): Para[] {
  let n = 0;
  return list.map((p) => {
    if (p.lead === undefined || leadLevel === null) return { inlines: p.inlines };
    n += 1;
    return {
      inlines: p.inlines,
      lead: { level: leadLevel, number: headingNumber(leadLevel, n), text: p.lead },
    };
  });
}

export function numberSections(top: readonly DraftSection[]): Section[] {
  return top.map((s, i) => ({
    level: 1,
    number: headingNumber(1, i + 1),
    heading: s.heading,
    paras: numberParas(s.paras, null),
    children: s.children.map((child, j) => ({
      level: 2,
      number: headingNumber(2, j + 1),
      heading: child.heading,
      paras: numberParas(child.paras, 3),
      children: [],
    })),
  }));
}

/** Every paragraph of the body in reading order: notices, intro, then sections depth-first. */
export function bodyParas(m: Pick<ReportModel, 'notices' | 'intro' | 'sections'>): Para[] {
  const out: Para[] = [...m.notices, m.intro];
  const walk = (s: Section): void => {
    out.push(...s.paras);
    s.children.forEach(walk);
  };
  m.sections.forEach(walk);
  return out;
}

/** Figures and placeholder texts in reading order. */
export function collect(paras: readonly Para[]): { figures: Figure[]; placeholders: string[] } {
  const figures: Figure[] = [];
  const placeholders: string[] = [];
  for (const p of paras) {
    for (const i of p.inlines) {
      if (i.t === 'figure') figures.push(i.figure);
      else if (i.t === 'placeholder') placeholders.push(i.text);
    }
  }
  return { figures, placeholders };
}

/**
 * The printed form of a placeholder: 【待补充：…】 for what the ledger cannot say; a text that
 * starts with its own mark (待核实：, 待定：) is printed with that mark.
 */
export const placeholderText = (text: string): string =>
  /^待(核实|定)：/.test(text) ? `【${text}】` : `【待补充：${text}】`;
