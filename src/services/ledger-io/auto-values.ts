import type { EnumField, Field } from '../../catalogue/fields.ts';
import { isIsoDate, parseDate } from '../../core/dates.ts';
import { cellText, excelSerialToDate, isBlankCell, isCellError, type Cell } from './cells.ts';

/**
 * Cell values as townships write them, read into the forms the template takes: dates written
 * 2024.4.15, 2024/4/15, 2024年4月15日, 4月15日 (the year from the sheet's title or the file),
 * 2024-04, Excel dates and serials; numbers with 余/多/约/左右, thousands separators, full-width
 * digits and units in the cell; options written in the township's own words. What cannot be read
 * for certain is a question with a Chinese reason, never a guess. Pure.
 */

export type ReadValue =
  | { readonly ok: true; readonly value: string | number | boolean | null; readonly approx?: boolean }
  | { readonly ok: false; readonly question: string };

const ok = (value: string | number | boolean | null, approx?: boolean): ReadValue =>
  approx ? { ok: true, value, approx } : { ok: true, value };
const ask = (question: string): ReadValue => ({ ok: false, question });

/** Full-width digits and letters folded, spaces removed. */
export const folded = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]/g, '');

const pad = (n: number): string => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | null {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * A date cell: `year` is the year the sheet is about (from its title, sheet name or file name),
 * used only for a date written without one.
 */
export function readDate(c: Cell, year: number | undefined): ReadValue {
  if (isBlankCell(c)) return ok(null);
  if (c instanceof Date) return ok(c.toISOString().slice(0, 10));
  if (typeof c === 'number') {
    const d = Number.isInteger(c) && c > 20_000 && c < 80_000 ? excelSerialToDate(c) : null;
    return d ? ok(d.toISOString().slice(0, 10)) : ask(`“${c}”不是日期`);
  }
  if (typeof c !== 'string') return ask('不是日期');
  const s = folded(c);
  // A whole date in any form the ledger's own reader takes (2024.4.15, 2024年4月15日, 20240415).
  const whole = parseDate(s);
  if (whole) return ok(whole);
  if (/^\d{4}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?$/.test(s)) return ask(`“${c}”不是有效日期`);
  // A month without a day (2024-04, 2024年4月): the month's first day.
  let m = /^(\d{4})[.\-/年](\d{1,2})月?$/.exec(s);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), 1);
    return iso ? ok(iso) : ask(`“${c}”不是有效月份`);
  }
  m = /^(\d{1,2})[月.\-/](\d{1,2})日?$/.exec(s);
  if (m) {
    if (year === undefined) return ask(`“${c}”没有写年份，表名和文件名中也找不到年份`);
    const iso = isoOf(year, Number(m[1]), Number(m[2]));
    return iso ? ok(iso) : ask(`“${c}”不是有效日期`);
  }
  return ask(`无法识别的日期“${c}”`);
}

/** Measure words of counted things, which townships use for one another (3个 in a 处 column). */
const COUNT_UNITS = new Set(['个', '处', '件', '次', '项', '起', '场', '条', '宗']);

/** Words around a number that say it is approximate. */
const APPROX_BEFORE = /^(约|近|大约|超过|逾|共约)/;
const APPROX_AFTER = /(余|多|左右|以上|上下)$/;

/** A count or amount cell: the number, and whether it was written as approximate (200余份). */
export function readNumber(c: Cell, unit: string | undefined, integer: boolean): ReadValue {
  if (isBlankCell(c)) return ok(null);
  if (typeof c === 'number') return Number.isFinite(c) ? ok(c) : ask('不是数字');
  if (typeof c !== 'string') return ask('不是数字');
  let s = folded(c).replace(/[,，]/g, '');
  let approx = false;
  if (/(左右|以上|上下)$/.test(s)) {
    s = s.replace(/(左右|以上|上下)$/, '');
    approx = true;
  }
  if (APPROX_BEFORE.test(s)) {
    s = s.replace(APPROX_BEFORE, '');
    approx = true;
  }
  // The unit written in the cell (1000人, 12场次): any run of CJK characters after the number.
  const m = /^(\d+(?:\.\d+)?)([余多])?([\u4e00-\u9fff]{0,3})?(左右|以上|上下)?$/.exec(s);
  if (!m) return ask(`无法读出数字“${c}”，请填写具体数字`);
  if (m[2] || m[4]) approx = true;
  const u = m[3] ?? '';
  if (u && APPROX_AFTER.test(u)) approx = true;
  const counts = (x: string) => COUNT_UNITS.has(x);
  if (
    u &&
    unit &&
    !unit.startsWith(u) &&
    !u.startsWith(unit[0]!) &&
    !/^(余|多)/.test(u) &&
    !(counts(u) && counts(unit))
  )
    return ask(`“${c}”的单位与本列的单位“${unit}”不同`);
  const n = Number(m[1]);
  if (integer && !Number.isInteger(n)) return ask(`“${c}”应为整数`);
  return ok(n, approx);
}

