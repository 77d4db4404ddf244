import { CANONICAL, STYLE_LABEL } from './headings.ts';
import type { Section } from './parts.ts';
import type { DocMeta } from './meta.ts';
import { linesOf } from './lines.ts';
import { LIST_POINT } from './rules.ts';
import { firstWhere } from './sorted.ts';
import type { Figure, Heading, PartKey, Parts, TableRow } from './types.ts';

/** What a check sees: the analysed document. Pure data, no I/O. */
export interface CheckContext {
  /**
   * The text in simplified characters (a report in traditional ones is read on its simplified copy,
   * same offsets): what patterns are matched against. `analyse` quotes findings from the original.
   */
  text: string;
  /** The text as written, when it differs (a report in traditional characters, or one stray). */
  original?: string;
  tables?: readonly (readonly TableRow[])[];
  meta?: DocMeta;
  year: number | null;
  titleEnd: number;
  /** Whether an offset lies in a web page's furniture or banner, not the report (meta.ts pageText). */
  onPage: (at: number) => boolean;
  headings: readonly Heading[];
  parts: Parts;
  sections: readonly Section[];
  figures: readonly Figure[];
  artifacts: readonly { text: string; at: number }[];
}

/** One problem a check found: where, and optionally words for the rule's {detail}. */
export interface Hit {
  text: string;
  start: number;
  detail?: string;
}

type Check = (c: CheckContext) => Hit[];

const firstLine = (c: CheckContext): Hit => {
  const t = c.text.split('\n').find((l) => l.trim()) ?? '';
  return { text: t.trim().slice(0, 40), start: Math.max(0, c.text.indexOf(t.trim())) };
};

function missingPart(part: PartKey): Check {
  return (c) => (c.parts[part] ? [] : [firstLine(c)]);
}

const causesMissing: Check = (c) => {
  if (!c.parts.shortcomings || c.parts.causes) return [];
  const s = c.sections.find((x) => x.part === 'shortcomings');
  return [s ? { text: s.heading.number + s.heading.text, start: s.heading.start } : firstLine(c)];
};

const ADDRESSEE = /^[\u4e00-\u9fa5（）()、，]{2,60}[：:]$/;
const addresseeMissing: Check = (c) => {
  const head = c.text
    .slice(c.titleEnd, c.titleEnd + 400)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3);
  if (head.some((l) => ADDRESSEE.test(l) && /委|政府|办公室|局|领导小组|办|党委/.test(l))) return [];
  const first = head[0] ?? '';
  return [{ text: first.slice(0, 30), start: Math.max(0, c.text.indexOf(first, c.titleEnd)) }];
};

const DATE_LINE =
  /^\s*(20\d{2}|二[〇○零][一二三四五六七八九〇○零]{2})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$/;
