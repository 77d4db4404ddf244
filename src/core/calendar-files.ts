/**
 * Calendar files an administrator may import instead of pasting a notice: JSON
 * ({year, holidays:[{date,name}], workdays:[{date,name}]}) or iCalendar (VEVENTs whose SUMMARY reads
 * "春节(休)" or "春节(班)", as chinese-days' holidays.ics). Pure: text in, arrangements out.
 */
import type { Arrangement, CalendarEntry } from './calendar.ts';
import { addDays, isIsoDate } from './dates.ts';
import { UserError } from './errors.ts';
import { festivalName } from './holiday-notice.ts';

const bad = (message: string): UserError => new UserError(message, 'calendar_file');

function entry(v: unknown, kind: CalendarEntry['kind'], where: string): CalendarEntry {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const date = typeof o.date === 'string' ? o.date : '';
  if (!isIsoDate(date)) throw bad(`${where}的日期“${String(o.date)}”不是 YYYY-MM-DD 形式的有效日期`);
  const name = typeof o.name === 'string' ? (festivalName(o.name) ?? o.name.trim()) : '';
  if (!name) throw bad(`${where}（${date}）缺少节日名称 name`);
  return { date, kind, name };
}

/** A JSON calendar file: one year's arrangement. */
export function parseCalendarJson(text: string, fileName: string): Arrangement {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad(`${fileName} 不是有效的 JSON`);
  }
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const year = o.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100)
    throw bad(`${fileName} 缺少年份 year（2000 至 2100 之间的整数）`);
  const list = (k: 'holidays' | 'workdays'): unknown[] => {
    const x = o[k];
    if (x === undefined) return [];
    if (!Array.isArray(x)) throw bad(`${fileName} 的 ${k} 应为数组`);
    return x;
  };
  const entries = [
    ...list('holidays').map((x, i) => entry(x, 'holiday', `放假日第${i + 1}项`)),
    ...list('workdays').map((x, i) => entry(x, 'workday', `调休上班日第${i + 1}项`)),
  ];
  if (!entries.some((e) => e.kind === 'holiday')) throw bad(`${fileName} 没有放假日 holidays`);
  return { year, source: `json:${fileName}`, entries: sorted(entries) };
}

const sorted = (es: CalendarEntry[]): CalendarEntry[] =>
  es.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** iCalendar content lines, folded lines joined (RFC 5545 §3.1). */
function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

const icsDate = (v: string | undefined): string | null => {
  const m = v ? /(\d{4})(\d{2})(\d{2})/.exec(v) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
};

/**
 * An iCalendar file: each VEVENT a run of days from DTSTART up to DTEND (exclusive), off (休) or
 * worked (班). Grouped into arrangements by year; a December 元旦 day belongs to the next year's.
 */
export function parseCalendarIcs(text: string, fileName: string): Arrangement[] {
  const byYear = new Map<number, CalendarEntry[]>();
  let ev: Map<string, string> | null = null;
  let n = 0;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') ev = new Map();
    else if (line === 'END:VEVENT' && ev) {
      n++;
      const summary = ev.get('SUMMARY') ?? '';
      const m = /^(.+?)\s*[(（]\s*(休|班)\s*[)）]\s*$/.exec(summary);
      if (!m) throw bad(`${fileName} 第${n}个事件的标题“${summary}”应为“春节(休)”或“春节(班)”的形式`);
      const from = icsDate(ev.get('DTSTART'));
      const end = icsDate(ev.get('DTEND'));
      if (!from || !isIsoDate(from)) throw bad(`${fileName} 第${n}个事件（${summary}）缺少有效的 DTSTART`);
      const to = end && isIsoDate(end) && end > from ? addDays(end, -1) : from;
      if (to > addDays(from, 31)) throw bad(`${fileName} 第${n}个事件（${summary}）超过一个月`);
      const name = festivalName(m[1]!) ?? m[1]!.trim();
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const y = Number(d.slice(0, 4)) + (name === '元旦' && d.slice(5, 7) === '12' ? 1 : 0);
        byYear.set(y, [
          ...(byYear.get(y) ?? []),
          { date: d, kind: m[2] === '休' ? 'holiday' : 'workday', name },
        ]);
      }
      ev = null;
    } else if (ev) {
      const i = line.indexOf(':');
      if (i > 0) ev.set(line.slice(0, i).split(';')[0]!.toUpperCase(), line.slice(i + 1).trim());
    }
  }
  if (byYear.size === 0) throw bad(`${fileName} 中没有节假日事件（VEVENT）`);
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, entries]) => ({ year, source: `ics:${fileName}`, entries: sorted(entries) }));
}