const canon = (s: string): string =>
  folded(s)
    .replace(/[“”"'‘’·、，,。]/g, '')
    .toLowerCase();

/**
 * An option written in the township's words: its label or code, a synonym the catalogue lists,
 * or a label or synonym it contains or is contained in, when only one option fits.
 */
export function readOption(
  f: EnumField,
  c: Cell,
  synonyms: Readonly<Record<string, readonly string[]>> = {},
): ReadValue {
  if (isBlankCell(c)) return ok(null);
  const s = canon(cellText(c));
  const words = (o: EnumField['options'][number]) =>
    [o.label, o.value, ...(synonyms[o.value] ?? [])].map(canon);
  const exact = f.options.filter((o) => words(o).includes(s));
  if (exact.length === 1) return ok(exact[0]!.value);
  // Contained words: the option whose longest word fits wins; a tie is asked.
  const fit = f.options
    .map((o) => ({
      o,
      len: Math.max(
        0,
        ...words(o)
          .filter((w) => w.length >= 2 && (s.includes(w) || w.includes(s)))
          .map((w) => w.length),
      ),
    }))
    .filter((x) => x.len > 0)
    .sort((a, b) => b.len - a.len);
  const near = fit.filter((x) => x.len === fit[0]?.len).map((x) => x.o);
  if (near.length === 1) return ok(near[0]!.value);
  const list = f.options.map((o) => o.label).join('、');
  return ask(
    near.length > 1
      ? `“${cellText(c)}”可对应${near.map((o) => `“${o.label}”`).join('或')}，请选定一项`
      : `“${cellText(c)}”不是“${f.label}”的选项，应为：${list}`,
  );
}

const TRUE = new Set(['是', '有', '√', '✓', 'y', 'yes', 'true', '1', '对', '已']);
const FALSE = new Set(['否', '无', '×', '✗', 'n', 'no', 'false', '0', '未', '-']);

/** A cell read for a field, by the field's type. */
export function readField(
  f: Field,
  c: Cell,
  year: number | undefined,
  synonyms?: Readonly<Record<string, readonly string[]>>,
): ReadValue {
  if (isCellError(c)) return ask(`单元格是错误值 ${c.cellError}`);
  switch (f.type) {
    case 'date':
      return readDate(c, year);
    case 'int':
      return readNumber(c, f.unit, true);
    case 'number':
      return readNumber(c, f.unit, false);
    case 'enum':
      return readOption(f, c, synonyms);
    case 'bool': {
      if (isBlankCell(c)) return ok(null);
      if (typeof c === 'boolean') return ok(c);
      const s = canon(cellText(c));
      if (TRUE.has(s)) return ok(true);
      if (FALSE.has(s)) return ok(false);
      return ask(`“${cellText(c)}”应为“是”或“否”`);
    }
    case 'text':
      return isBlankCell(c)
        ? ok(null)
        : ok(c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());
  }
}

/** The year a title, sheet name or file name speaks of (2024年…台账, 2024.xlsx), if it names exactly one. */
export function yearIn(...texts: readonly (string | undefined)[]): number | undefined {
  for (const t of texts) {
    if (!t) continue;
    const years = [
      ...new Set([...folded(t).matchAll(/(?<!\d)(20\d{2}|19\d{2})(?!\d)/g)].map((m) => Number(m[1]))),
    ];
    if (years.length === 1) return years[0];
  }
  return undefined;
}
