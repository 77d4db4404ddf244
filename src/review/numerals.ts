const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters of a Chinese numeral (一千二百, 两万, 十五). */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** Parses a Chinese numeral such as 两万, 一千二百, 十五, 三百零五. Returns null when malformed. */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT) {
      if (digit !== null && digit !== 0 && DIGIT[ch] !== 0) return null; // 二三 is not a number
      digit = DIGIT[ch]!;
    } else if (ch in SMALL_UNIT) {
      section += (digit ?? 1) * SMALL_UNIT[ch]!;
      digit = null;
    } else if (ch in BIG_UNIT) {
      section += digit ?? 0;
      total += (section || 1) * BIG_UNIT[ch]!;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** Parses an Arabic number with an optional 万/亿 multiplier: "1.5万" → 15000, "1,200" → 1200. */
export function parseArabic(num: string, mult: string | undefined): number {
  const v = Number(num.replace(/,/g, ''));
  const m = mult === '万' ? 1e4 : mult === '亿' ? 1e8 : mult === '千' ? 1e3 : 1;
  return Math.round(v * m * 1e6) / 1e6;
}

/** A rate written in words: 百分之九十八, 百分之九十八点五, 百分之百 (the numeral in group 1). */
export const CN_PERCENT = /百分之([零〇一二两三四五六七八九十百]{1,6}(?:点[零〇一二三四五六七八九]{1,3})?)/g;

/** The value of a worded rate's numeral: 九十八点五 → 98.5, 百 → 100; null when malformed. */
export function parseChinesePercent(s: string): number | null {
  const [whole, frac] = s.split('点');
  const int = parseChineseNumeral(whole!);
  if (int === null || int > 1000) return null;
  if (frac === undefined) return int;
  const digits = [...frac].map((c) => DIGIT[c]);
  if (digits.some((d) => d === undefined)) return null;
  return Number(`${int}.${digits.join('')}`);
}
