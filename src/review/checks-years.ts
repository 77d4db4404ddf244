import type { CheckContext, Hit } from './checks.ts';
import { PLANS } from './rules.ts';

type Check = (c: CheckContext) => Hit[];

/** Organisation or year missing, or title, 落款 and body disagreeing (meta.ts). */
const metaProblems =
  (kind: 'org' | 'year'): Check =>
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
      const ok = inPlans(c, h.start) ? y === year + 1 || y === year : y === year;
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
  const text = c.plain ?? c.text;
  return [...text.matchAll(/(?<![—–\-－~～至到\d]\s?)(20\d{2})\s*年\s*以来/g)].flatMap((m) => {
    const y = Number(m[1]);
    // An older start (2021年以来, the plan's first year) is a span; last year's is a slip.
    if (y === year || y < year - 1 || (y === year + 1 && inPlans(c, m.index))) return [];
    return [
      { text: m[0], start: m.index, detail: `“${m[0]}”与报告年度${year}年不符（应为“${year}年以来”）` },
    ];
  });
};

/** A plan cited with a period that is not its own (实施纲要（2022—2025年）). */
const planPeriod: Check = (c) => {
  const text = c.plain ?? c.text;
  return PLANS.flatMap((p) => {
    const re = new RegExp(
      `${p.name}[》”"]?\\s*[（(]\\s*(20\\d{2})\\s*年?\\s*[—–\\-－~～至]+\\s*(20\\d{2})\\s*年?\\s*[）)]`,
      'g',
    );
    return [...text.matchAll(re)].flatMap((m) => {
      const period = [Number(m[1]), Number(m[2])] as const;
      const known = [[p.from, p.to], ...(p.older ?? [])];
      if (known.some(([a, b]) => a === period[0] && b === period[1])) return [];
      const detail = `“${p.label}”的期限为${p.from}—${p.to}年，此处写作${period[0]}—${period[1]}年`;
      return [{ text: c.text.slice(m.index, m.index + m[0].length), start: m.index, detail }];
    });
  });
};

/** A heading number with a bracket missing (一)…, （一…) or half-width among full-width ones. */
const headingSyntax: Check = (c) => {
  const paren = c.headings.filter((h) => h.style === 'cnParen' || h.style === 'arabicParen');
  const fullWidth = paren.filter((h) => /^（.*）/.test(h.number)).length;
  return paren.flatMap((h) => {
    const n = h.number.replace(/[、.．\s]+$/, '');
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
};

export const yearChecks: Record<string, Check> = {
  /** Found when a batch is compared (index.ts), not in one document. */
  batchOnly: () => [],
  metaOrg: metaProblems('org'),
  metaYear: metaProblems('year'),
  headingYear,
  sinceYear,
  planPeriod,
  headingSyntax,
};
