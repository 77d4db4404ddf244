/**
 * Reads the State Council General Office's annual notice (国务院办公厅关于20XX年部分节假日安排的通知)
 * as pasted from gov.cn: one line per festival, "二、春节：2月15日（农历腊月二十八、周日）至23日
 * （农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。" Pure; text it
 * cannot read is refused with the line named, never guessed.
 */
import type { Arrangement, CalendarEntry } from './calendar.ts';
import { addDays, isIsoDate } from './dates.ts';
import { UserError } from './errors.ts';
import { festivalDate } from './statutory-holidays.ts';

/** A festival as the notice writes it → the name the calendar keeps (as chinese-days has them). */
const FESTIVALS: Readonly<Record<string, string>> = {
  元旦: '元旦',
  春节: '春节',
  清明节: '清明',
  清明: '清明',
  劳动节: '劳动节',
  端午节: '端午',
  端午: '端午',
  中秋节: '中秋',
  中秋: '中秋',
  国庆节: '国庆节',
  国庆: '国庆节',
};

/** The calendar's name for a festival as written in a notice or file, or undefined. */
export function festivalName(raw: string): string | undefined {
  return FESTIVALS[raw.trim()];
}

const FULL_WIDTH = /[０-９（）：－～，。；]/g;
const HALF: Readonly<Record<string, string>> = {
  '（': '(',
  '）': ')',
  '：': ':',
  '－': '-',
  '～': '~',
  '，': ',',
  '。': '。',
  '；': '；',
};

/** Full-width digits and brackets to half-width, so one pattern reads both. */
function normalise(s: string): string {
  return s.replace(FULL_WIDTH, (c) =>
    c >= '０' && c <= '９' ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : (HALF[c] ?? c),
  );
}

const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

class LineError extends Error {}

interface DatePart {
  readonly y?: number;
  readonly m?: number;
  readonly d: number;
}

const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/g;
const RANGE_SEP = /^\s*(?:至|到|—+|–|-|~)\s*$/;

/** Dates of a clause: single days joined by 、 and ranges joined by 至 (or a dash). */
function clauseDates(text: string, year: number, newYearSection: boolean): string[] {
  const parts: { p: DatePart; at: number; end: number }[] = [];
  for (const m of text.matchAll(DATE))
    parts.push({
      p: { y: m[1] ? Number(m[1]) : undefined, m: m[2] ? Number(m[2]) : undefined, d: Number(m[3]) },
      at: m.index,
      end: m.index + m[0].length,
    });
  if (parts.length === 0) throw new LineError('没有找到日期');
  const out: string[] = [];
  const resolve = (p: DatePart, after: { y: number; m: number } | null): string => {
    const m = p.m ?? after?.m;
    if (m === undefined) throw new LineError(`“${p.d}日”缺少月份`);
    // An undated December day in the 元旦 section is the previous year's (12月31日至1月2日).
    let y = p.y ?? after?.y ?? (newYearSection && m === 12 ? year - 1 : year);
    if (p.y === undefined && after && m < after.m) y = after.y + 1;
    const s = iso(y, m, p.d);
    if (!isIsoDate(s)) throw new LineError(`“${m}月${p.d}日”不是有效日期`);
    return s;
  };
  for (let i = 0; i < parts.length; i++) {
    const cur = parts[i]!;
    const from = resolve(cur.p, null);
    const next = parts[i + 1];
    const between = next ? text.slice(cur.end, next.at) : '';
    if (next && RANGE_SEP.test(between)) {
      const to = resolve(next.p, { y: fy(from), m: Number(from.slice(5, 7)) });
      if (to < from) throw new LineError(`日期范围${from}至${to}前后颠倒`);
      if (to > addDays(from, 31)) throw new LineError(`日期范围${from}至${to}超过一个月`);
      for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
      i++;
    } else out.push(from);
  }
  return out;
}

const fy = (d: string): number => Number(d.slice(0, 4));

// Fixed-date festival days keep their own name in a combined section (国庆 on 中秋 2020-10-01).
const FIXED_DAYS = new Set(['01-01', '05-01', '10-01']);

