import { signatureTail, type CheckContext, type Hit } from './checks.ts';
import { ofTheYear } from './figure-role.ts';
import type { Figure, TableRow } from './types.ts';
import { firstWhere } from './sorted.ts';
import { CN_NUMERAL_CHARS, parseChineseNumeral } from './numerals.ts';

type Check = (c: CheckContext) => Hit[];

const SEGMENT_END = /[。；;！？\n]/g;

/** Sorted positions of the first character after each 。, ；, ! or line end: clause groups start there. */
function segmentStarts(text: string): number[] {
  const out = [0];
  for (const m of text.matchAll(SEGMENT_END)) out.push(m.index + 1);
  return out;
}

/** The last element of a sorted array that is ≤ `at` (or < it when `strict`), by binary search. */
function lastAtMost<T>(xs: readonly T[], pos: (x: T) => number, at: number, strict: boolean): T | undefined {
  const lo = firstWhere(xs, (x) => (strict ? pos(x) >= at : pos(x) > at));
  return lo > 0 ? xs[lo - 1] : undefined;
}

/**
 * The figure of `key` nearest before `f` in the same clause group. Built once per check, so a long
 * text with many figures is looked through in O(n log n), not once per figure.
 */
function figuresBefore(c: CheckContext, reach = 0): (f: Figure, key: string) => Figure | undefined {
  const starts = segmentStarts(c.text);
  const byKey = new Map<string, Figure[]>();
  for (const g of c.figures) {
    // Not a figure of another year, a plan or a change; not a part of what was counted as found
    // (排查107件，其中山林土地纠纷46件、婚姻家庭纠纷22件，调处成功105件: the base is 107).
    if (!ofTheYear(g) || (g.role === 'part' && BASE_KEYS.has(g.key))) continue;
    const list = byKey.get(g.key);
    if (list) list.push(g);
    else byKey.set(g.key, [g]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.start - b.start);
  return (f, key) => {
    let from = lastAtMost(starts, (n) => n, f.start, false) ?? 0;
    // `reach` sentences back: the rate is often given in the sentence after its counts.
    for (let k = 0; k < reach && from > 0; k++) from = lastAtMost(starts, (n) => n, from - 1, false) ?? 0;
    const g = lastAtMost(byKey.get(key) ?? [], (x) => x.start, f.start, true);
    return g && g.start >= from ? g : undefined;
  };
}

const decimals = (t: string) => /\.(\d+)/.exec(t)?.[1]?.length ?? 0;
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** Keys counted as the base of a rate or of what was done with it (disputes found, problems found). */
const BASE_KEYS: ReadonlySet<string> = new Set(['disputes.found', 'enforcement.problems_found']);

/**
 * A count between the disputes found and those resolved that the resolved are said to be part of
 * (“N件，其中化解M件”): the base the report rates them on.
 */
function statedBase(c: CheckContext, found: Figure, resolved: Figure): Figure | undefined {
  const between = c.figures.filter(
    (g) =>
      g.start >= found.end &&
      g.end <= resolved.start &&
      !g.approx &&
      g.unit === resolved.unit &&
      g.value >= resolved.value &&
      g.value > 0,
  );
  const base = between.at(-1);
  if (
    !base ||
    !/^\s*[，,]\s*其中\s*$/.test(
      c.text.slice(base.end, resolved.start).replace(/化解|调结|调处成功|调解成功/, ''),
    )
  )
    return undefined;
  return base;
}

/** 化解率 must equal 化解 ÷ 排查 (or ÷ the base the report states) within the rounding of the stated rate. */
const rateMismatch: Check = (c) => {
  const rows = (c.tables ?? [])
    .flat()
    .map((r) => [r.start, r.start + r.cells.join('\t').length] as const)
    .sort((a, b) => a[0] - b[0]);
  const inTable = (at: number) => {
    const r = lastAtMost(rows, (x) => x[0], at, false);
    return r !== undefined && at < r[1];
  };
  const sameClause = figuresBefore(c);
  const nextSentence = figuresBefore(c, 1);
  return c.figures.flatMap((f) => {
    if (f.key !== 'disputes.resolution_rate' || f.approx) return [];
    // A table row's rate is tableRateMismatch's.
    if (inTable(f.start)) return [];
    let resolved = sameClause(f, 'disputes.resolved');
    // The disputes found may close the sentence before the resolved and their rate (排查86件，其中：
    // 婚姻家庭纠纷31件…；调处成功79件，调处成功率97.7%).
    let found =
      resolved && (sameClause(resolved, 'disputes.found') ?? nextSentence(resolved, 'disputes.found'));
    // Only a rate standing alone in its sentence takes the counts of the sentence before.
    if (!resolved && !sameClause(f, 'disputes.found')) {
      resolved = nextSentence(f, 'disputes.resolved');
      found = resolved && nextSentence(resolved, 'disputes.found');
    }
    if (!resolved || !found || found.approx || resolved.approx || found.value === 0) return [];
    const computed = (resolved.value / found.value) * 100;
    const tol = 0.5 * 10 ** -decimals(f.text) + 1e-9;
    if (Math.abs(computed - f.value) <= tol) return [];
    // A base stated between them (已办结或到期228件，其中化解214件) is the rate's denominator.
    const base = statedBase(c, found, resolved);
    if (base && Math.abs((resolved.value / base.value) * 100 - f.value) <= tol) return [];
    const detail = `化解率${f.value}%与所列数字不符：化解${resolved.value}件÷排查${found.value}件＝${fmt(computed)}%`;
    return [{ text: f.text, start: f.start, detail }];
  });
};

/** A count in digits or in Chinese numerals (126, 一百二十六), as a group. */
const COUNT = `(\\d+|[${CN_NUMERAL_CHARS}]{1,8})`;

/**
 * An exam's rates against the counts beside them: the pass rate is those who passed ÷ those who
 * sat (参考120人，合格114人，合格率97.5% is wrong: 95%), the participation rate those who sat ÷ those
 * required to (应参考N人). One count is a catalogue figure, the other read from the words before the
 * rate in the same sentence. Data: the rate, its counts, and how the message names them.
 */
const COUNTED_RATES: readonly {
  rate: string;
  name: string;
  figure: string;
  /** The other count, read as the last match before the rate; its first group is the number. */
  words: RegExp;
  /** Whether the figure is the rate's numerator (else its denominator). */
  figureOnTop: boolean;
  says: [top: string, bottom: string];
}[] = [
  {
    rate: 'study.exam_pass_rate',
    name: '合格率',
    figure: 'study.exam_takers',
    words: new RegExp(`(?:合格|通过|及格)(?:人数)?(?:为|达|共)?\\s*${COUNT}\\s*[人名](?!次)`, 'g'),
    figureOnTop: false,
    says: ['合格', '参考'],
  },
  {
    rate: 'study.exam_participation_rate',
    name: '参考率',
    figure: 'study.exam_takers',
    // 应参考干部75人: who was to sit may be named between.
    words: new RegExp(
      `应(?:参考|参加考试|考)(?:[\\u4e00-\\u9fa5]{0,4}?)(?:为)?\\s*${COUNT}\\s*[人名](?!次)`,
      'g',
    ),
    figureOnTop: true,
    says: ['参考', '应参考'],
  },
];

const countedRateMismatch: Check = (c) => {
  const sameClause = figuresBefore(c);
  const starts = segmentStarts(c.text);
  return c.figures.flatMap((f) => {
    const spec = COUNTED_RATES.find((r) => r.rate === f.key);
    if (!spec || f.approx || f.value > 100) return [];
    const g = sameClause(f, spec.figure);
    if (!g || g.approx || g.value === 0) return [];
    const from = lastAtMost(starts, (n) => n, f.start, false) ?? 0;
    const other = [...c.text.slice(from, f.start).matchAll(spec.words)].at(-1);
    if (!other) return [];
    const n = /^\d+$/.test(other[1]!) ? Number(other[1]) : parseChineseNumeral(other[1]!);
    if (n === null) return [];
    const [top, bottom] = spec.figureOnTop ? [g.value, n] : [n, g.value];
    if (bottom === 0 || top > bottom) return [];
    const computed = (top / bottom) * 100;
    if (Math.abs(computed - f.value) <= 0.5 * 10 ** -decimals(f.text) + 1e-9) return [];
    const detail = `${spec.name}${f.value}%与所列数字不符：${spec.says[0]}${top}人÷${spec.says[1]}${bottom}人＝${fmt(computed)}%`;
    return [{ text: f.text, start: f.start, detail }];
  });
};

const rateOver100: Check = (c) =>
  c.figures
    .filter((f) => f.unit === '%' && f.key.endsWith('_rate') && f.value > 100)
    .map((f) => ({ text: f.text, start: f.start }));

const PAIRS: readonly [string, string, string][] = [
  ['disputes.found', 'disputes.resolved', '化解数{r}大于排查数{f}'],
  ['enforcement.problems_found', 'enforcement.problems_rectified', '整改数{r}大于发现问题数{f}'],
];

const resolvedOverFound: Check = (c) => {
  const lastBefore = figuresBefore(c);
  return c.figures.flatMap((f) => {
    // Last year's rectified beside this year's found (整改到位1002处/1160处) is no pair.
    const pair = ofTheYear(f) ? PAIRS.find((p) => p[1] === f.key) : undefined;
    const found = pair && lastBefore(f, pair[0]);
    if (!pair || !found || f.value <= found.value) return [];
    return [
      { text: f.text, start: f.start, detail: pair[2].replace('{r}', f.text).replace('{f}', found.text) },
    ];
  });
};

const FULL_DATE = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

/** The 成文日期 in the signature block (the last lines before any appendix or 版记). */
function writingDate(text: string): { y: number; m: number; d: number; start: number } | undefined {
  for (const l of signatureTail(text).slice(-8).reverse()) {
    const m = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(l.line);
    if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), start: l.start + m.index };
  }
  return undefined;
}

