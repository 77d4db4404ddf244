import type { CheckContext, Hit } from './checks.ts';
import type { MetaProblem } from './meta.ts';
import { strayTraditional } from './hanzi.ts';
import { ENCLOSED_NUMERAL } from './headings.ts';
import { linesOf } from './lines.ts';
import { OPEN_YEAR_BRACKET, PLANS } from './rules.ts';

type Check = (c: CheckContext) => Hit[];

/** Organisation or year missing, or title, 落款 and body disagreeing (meta.ts). */
const metaProblems =
  (kind: MetaProblem): Check =>
  (c) =>
    (c.meta?.problems ?? [])
      .filter((p) => p.kind === kind)
      .map((p) => ({ text: p.text, start: p.start, detail: p.detail }));

/** A year on its own, not the end of a period (2021—2025年) nor its start. */
const LONE_YEAR = /(?<![—–\-－~～至到]\s?)(20\d{2})\s*年(?!\s*[—–\-－~～至到]\s*20)(度)?/g;

/** Where the plans for the next year are: there the next year is the right one. */
const inPlans = (c: CheckContext, at: number) =>
  c.sections.some((s) => s.part === 'nextYear' && at >= s.heading.start && at < s.end);

/** A heading naming a year other than the report's (a 2025 report with a 2024年 heading). */
const headingYear: Check = (c) => {
  if (c.year === null) return [];
  const year = c.year;
  return c.headings.flatMap((h) => {
    const words = h.number + h.text;
    for (const m of words.matchAll(LONE_YEAR)) {
      const y = Number(m[1]);
      const after = words.slice(m.index + m[0].length);
      if (/^\s*以来/.test(after)) continue; // sinceYear's
      // Last year's report, plans or audit followed up (2023年度报告所列工作安排落实情况).
      if (y === year - 1 && /^.{0,6}(报告|安排|部署|整改|督察|反馈|考核)/.test(after)) continue;
      // The plans' own heading names the next year (四、2023年工作安排 in a 2022 report); a heading
      // under it may name this year's results it builds on.
      const plansHeading = c.sections.some((x) => x.part === 'nextYear' && x.heading.start === h.start);
      const ok = plansHeading
        ? y === year + 1
        : inPlans(c, h.start)
          ? y === year + 1 || y === year
          : y === year;
      if (ok) continue;
      return [
        {
          text: words.slice(0, 40),
          start: h.start,
          detail: `标题中的“${m[0]}”与报告年度${year}年不符`,
        },
      ];
    }
    return [];
  });
};

/** 20XX年以来 in a report on another year: last year's text carried over. */
const sinceYear: Check = (c) => {
  if (c.year === null) return [];
  const year = c.year;
  const text = c.text;
  return [...text.matchAll(/(?<![—–\-－~～至到\d]\s?)(20\d{2})\s*年\s*以来/g)].flatMap((m) => {
    const y = Number(m[1]);
    // An older start (2021年以来, the plan's first year) is a span; last year's is a slip.
    if (y === year || y < year - 1 || (y === year + 1 && inPlans(c, m.index))) return [];
    // Said of the things since then (对2020年以来签订的合同进行清理), not of the year's work: no slip.
    const next = text[m.index + m[0].length] ?? '';
    const prev = text[m.index - 1] ?? '';
    if (!/[，,、：:]/.test(next) && !/^$|[\s，,。；;：:！!？?自]/.test(prev)) return [];
    return [
      { text: m[0], start: m.index, detail: `“${m[0]}”与报告年度${year}年不符（应为“${year}年以来”）` },
    ];
  });
};

/** Last year's work plan cited as this year's basis (a 2022 report following 《2021年…工作要点》). */
const citedYear: Check = (c) => {
  if (c.year === null) return [];
  const year = c.year;
  const text = c.text;
  return [
    ...text.matchAll(/《(20\d{2})\s*年(?!\s*[—–\-－~～至到])[^》\n]{2,40}?(?:要点|计划|方案|安排|清单)》/g),
  ].flatMap((m) => {
    const y = Number(m[1]);
    if (y >= year || inPlans(c, m.index)) return [];
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (/总结|回顾|上一?年|去年|以来/.test(before)) return [];
    const detail = `${year}年度报告依据的是${y}年的《${m[0].slice(1, 12)}…》，应为${year}年的工作要点或计划`;
    return [{ text: c.text.slice(m.index + 1, m.index + m[0].length - 1), start: m.index, detail }];
  });
};