/** The drafter's visible gap where the 成文日期 goes (【待定：签发日期】): the 落款 is there, its date to come. */
const DATE_GAP_LINE = /^【[^】\n]{0,20}日期[^】\n]{0,10}】$/;
/** The first line of an appendix page (GB/T 9704: 附件 or 附件2 alone at the top left). */
const APPENDIX_LINE = /^附件\s*[0-9一二三四五六七八九十]{0,3}(?:[：:][^。]{0,40})?$/;
/** 版记 lines under the 落款: 抄送 organs and the 印发 line. */
const COLOPHON_LINE = /^抄送[：:]|印发$|^[（(]此件/;

/**
 * The lines of the text that end with the 落款: the text without the appendix pages that follow
 * it and without the 版记. The appendix is cut at an 附件 line with a date line just before it.
 */
export function signatureTail(text: string): { line: string; start: number }[] {
  const lines: { line: string; start: number }[] = [];
  for (const { text: raw, start } of linesOf(text)) {
    const line = raw.trim();
    if (line) lines.push({ line, start: start + raw.indexOf(line) });
  }
  const isDate = (l: string) => DATE_LINE.test(l) || DATE_GAP_LINE.test(l);
  const appendix = lines.findIndex(
    (l, i) => APPENDIX_LINE.test(l.line) && lines.slice(Math.max(0, i - 8), i).some((x) => isDate(x.line)),
  );
  const body = appendix >= 0 ? lines.slice(0, appendix) : lines;
  while (body.length && COLOPHON_LINE.test(body.at(-1)!.line)) body.pop();
  return body;
}

const signatureMissing: Check = (c) => {
  const lines = signatureTail(c.text);
  if (lines.slice(-8).some((l) => DATE_LINE.test(l.line) || DATE_GAP_LINE.test(l.line))) return [];
  const last = lines.at(-1);
  return [last ? { text: last.line.slice(0, 30), start: last.start } : { text: '', start: 0 }];
};

const artifact: Check = (c) => c.artifacts.map((a) => ({ text: a.text, start: a.at }));

/** Siblings: headings sharing a parent, keyed by the parent's index. */
function siblingGroups(hs: readonly Heading[]): Heading[][] {
  const groups = new Map<string, Heading[]>();
  const parents: number[] = [];
  hs.forEach((h, i) => {
    if (h.style === 'outline') return;
    parents.length = h.level - 1;
    const key = `${parents.join('.')}|${h.level}`;
    const g = groups.get(key) ?? [];
    g.push(h);
    groups.set(key, g);
    parents[h.level - 1] = i;
  });
  return [...groups.values()];
}

/**
 * A heading styled for another level: “（一）” opening the report, “（1）” straight under “一、”.
 * “1.” straight under “一、” (the “（一）” level left out) is common in township reports and only
 * a notice (`skipped`); the rest are errors of the outline.
 */
const levelMismatch =
  (skipped: boolean): Check =>
  (c) => {
    // A text of one level of headings (（一）…（三） after an opening paragraph) has chosen its style,
    // unless they are the report's statutory parts (（一）主要举措，（二）存在不足), which take 一、.
    const oneLevel =
      c.headings.every((h) => h.level === 1 || h.style === 'outline') &&
      c.sections.filter((s) => s.part).length < 2;
    return siblingGroups(c.headings).flatMap((g) => {
      const h = g[0]!;
      if (CANONICAL[h.style] === h.level || h.level > 4 || oneLevel) return [];
      if (skipped !== (h.level === 2 && h.style === 'arabic')) return [];
      const want = (Object.keys(CANONICAL) as (keyof typeof CANONICAL)[]).find(
        (s) => CANONICAL[s] === h.level,
      );
      const detail = `“${STYLE_LABEL[h.style]}”用作第${h.level}级标题，按公文格式第${h.level}级应为“${want ? STYLE_LABEL[want] : ''}”`;
      return [{ text: h.number + h.text, start: h.start, detail }];
    });
  };
const headingLevel = levelMismatch(false);
const headingSkipped = levelMismatch(true);

/** The mark after a heading's number (1. or 1、), '' for one in brackets. */
const numberMark = (h: Heading): string => /[、.．]\s*$/.exec(h.number)?.[0].trim().replace('．', '.') ?? '';

/**
 * “1.” under one part and “（一）” under another: the “（一）” level left out where “1.” stands
 * (headingSkipped's notice), not two styles at one level.
 */
const levelLeftOut = (a: Heading, b: Heading, parent: ReadonlyMap<Heading, number>): boolean =>
  a.level === 2 &&
  parent.get(a) !== parent.get(b) &&
  new Set([a.style, b.style]).size === 2 &&
  [a.style, b.style].every((s) => s === 'cnParen' || s === 'arabic');

const headingMixed: Check = (c) => {
  const first = new Map<string, Heading>();
  const parent = new Map<Heading, number>();
  const parents: number[] = [];
  const seen = new Set<string>();
  const out: Hit[] = [];
  c.headings.forEach((h, i) => {
    if (h.style === 'outline') return;
    parents.length = h.level - 1;
    parent.set(h, parents[h.level - 2] ?? -1);
    parents[h.level - 1] = i;
    const level = first.get(`${h.level}`);
    // Another style at the level, or the same numbers with another mark (1. beside 1、); beside a
    // level left out, the first of its own style anywhere is the one to match (1. under （一）, 1、
    // straight under 四、).
    const f = level && levelLeftOut(level, h, parent) ? first.get(h.style) : level;
    if (!level) first.set(`${h.level}`, h);
    if (!first.has(h.style)) first.set(h.style, h);
    const kind = `${h.style}${numberMark(h)}`;
    if (f && f !== h && `${f.style}${numberMark(f)}` !== kind && !seen.has(`${h.level}|${kind}`)) {
      seen.add(`${h.level}|${kind}`);
      const same = f.level === h.level ? `同为第${h.level}级标题，` : '';
      const detail = `${same}“${h.number}”与第${f.line}行的“${f.number}”编号样式不一致`;
      out.push({ text: h.number + h.text, start: h.start, detail });
    }
  });
  return out;
};

/**
 * The heading after `prev` that carries on the numbers of `prev`'s own items (一、 then 1、 2、, then
 * 三、 where 3、 was meant), or false: its items, numbered from 1, end right before its number.
 */
function continuesItems(hs: readonly Heading[], prev: Heading, h: Heading): boolean {
  const items = itemsBetween(hs, prev, h);
  const last = items.at(-1);
  return (
    last !== undefined &&
    last.style !== h.style &&
    last.ordinal === h.ordinal - 1 &&
    items.every((x, i) => x.ordinal === i + 1)
  );
}

/**
 * The headings one level below `prev` up to its next sibling `h`: the slice between the two, so a
 * document's sibling pairs together look at each heading once.
 */
function itemsBetween(hs: readonly Heading[], prev: Heading, h: Heading): Heading[] {
  const from = firstWhere(hs, (x) => x.start > prev.start);
  const to = firstWhere(hs, (x) => x.start >= h.start);
  return hs.slice(from, to).filter((x) => x.level === prev.level + 1);
}

/** A heading numbered at its parent's level where it carries on the items above (1、 2、 三、). */
const headingContinued: Check = (c) =>
  siblingGroups(c.headings).flatMap((g) =>
    g.flatMap((h, i) => {
      const prev = g[i - 1];
      if (!prev || prev.style !== h.style || h.ordinal === prev.ordinal + 1) return [];
      if (!continuesItems(c.headings, prev, h)) return [];
      const items = itemsBetween(c.headings, prev, h);
      const detail = `“${h.number.trim()}”接在“${items.map((x) => x.number.trim()).join('”“')}”之后，疑为下一级编号误写为第${h.level}级编号`;
      return [{ text: h.number + h.text, start: h.start, detail }];
    }),
  );

/**
 * Numbers skipped or not starting at 1 among siblings. Numbering carried on from the previous
 * parent's children of the same style (1、2、3 under （一）, then 4、 under （二）) is a choice, not a gap.
 */
const headingGap: Check = (c) => {
  const lastOf = new Map<string, number>();
  return siblingGroups(c.headings).flatMap((g) => {
    const out: Hit[] = [];
    let prev: Heading | undefined;
    const kind = `${g[0]!.level}|${g[0]!.style}`;
    const carried = lastOf.get(kind);
    lastOf.set(kind, g.at(-1)!.ordinal);
    for (const h of g) {
      if (!prev && carried !== undefined && h.ordinal === carried + 1) {
        prev = h;
        continue;
      }
      const expected = prev && prev.style === h.style ? prev.ordinal + 1 : 1;
      // One that carries on the items above it is headings.mixed's (headingContinued).
      if (prev && prev.style === h.style && continuesItems(c.headings, prev, h)) {
        prev = h;
        continue;
      }
      if (h.ordinal !== expected && (prev === undefined || prev.style === h.style)) {
        const detail = prev
          ? `标题编号不连续：“${prev.number}”之后是“${h.number}”`
          : `标题编号不从1开始：第一个为“${h.number}”`;
        out.push({ text: h.number + h.text, start: h.start, detail });
      }
      prev = h;
    }
    return out;
  });
};

const ORDINALS = '一二三四五六七八九十';
const LIST_ITEM = new RegExp(LIST_POINT, 'g');

/**
 * A point of a list lost or misnumbered: 二是 with no 一是 before it under the same heading, or
 * 四是 after 二是. A list starting again at 一是 is a new list.
 */
const listGap: Check = (c) => {
  const text = c.text;
  const starts = c.headings.map((h) => h.start).sort((a, b) => a - b);
  const out: Hit[] = [];
  let next = 0;
  let prev = 0;
  for (const m of text.matchAll(LIST_ITEM)) {
    while (next < starts.length && starts[next]! <= m.index) {
      next++;
      prev = 0;
    }
    const k = ORDINALS.indexOf(m[1]!) + 1;
    if (k >= 2 && prev !== k - 1) {
      const detail =
        prev === 0
          ? `“${m[0]}”之前没有“一是”：列举的第一点缺失或编号有误`
          : `“${ORDINALS[prev - 1]}是”之后是“${m[0]}”：列举的编号不连续`;
      out.push({ text: c.text.slice(m.index, m.index + 6), start: m.index, detail });
    }
    prev = k;
  }
  return out;
};

/** Shortest paragraph taken for prose rather than a heading or a signature line. */
const PROSE_MIN = 30;
/** A draft's note to its writer (【待核实：…】), which a generated report leaves for a person. */
const DRAFT_NOTE = /^【?(待补充|待核实|待定)[：:]/;

/** A paragraph's end, and the cut when the next paragraph carries on its last word. */
interface Unclosed {
  readonly end: number;
  readonly split?: Hit;
}

/**
 * The paragraphs of the body that stop without a closing mark, each with where it ends and
 * whether the next one begins with one character and a mark (…以及中 / 央、省委…): a paragraph
 * cut in two mid-word. Not a heading, a title, a page's furniture, a table row or the text's
 * last line, which a copy may have cut short.
 */
function unclosedParagraphs(c: CheckContext): readonly Unclosed[] {
  // Read once a document, for both checks that use it.
  const known = unclosed.get(c);
  if (known) return known;
  const found = findUnclosed(c);
  unclosed.set(c, found);
  return found;
}
const unclosed = new WeakMap<CheckContext, readonly Unclosed[]>();

function findUnclosed(c: CheckContext): Unclosed[] {
  const headingAt = new Set(c.headings.map((h) => h.start));
  const lines = linesOf(c.text)
    .filter(({ text }) => text.trim())
    .map(({ text, start }) => ({ text, start, lead: text.length - text.trimStart().length }));
  return lines.flatMap(({ text, start, lead }, i) => {
    const next = lines[i + 1];
    const body = text.trim();
    if (!next || start < c.titleEnd || text.includes('\t') || body.length < PROSE_MIN) return [];
    // Prose has a clause mark (a title or a page's header line has none); a heading that runs
    // into its paragraph (1.强化学习。全年…) is prose too.
    const heading = headingAt.has(start + lead) && !body.includes('。');
    if (heading || c.onPage(start) || !/[，,；;]/.test(body) || !/[\u4e00-\u9fa5”）)]$/.test(body)) return [];
    // A draft's note, or a paragraph that runs on into one, is for its writer to finish.
    if (DRAFT_NOTE.test(body) || DRAFT_NOTE.test(next.text.trimStart())) return [];
    const end = start + text.trimEnd().length;
    const nextAt = next.start + next.lead;
    if (!/^\S[、，,]/.test(next.text.trimStart()) || headingAt.has(nextAt)) return [{ end }];
    const cut = c.text.slice(end - 1, nextAt + 1);
    const detail = `段落在“${cut.replace(/\s+/g, '')}”处被断开，应连为一段`;
    return [{ end, split: { text: cut, start: end - 1, detail } }];
  });
}