const dateAfterWriting: Check = (c) => {
  const w = writingDate(c.text);
  if (!w) return [];
  const wv = w.y * 10000 + w.m * 100 + w.d;
  const plan = c.sections.filter((s) => s.part === 'nextYear');
  return [...c.text.matchAll(FULL_DATE)].flatMap((m) => {
    // Not the page's own dates (发布时间：2022年03月25日), nor the plans'.
    if (m.index >= w.start || c.onPage(m.index) || plan.some((s) => m.index >= s.start && m.index < s.end))
      return [];
    const v = Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
    if (v <= wv) return [];
    // A date something is still to be done by (将于2026年3月31日前在门户网站公开).
    const before = c.text.slice(Math.max(0, m.index - 8), m.index);
    const after = c.text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/(将|拟|计划|预计|力争)[^，,。；;]{0,4}$/.test(before) || /^\s*(前|之前|以前)/.test(after)) return [];
    return [{ text: m[0], start: m.index, detail: `日期“${m[0]}”晚于成文日期${w.y}年${w.m}月${w.d}日` }];
  });
};

const PARTIAL =
  /预计|初步统计|不完全统计|暂未|暂列|部分数据|截至目前|全年数据|预估|年底前|另行补充|(?:将|再)[^，,。；;]{0,12}补充|提前报送/;