/** The name of each day of a combined section (国庆节、中秋节): 中秋 on its lunar date, the other name elsewhere. */
function namer(names: readonly string[]): (date: string) => string {
  const fixed = names.find((n) => festivalDate(2000, n) === null) ?? names[0]!;
  return (date) => {
    if (names.length === 1) return names[0]!;
    if (FIXED_DAYS.has(date.slice(5))) return fixed;
    return names.find((n) => festivalDate(fy(date), n) === date) ?? fixed;
  };
}

const SECTION = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*)?([\u4e00-\u9fa5、\s]+?)\s*:\s*(.+)$/;
const NUMBERED = /^\s*[一二三四五六七八九十]+\s*[、.．]/;

/** One festival line: its holidays and make-up workdays. */
function readSection(names: readonly string[], body: string, year: number): CalendarEntry[] {
  const text = body.replace(/\([^)]*\)/g, '');
  const sentences = text.split(/[。；;]/).map((s) => s.trim());
  const name = namer(names);
  const newYear = names.includes('元旦');
  const off = sentences.find((s) => s.includes('放假'));
  if (!off) throw new LineError('没有找到放假日期（应有“……放假”）');
  const holidays = clauseDates(off.slice(0, off.indexOf('放假')), year, newYear);
  const total = /共(\d+)天/.exec(text);
  if (total && Number(total[1]) !== holidays.length)
    throw new LineError(`放假日期共${holidays.length}天，与通知所写“共${total[1]}天”不符`);
  const workdays = sentences
    .filter((s) => s.endsWith('上班') && !s.includes('放假'))
    .flatMap((s) => clauseDates(s.slice(0, s.lastIndexOf('上班')), year, newYear));
  return [
    ...holidays.map((date): CalendarEntry => ({ date, kind: 'holiday', name: name(date) })),
    ...workdays.map((date): CalendarEntry => ({ date, kind: 'workday', name: name(date) })),
  ];
}

/** The notice's year: from its title, else the one given. */
function noticeYear(text: string, given: number | undefined): number {
  const m = /关于\s*(\d{4})\s*年[^\n]*节假日安排/.exec(text) ?? /(\d{4})\s*年部分节假日安排/.exec(text);
  if (m) return Number(m[1]);
  if (given !== undefined) return given;
  throw new UserError(
    '未找到通知年份：请连同标题“国务院办公厅关于20XX年部分节假日安排的通知”一并粘贴，或指定年份',
    'notice_year',
  );
}

/** The arrangement a pasted notice announces, with its document number as the source. */
export function parseHolidayNotice(raw: string, opts: { year?: number } = {}): Arrangement {
  const text = normalise(raw);
  const year = noticeYear(text, opts.year);
  const doc = /国办发明电\s*〔\s*(\d{4})\s*〕\s*(\d+)\s*号/.exec(text);
  const source = doc
    ? `国务院办公厅通知 国办发明电〔${doc[1]}〕${doc[2]}号`
    : `国务院办公厅通知（${year}年）`;
  const entries: CalendarEntry[] = [];
  const seen = new Set<string>();
  raw.split(/\r?\n/).forEach((original, i) => {
    const line = normalise(original);
    const m = SECTION.exec(line);
    const raws = m ? m[1]!.split('、').map((s) => s.trim()) : [];
    const names = raws.map(festivalName).filter((n): n is string => n !== undefined);
    const known = m !== null && raws.length > 0 && names.length === raws.length;
    if (!known) {
      if (NUMBERED.test(line) && /\d+\s*月?\s*\d*\s*日/.test(line))
        throw new UserError(`第${i + 1}行无法识别：“${original.trim()}”（未知的节日名称）`, 'notice_line');
      return;
    }
    try {
      for (const e of readSection(names, m[2]!, year)) {
        if (seen.has(e.date)) throw new LineError(`${e.date}在通知中出现了两次`);
        seen.add(e.date);
        entries.push(e);
      }
    } catch (e) {
      if (e instanceof LineError)
        throw new UserError(`第${i + 1}行无法识别：“${original.trim()}”（${e.message}）`, 'notice_line');
      throw e;
    }
  });
  if (entries.length === 0)
    throw new UserError(`没有读到任何节日安排：通知正文应有“一、元旦：1月1日放假……”这样的行`, 'notice_empty');
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, source, entries };
}
