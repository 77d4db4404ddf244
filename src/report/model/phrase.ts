import type { Inline } from './types.ts';

/** Parts of a sentence: text, inlines, or nothing (skipped), so optional clauses read simply. */
export type Part = string | Inline | readonly Inline[] | null | undefined | false;

/** Joins sentence parts into inlines, merging adjacent text. */
export function line(...parts: readonly Part[]): Inline[] {
  const out: Inline[] = [];
  const push = (i: Inline): void => {
    const last = out[out.length - 1];
    if (i.t === 'text' && last?.t === 'text') out[out.length - 1] = { t: 'text', text: last.text + i.text };
    else if (i.t !== 'text' || i.text !== '') out.push(i);
  };
  for (const p of parts) {
    if (p === null || p === undefined || p === false) continue;
    if (typeof p === 'string') push({ t: 'text', text: p });
    else if (Array.isArray(p)) for (const i of p as readonly Inline[]) push(i);
    else push(p as Inline);
  }
  return out;
}

export const placeholder = (text: string): Inline => ({ t: 'placeholder', text });

/** A statement or choice the township must confirm or replace: printed 【待核实：…】. */
export const verify = (text: string): Inline => ({ t: 'placeholder', text: `待核实：${text}` });

/** Joins clauses with "，"; empty clauses are dropped. */
export function clauses(...list: readonly (readonly Inline[] | null)[]): Inline[] {
  const parts: Part[] = [];
  list
    .filter((c): c is readonly Inline[] => c !== null && c.length > 0)
    .forEach((c, i) => parts.push(i > 0 ? '，' : '', c));
  return line(...parts);
}

/** Joins clauses with "，" and ends the sentence with "。"; nothing when every clause is empty. */
export function sentence(...list: readonly (readonly Inline[] | null)[]): Inline[] {
  const body = clauses(...list);
  return body.length > 0 ? line(body, '。') : [];
}

/** FNV-1a: a small stable hash, so a township's phrasing is the same every time its draft is made. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Chooses one of several phrasings by township, year and slot: deterministic, but varied across townships. */
export function choose<T>(seed: string, slot: string, options: readonly T[]): T {
  const v = options[hash(`${seed}|${slot}`) % options.length];
  if (v === undefined) throw new Error(`no phrasing for ${slot}`);
  return v;
}

/** Quotes record titles as a report does: “甲”“乙”等. */
export function quoted(titles: readonly string[], max = 3): string {
  // Quotes inside a quoted title become single quotes: “部署‘八五’普法工作”.
  const list = [
    ...new Set(
      titles.map((t) => t.replace(/“/g, '‘').replace(/”/g, '’').replace(/"/g, '').trim()).filter(Boolean),
    ),
  ];
  const shown = list
    .slice(0, max)
    .map((t) => `“${t}”`)
    .join('');
  return list.length > 0 ? shown + (list.length > max ? '等' : '') : '';
}

/** Examples named in a sentence: “甲” alone, or “甲”“乙”等工作 (等 closes a list of two or more). */
export function examples(titles: readonly string[], noun: string, max = 3): string {
  const list = quoted(titles, max);
  const n = new Set(titles).size;
  return n === 0 ? '' : n === 1 ? list : list.endsWith('等') ? list + noun : `${list}等${noun}`;
}

/** Joins words with 、 (甲、乙和丙 reads better but 、 is what official documents use). */
export const enumerate = (words: readonly string[]): string => [...new Set(words)].join('、');

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (heading numbers never exceed 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

/** Heading numbers of GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）. */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** The ordinal prose markers 一是、二是… used inside a paragraph. */
export const ordinal = (n: number): string => `${chineseNumber(n)}是`;