const CUTOFF = /截[至止]\s*(?:(20\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?/g;

/** An annual report counted up to a date before 31 December without saying so (domain.md). */
const earlyCutoff: Check = (c) => {
  // A report that says once where its data stop (本报告数据统计时间截至11月30日，12月份数据将…补充)
  // has said it for every cutoff of that month.
  const declared = new Set<number>();
  return [...c.text.matchAll(CUTOFF)].flatMap((m) => {
    const y = m[1] ? Number(m[1]) : c.year;
    const month = Number(m[2]);
    const day = m[3] ? Number(m[3]) : month === 12 ? 31 : 1;
    if (y === null || y !== c.year || (month === 12 && day >= 31)) return [];
    const around = c.text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 60);
    if (declared.has(month)) return [];
    if (PARTIAL.test(around)) {
      if (DATA_CUTOFF.test(c.text.slice(Math.max(0, m.index - 16), m.index))) declared.add(month);
      return [];
    }
    const detail = `年度数据统计截至${month}月${m[3] ? day + '日' : ''}，未到年底，且未说明数据不完整`;
    return [{ text: m[0], start: m.index, detail }];
  });
};
/** Words that say a cutoff is the report's own (本报告数据统计时间截至, 以上数据截至). */
const DATA_CUTOFF = /(?:报告|数据)[^，,。；;]{0,8}$/;

/** Labels of a dispute table's cells: found, resolved, and the rate (化解率). */
const T_RATE = /化解率|调处率|调解成功率|成功率/;
const T_RESOLVED = /化解|调处|调解成功/;
const T_BASE = /已?办结|到期/;
const T_FOUND = /排查|受理|摸排|发现|收到/;
const cellNumber = (s: string) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:%|％|件|起)?\s*$/.exec(s);
  return m ? { value: Number(m[1]), text: m[1]! } : undefined;
};

