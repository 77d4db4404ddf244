import { parseChineseNumeral } from './numerals.ts';
import { linesOf, type Line } from './lines.ts';
import type { Heading, HeadingStyle } from './types.ts';

/** ㈠…㈩: one character for a numeral in brackets, which a heading should write as （一）…（十）. */
export const ENCLOSED_NUMERAL = /[\u3220-\u3229]/;

/**
 * A heading's number in its common forms (一、 （一） 1. （1）), for readers that only ask whether a
 * line opens with one; findHeadings reads the rest (a missing bracket, ㈠, 1 without its mark).
 */
export const HEADING_NUMBER =
  '(?:[一二三四五六七八九十]{1,3}[、.．]|[（(](?:[一二三四五六七八九十]{1,3}|\\d{1,2})[）)]|\\d{1,2}[.、．](?!\\d))';

/** Heading number patterns at the start of a line, with the level GB/T 9704 gives each style. */
const PATTERNS: readonly { style: HeadingStyle; re: RegExp; canonical: number }[] = [
  { style: 'cn', re: /^([一二三四五六七八九十]{1,3})\s*[、，,．.]\s*/, canonical: 1 },
  // 、 left out (一主要举措和成效): a short line of its own that names a part; headings.syntax notes it.
  {
    style: 'cn',
    re: /^([一二三四五六七八九十]{1,3})(?![是些定批系般步直起体项份分年月把线流切道张])(?=[\u4e00-\u9fa5、]{2,28}\s*$)(?=.*(?:举措|成效|不足|问题|原因|安排|打算|计划|思路|方向|情况))/,
    canonical: 1,
  },
  // A bracket missing on one side (一）…, （一…) is still the heading, and headings.syntax notes it.
  {
    style: 'cnParen',
    re: /^(?:[（(]\s*([一二三四五六七八九十]{1,3})\s*(?:[）)]|(?![是些定批系般步直起体项份分年月]))|([一二三四五六七八九十]{1,3})\s*[）)])\s*[、.．]?\s*/,
    canonical: 2,
  },
  // A parenthesised numeral of one character (㈠ for （一）): the level of （一）; headings.syntax notes it.
  { style: 'cnParen', re: new RegExp(`^(${ENCLOSED_NUMERAL.source})\\s*[、.．]?\\s*`), canonical: 2 },
  { style: 'arabic', re: /^(\d{1,2})\s*[.．、](?!\d)\s*/, canonical: 3 },
  // The . left out (1理论武装入脑入心，…): only when the next number follows as a heading (NEXT_ARABIC).
  {
    style: 'arabic',
    re: /^(\d{1,2})(?=[\u4e00-\u9fa5])(?![\d年月日号次场件个人名项份条万余多家所户起期批届天])/,
    canonical: 3,
  },
  { style: 'arabicParen', re: /^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*/, canonical: 4 },
  { style: 'circled', re: /^([\u2460-\u2473])\s*/, canonical: 5 },
];

/** Lines a numbered heading's next sibling may be looked for in. */
const NEXT_ARABIC_LINES = 40;

/** Whether heading number `n` + 1 (2. after 1) begins one of the lines that follow line `i`. */
function nextArabic(lines: readonly Line[], i: number, n: number): boolean {
  const next = new RegExp(`^\\s*${n + 1}\\s*[.．、](?!\\d)`);
  return lines.slice(i + 1, i + 1 + NEXT_ARABIC_LINES).some((l) => next.test(l.text));
}

/** GB/T 9704 order of heading styles: 一、 → （一） → 1. → （1）. */
export const CANONICAL: Record<HeadingStyle, number> = {
  cn: 1,
  cnParen: 2,
  arabic: 3,
  arabicParen: 4,
  circled: 5,
  outline: 0,
};
export const STYLE_LABEL: Record<HeadingStyle, string> = {
  cn: '一、',
  cnParen: '（一）',
  arabic: '1.',
  arabicParen: '（1）',
  circled: '①',
  outline: '大纲级别',
};