/** A paragraph that stops without its closing mark (…践行习近平法治思想的核心要义). */
const paragraphEnd: Check = (c) =>
  unclosedParagraphs(c)
    .filter((p) => !p.split)
    .map(({ end }) => ({
      text: c.text.slice(end - 4, end),
      start: end - 4,
      detail: '段落末尾缺少句号等标点',
    }));

/** A paragraph cut in two mid-word (…以及中 / 央、省委…). */
const paragraphSplit: Check = (c) => unclosedParagraphs(c).flatMap((p) => (p.split ? [p.split] : []));

/** Numerals, which are said one by one (一条一条) or make a year (二〇二〇): no doubled word. */
const NUMERAL = /[一二三四五六七八九十〇零百千万两]/;
const HAN = /[\u4e00-\u9fa5]/;

/**
 * A word of two different characters typed twice (切实切实加强, 积极配合配合), found by one pass over the
 * text rather than a pattern tried at every character.
 */
const doubledWord: Check = (c) => {
  const text = c.text;
  const hits: Hit[] = [];
  for (let i = 0; i + 3 < text.length; i++) {
    const a = text[i]!;
    const b = text[i + 1]!;
    if (a !== text[i + 2] || b !== text[i + 3] || a === b) continue;
    if (!HAN.test(a) || !HAN.test(b) || NUMERAL.test(a) || NUMERAL.test(b) || c.onPage(i)) continue;
    hits.push({ text: c.text.slice(i, i + 4), start: i });
    i += 3;
  }
  return hits;
};

export const checks: Record<string, Check> = {
  'missingPart:measures': missingPart('measures'),
  'missingPart:shortcomings': missingPart('shortcomings'),
  'missingPart:leaderDuty': missingPart('leaderDuty'),
  'missingPart:nextYear': missingPart('nextYear'),
  'missingPart:other': missingPart('other'),
  causesMissing,
  addresseeMissing,
  signatureMissing,
  artifact,
  headingLevel,
  headingContinued,
  headingSkipped,
  headingMixed,
  headingGap,
  listGap,
  paragraphEnd,
  paragraphSplit,
  doubledWord,
};