/** A table's records: label → value with where the value is; rows of label/value pairs, or a header row. */
function tableRecords(
  rows: readonly TableRow[],
): Map<string, { value: number; text: string; start: number }>[] {
  const at = (r: TableRow, i: number) => r.start + r.cells.slice(0, i).reduce((n, x) => n + x.length + 1, 0);
  const pairs = new Map<string, { value: number; text: string; start: number }>();
  for (const r of rows)
    r.cells.forEach((label, i) => {
      const v = i + 1 < r.cells.length ? cellNumber(r.cells[i + 1]!) : undefined;
      if (v && /^[^\d]*[\u4e00-\u9fa5]/.test(label)) pairs.set(label, { ...v, start: at(r, i + 1) });
    });
  const out = pairs.size ? [pairs] : [];
  const [head, ...body] = rows;
  if (head && head.cells.some((x) => T_RATE.test(x)))
    for (const r of body) {
      const rec = new Map<string, { value: number; text: string; start: number }>();
      r.cells.forEach((x, i) => {
        const v = cellNumber(x);
        if (v && head.cells[i]) rec.set(head.cells[i], { ...v, start: at(r, i) });
      });
      out.push(rec);
    }
  return out;
}

/** 化解率 against 化解 ÷ 排查 in a .docx table (a row per label, or a header row and a row per year). */
const tableRateMismatch: Check = (c) =>
  (c.tables ?? []).flatMap((t) =>
    tableRecords(t).flatMap((rec) => {
      const entries = [...rec.entries()];
      // Labels of disputes first (a table may also list 信访 and other counts).
      const pick = (ok: (l: string) => boolean) =>
        entries.find(([l]) => ok(l) && /纠纷/.test(l)) ?? entries.find(([l]) => ok(l) && !/信访/.test(l));
      const rate = entries.find(([l]) => T_RATE.test(l));
      const resolved = pick((l) => T_RESOLVED.test(l) && !/率/.test(l));
      const found = pick((l) => T_FOUND.test(l) && !T_RESOLVED.test(l) && !/率/.test(l));
      const base = pick((l) => T_BASE.test(l) && !/率/.test(l));
      if (!rate || !resolved || !found || found[1].value === 0) return [];
      const computed = (resolved[1].value / found[1].value) * 100;
      const tol = 0.5 * 10 ** -decimals(rate[1].text) + 1e-9;
      if (
        base &&
        base[1].value > 0 &&
        Math.abs((resolved[1].value / base[1].value) * 100 - rate[1].value) <= tol
      )
        return [];
      // Without a stated base the rate may be on the disputes concluded (fewer than found), so it
      // can be above 化解 ÷ 排查 but never below it.
      if (base ? Math.abs(computed - rate[1].value) <= tol : rate[1].value >= computed - tol) return [];
      const detail = `表格中${rate[0]}${rate[1].value}%与所列数字不符：${resolved[0]}${resolved[1].value}÷${found[0]}${found[1].value}＝${fmt(computed)}%`;
      return [{ text: rate[1].text, start: rate[1].start, detail }];
    }),
  );

export const figureChecks: Record<string, Check> = {
  rateMismatch,
  countedRateMismatch,
  tableRateMismatch,
  rateOver100,
  resolvedOverFound,
  dateAfterWriting,
  earlyCutoff,
};