function ordinalOf(style: HeadingStyle, n: string): number {
  if (n.length === 1 && ENCLOSED_NUMERAL.test(n)) return n.charCodeAt(0) - 0x3220 + 1;
  if (style === 'cn' || style === 'cnParen') return parseChineseNumeral(n) ?? 0;
  if (style === 'circled') return n.charCodeAt(0) - 0x2460 + 1;
  return Number(n);
}

/** The heading text: the words after the number up to the first full stop (headings often run into the paragraph). */
function headingText(rest: string): string {
  const stop = rest.search(/[。；;！？]/);
  const t = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
  return t.length > 60 ? t.slice(0, 60) + '…' : t;
}

/** Words of a statutory part's heading (parts.ts names them; here only to spot a misnumbered one). */
const PART_WORDS = /不足|问题|下一步|下一年|计划|安排|打算|思路|方向|第一责任人|其他|其它|举措|成效/;

/**
 * A top-level heading numbered in another style ("(五)" or "5、" after 四、): it follows the last
 * top-level number, is the first of its style under it, and names a part of the report.
 */
function continuesTop(
  found: { style: HeadingStyle; ordinal: number; rest: string },
  lastTop: Heading | undefined,
  stylesUnderTop: ReadonlySet<HeadingStyle>,
): boolean {
  if (!lastTop || lastTop.style !== 'cn' || found.ordinal !== lastTop.ordinal + 1 || found.ordinal < 2)
    return false;
  if (found.style !== 'cnParen' && found.style !== 'arabic') return false;
  return !stylesUnderTop.has(found.style) && PART_WORDS.test(headingText(found.rest));
}

/**
 * Finds numbered headings and nests them by the order styles appear: a style seen before closes
 * the deeper levels, a new style opens a level. `outline` gives .docx outline levels by line index.
 */
export function findHeadings(text: string, outline: ReadonlyMap<number, number> = new Map()): Heading[] {
  const out: Heading[] = [];
  const stack: HeadingStyle[] = [];
  // The last top-level heading and the styles used under it, for continuesTop.
  let lastTop: Heading | undefined;
  const stylesUnderTop = new Set<HeadingStyle>();
  const lines = linesOf(text);
  for (let i = 0; i < lines.length; i++) {
    const { text: raw, start: lineStart } = lines[i]!;
    if (raw.includes('\t')) continue; // table rows
    const lead = raw.length - raw.trimStart().length;
    const line = raw.trimStart();
    if (!line) continue;
    let found: { style: HeadingStyle; number: string; ordinal: number; rest: string } | undefined;
    for (const p of PATTERNS) {
      const m = p.re.exec(line);
      if (!m) continue;
      if (p.style === 'arabic' && m[0] === m[1] && !nextArabic(lines, i, Number(m[1]))) continue;
      const rest = line.slice(m[0].length);
      // "1. 5万" or a lone number is not a heading; a year or a month is (（七）3月底前公开年度报告).
      if (!/^([\u4e00-\u9fa5“"《A-Za-z]|20\d{2}\s*年|(?:1[0-2]|[1-9])\s*月)/.test(rest)) break;
      found = { style: p.style, number: m[0].trim(), ordinal: ordinalOf(p.style, (m[1] ?? m[2])!), rest };
      break;
    }
    const ol = outline.get(i);
    if (!found && ol !== undefined && line.length <= 60) {
      found = { style: 'outline', number: '', ordinal: 0, rest: line };
    }
    if (!found) continue;
    let level: number;
    if (found.style === 'outline') level = (ol ?? 0) + 1;
    else if (found.style === 'cn' || continuesTop(found, lastTop, stylesUnderTop)) {
      stack.length = 0;
      stack.push('cn');
      level = 1;
    } else {
      const at = stack.indexOf(found.style);
      if (at >= 0) stack.length = at + 1;
      else stack.push(found.style);
      level = stack.length;
    }
    const h: Heading = {
      level,
      number: found.number,
      text: headingText(found.rest),
      line: i + 1,
      style: found.style,
      ordinal: found.ordinal,
      start: lineStart + lead,
      end: lineStart + raw.length,
    };
    out.push(h);
    if (level === 1) {
      lastTop = h;
      stylesUnderTop.clear();
    } else stylesUnderTop.add(h.style);
  }
  return out;
}