/** A title naming the report but not its year (关于法治政府建设的情况报告). */
const titleYearMissing: Check = (c) => {
  // The title's lines, not the page's above it (发布时间：2026-03-06).
  const title = linesOf(c.text.slice(0, c.titleEnd))
    .filter((l) => l.text.trim() && !c.onPage(l.start))
    .map((l) => l.text.trim())
    .join('\n');
  // A year written without 年 (2024法治…) is word.missing's.
  if (!/报告|情况|总结/.test(title) || /20\d{2}|二[〇○零][一二三四五六七八九〇○零]{2}\s*年/.test(title))
    return [];
  const start = Math.max(0, c.text.indexOf(title.split('\n')[0]!));
  return [{ text: c.text.slice(start, start + title.length).replace(/\n/g, ''), start }];
};

/** A plan cited with a period that is not its own (实施纲要（2022—2025年）). */
/** The administrative characters that name a local government (广州市, 砚山县): its plans are its own. */
const LOCAL = '省市区县州盟旗';
const LOCAL_NAME = new RegExp(`[${LOCAL}]`);

const planPeriod: Check = (c) => {
  const text = c.text;
  return PLANS.flatMap((p) => {
    // A province's or city's own plan of the same name (《广州市法治社会建设实施纲要（2021—2025年）》)
    // has its own period.
    const re = new RegExp(
      `(?<![${LOCAL}])${p.name}[》”"]?\\s*[（(]\\s*(20\\d{2})\\s*年?\\s*[—–\\-－~～至]+\\s*(20\\d{2})\\s*年?\\s*[）)]`,
      'g',
    );
    return [...text.matchAll(re)].flatMap((m) => {
      // Nor does a county's plan to carry it out, named after it within one 《》
      // (《砚山县贯彻法治社会建设实施纲要（2021—2025年）任务分解方案》).
      const opened = text.lastIndexOf('《', m.index);
      if (opened >= m.index - 20 && LOCAL_NAME.test(text.slice(opened, m.index))) return [];
      const period = [Number(m[1]), Number(m[2])] as const;
      const known = [[p.from, p.to], ...(p.older ?? [])];
      if (known.some(([a, b]) => a === period[0] && b === period[1])) return [];
      const detail = `“${p.label}”的期限为${p.from}—${p.to}年，此处写作${period[0]}—${period[1]}年`;
      return [{ text: c.text.slice(m.index, m.index + m[0].length), start: m.index, detail }];
    });
  });
};

/**
 * A heading whose number was lost with its closing bracket: a line of its own that opens with a
 * bracket and words, never closed ((深入学习宣传贯彻习近平法治思想的情况，…), among （一）-style headings.
 */
const LOST_NUMBER = /^\s*[（(](?![一二三四五六七八九十\d\s])[\u4e00-\u9fa5][^）)]*$/;

/**
 * A heading number with a bracket missing (一)…, （一…) or half-width among full-width ones, a
 * 、 or . left out, or the number lost with its bracket (LOST_NUMBER).
 */
/** Heading numbers read without the mark that should follow them, and the mark. */
const UNMARKED = [
  { style: 'cn', bare: /^[一二三四五六七八九十]+$/, mark: '顿号“、”' },
  { style: 'arabic', bare: /^\d+$/, mark: '“.”' },
] as const;

const headingSyntax: Check = (c) => {
  const lost: Hit[] = [];
  if (c.headings.some((h) => h.style === 'cnParen'))
    for (const { text: line, start } of linesOf(c.text)) {
      if (LOST_NUMBER.test(line)) {
        const at = line.search(/[（(]/);
        const text = line
          .slice(at)
          .split(/[，,。；;]/)[0]!
          .slice(0, 24);
        lost.push({ text, start: start + at, detail: `标题“${text}”缺少序号，左括号未闭合` });
      }
    }
  // A number without its mark: 一 without 、, 1 without . (1理论武装…).
  const unmarked = UNMARKED.flatMap(({ style, bare, mark }) =>
    c.headings
      .filter((h) => h.style === style && bare.test(h.number.trim()))
      .map((h) => ({
        text: h.number + h.text.slice(0, 20),
        start: h.start,
        detail: `标题编号“${h.number.trim()}”后缺少${mark}`,
      })),
  );
  const paren = c.headings.filter((h) => h.style === 'cnParen' || h.style === 'arabicParen');
  const fullWidth = paren.filter((h) => /^（.*）/.test(h.number)).length;
  const parenHits = paren.flatMap((h) => {
    const n = h.number.replace(/[、.．\s]+$/, '');
    if (n.length === 1 && ENCLOSED_NUMERAL.test(n)) {
      const want = `（${'一二三四五六七八九十'[h.ordinal - 1]}）`;
      const detail = `标题编号“${n}”是一个带括号的字符，应为“${want}”`;
      return [{ text: h.number + h.text.slice(0, 20), start: h.start, detail }];
    }
    const open = /^[（(]/.test(n);
    const close = /[）)]$/.test(n);
    if (!open || !close) {
      const detail = `标题编号“${n}”缺少${open ? '右' : '左'}括号`;
      return [{ text: h.number + h.text.slice(0, 20), start: h.start, detail }];
    }
    if (/[()]/.test(n) && fullWidth > 0) {
      const detail = `标题编号“${n}”使用半角括号，与其他标题的全角括号“（）”不一致`;
      return [{ text: h.number + h.text.slice(0, 20), start: h.start, detail }];
    }
    return [];
  });
  return [...unmarked, ...parenHits, ...lost];
};

const BROKEN_DOCNUM = new RegExp(OPEN_YEAR_BRACKET);

// Web copies keep ASCII parentheses (纲要2021-2025年)), so they are paired too.
const PAIRS: Readonly<Record<string, string>> = {
  '）': '（',
  ')': '(',
  '》': '《',
  '】': '【',
  '〕': '〔',
  '”': '“',
};
/**
 * Marks that do not hold another of their kind: a title within a title takes 〈〉 and a quotation
 * within a quotation ‘’, so a second 《 or “ before the first closes means the first never did.
 * A “ doubled in place (““4·15”) is the quotation-marks rule's.
 */
const FLAT = new Set(['《', '“']);
const OPENS = new Set(Object.values(PAIRS));
/** The closing mark of each opening one. */
const CLOSE_OF = new Map(Object.entries(PAIRS).map(([close, open]) => [open, close]));
/** Every mark of a pair: a line is read only at these (most of its characters are none). */
const MARKS = new RegExp(
  `[${[...Object.keys(PAIRS), ...OPENS].map((m) => m.replace(/[\]\\^-]/g, '\\$&')).join('')}]`,
  'g',
);

/** Farthest an outer title's 》 stands after the inner title's 《. */
const TITLE_REACH = 200;

/**
 * Where the outer title closes when a 《 at `i` opens inside an open one and the marks balance as a
 * title within a title (《…印发《…要点》的通知》), else -1: the inner one should be 〈〉, and neither
 * is unpaired.
 */
function nestedTitleEnd(line: string, i: number): number {
  let depth = 2;
  // A title is short: looked for within TITLE_REACH characters, so a line of marks costs no more.
  for (let j = i + 1; j < Math.min(line.length, i + TITLE_REACH); j++) {
    if (line[j] === '《') depth++;
    else if (line[j] === '》' && --depth === 0) return j;
    else if (/[。；;！!？?]/.test(line[j]!)) return -1;
  }
  return -1;
}

/**
 * A closing bracket with no opening one in its line (纲要2021-2025年）), or an opening one never
 * closed. A closing bracket in a line's first four characters is a list number (1）), left alone.
 */
const bracketUnpaired: Check = (c) => {
  const out: Hit[] = [];
  const lines = linesOf(c.text);
  const last = lines.findLastIndex((l) => l.text.trim() !== '');
  const lostIsHeading = c.headings.some((h) => h.style === 'cnParen');
  lines.forEach(({ text: line, start: offset }, n) => {
    const stack: number[] = [];
    // A web page's buttons, fields (【打印】 【字体:) and banner are no part of the report.
    if (c.onPage(offset)) return;
    for (const mark of line.matchAll(MARKS)) {
      const i = mark.index;
      const ch = mark[0];
      const want = PAIRS[ch];
      // 《 inside an open 《 (规划（2020-2025年）《纲要》): the first was never closed; a title
      // within a title takes 〈〉. Found even in a last line cut short.
      const found = FLAT.has(ch) ? stack.findLastIndex((j) => line[j] === ch) : -1;
      const outer =
        found >= 0 &&
        !(ch === '“' && stack[found] === i - 1) &&
        !(ch === '《' && nestedTitleEnd(line, i) >= 0)
          ? found
          : -1;
      if (outer >= 0) {
        const from = stack[outer]!;
        const text = line.slice(from, i);
        out.push({ text, start: offset + from, detail: `“${ch}”没有对应的“${CLOSE_OF.get(ch)}”：${text}` });
        stack.splice(outer, 1);
      }
      if (OPENS.has(ch)) stack.push(i);
      else if (want) {
        // Closes the nearest matching opening; an inner one left open (〔2025) is another check's.
        const at = stack.findLastIndex((j) => line[j] === want);
        if (at >= 0) stack.length = at;
        else if (i >= 4) {
          const from = Math.max(0, i - 12, line.lastIndexOf('。', i) + 1);
          const text = line.slice(from, i + 1);
          out.push({ text, start: offset + from, detail: `“${ch}”没有对应的“${want}”：${text}` });
        }
      }
    }
    // An opening never closed; not in the last line, which a copy may have cut short.
    // A heading's number missing its bracket (（三加强), or lost with it, is headings.syntax's.
    const lead = line.search(/\S/);
    const open = stack.find(
      (j) =>
        line[j] !== '〔' &&
        // A document number cut short inside it ((璧山府办发〔202320) is docnum.broken's.
        !BROKEN_DOCNUM.test(line.slice(j + 1, j + 16)) &&
        !(
          j === lead &&
          (/^\s*[（(][一二三四五六七八九十\d]/.test(line) || (lostIsHeading && LOST_NUMBER.test(line)))
        ),
    );
    if (open !== undefined && n < last && line.length - open > 1) {
      const text = line.slice(open, open + 13);
      const close = Object.keys(PAIRS).find((k) => PAIRS[k] === line[open]);
      out.push({ text, start: offset + open, detail: `“${line[open]}”没有对应的“${close}”：${text}` });
    }
  });
  return out;
};

/** A title within a title written with 《》 (《关于印发《…要点》的通知》): the inner one takes 〈〉. */
const titleNested: Check = (c) =>
  linesOf(c.text).flatMap(({ text: line, start: offset }) => {
    if (c.onPage(offset) || !line.includes('《')) return [];
    const out: Hit[] = [];
    let open = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (ch === '》') open = false;
      if (ch !== '《') continue;
      const end: number = open ? nestedTitleEnd(line, i) : -1;
      // An outer title never closed (bracket.unpaired's) leaves this one the open title.
      open = end < 0;
      if (end < 0) continue;
      const text = line.slice(i, line.indexOf('》', i) + 1);
      out.push({ text, start: offset + i, detail: `书名号内的书名号“${text}”应改为单书名号“〈〉”` });
      i = end;
    }
    return out;
  });

/** A traditional character in a text written in simplified ones (工作情況). */
const strayScript: Check = (c) => {
  const written = c.original ?? c.text;
  // A web page's own words (a 繁體版 button) are not the report's.
  return strayTraditional(written, c.text).flatMap((i) => {
    if (c.onPage(i)) return [];
    const text = written.slice(Math.max(0, i - 2), i + 1);
    return [{ text, start: i, detail: `“${text}”中的“${written[i]!}”是繁体字，应为“${c.text[i]!}”` }];
  });
};

export const yearChecks: Record<string, Check> = {
  /** Found when a batch is compared (index.ts), not in one document. */
  batchOnly: () => [],
  metaOrg: metaProblems('org'),
  metaYear: metaProblems('year'),
  metaOrgMissing: metaProblems('orgMissing'),
  metaYearMissing: metaProblems('yearMissing'),
  headingYear,
  sinceYear,
  planPeriod,
  citedYear,
  titleYearMissing,
  bracketUnpaired,
  titleNested,
  headingSyntax,
  strayScript,
};
