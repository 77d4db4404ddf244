import { findIndicator } from '../catalogue/indicators.ts';
import type { IndicatorValue } from '../core/indicators.ts';
import { sections } from '../review/parts.ts';
import { figureRoles, type FigureRole } from '../review/figure-role.ts';
import type { Figure, ReviewResult } from '../review/types.ts';

/**
 * The county's cross-check (依法治县办 审核): each figure a township's report states under a
 * catalogue key is set against the same indicator computed from the township's ledger for the
 * report's year. Pure: the caller computes the ledger values for `review.year`.
 */

/** A figure as the county reads it: the reviewer's figure with its role and where it was said. */
export interface StatedFigure {
  readonly key: string;
  /** The catalogue's name of the indicator. */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** The figure as written (230件, 5000余份, 95.7%). */
  readonly text: string;
  readonly approx: boolean;
  readonly qualifier: string | null;
  /** The upper end of a range (10至15次). */
  readonly max?: number;
  /** What it is (figure-role.ts): only this year's figures (`current`) are compared with the ledger. */
  readonly role: FigureRole;
  /** The clause up to and including the figure (全年共排查矛盾纠纷230件). */
  readonly phrase: string;
  /** The whole sentence the figure was stated in. */
  readonly sentence: string;
  /** Offset of the figure in the review's normalised text. */
  readonly start: number;
}

/** One disagreement between a report and its ledger. */
export interface CrossFinding {
  readonly key: string;
  readonly label: string;
  /** `error`: an exact count or a rate off by more than its rounding; `warning`: no ledger records, or an approximate figure (余, 约, 近…) outside what its wording allows. */
  readonly severity: 'error' | 'warning';
  readonly kind: 'mismatch' | 'missing';
  /** The value stated in the report, its text and unit. */
  readonly stated: number;
  readonly statedText: string;
  readonly unit: string;
  readonly phrase: string;
  readonly sentence: string;
  readonly start: number;
  /** The ledger's value (null: no value, e.g. a rate over nothing). */
  readonly ledger: number | null;
  readonly ledgerUnit: string;
  /** A rate's numerator and denominator in the ledger. */
  readonly num?: number;
  readonly den?: number;
  /** Stated minus ledger (null when the ledger has no value). */
  readonly difference: number | null;
  /** Chinese, e.g. 报告称“排查矛盾纠纷230件”，台账为227件（差3件）. */
  readonly message: string;
}

/** The part of a review the cross-check reads. */
export type CrossCheckSource = Pick<ReviewResult, 'text' | 'figures' | 'headings'> & {
  readonly year: number | null;
};

const CLAUSE_END = /[，,。；;！!？?\n\t：:、]/;
const SENTENCE_END = /[。；;！!？?\n]/;
/** Longest phrase or sentence quoted back, in characters. */
const PHRASE_MAX = 40;
const SENTENCE_MAX = 160;

const clauseStart = (text: string, pos: number): number => {
  let i = pos;
  while (i > 0 && !CLAUSE_END.test(text[i - 1]!) && pos - i < PHRASE_MAX * 4) i--;
  return i;
};

function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !SENTENCE_END.test(text[a - 1]!) && start - a < SENTENCE_MAX) a--;
  let b = end;
  while (b < text.length && !SENTENCE_END.test(text[b]!) && b - end < SENTENCE_MAX) b++;
  if (b < text.length && /[。；;！!？?]/.test(text[b]!)) b++;
  return text.slice(a, b).replace(/\t+/g, ' ').trim();
}

/** The clause up to the figure; a table cell's figure is quoted with its row's label. */
function phraseOf(text: string, f: Figure): string {
  const a = clauseStart(text, f.start);
  let phrase = text.slice(a, f.end).trim();
  if (phrase === f.text && text[a - 1] === '\t') {
    const lineStart = text.lastIndexOf('\n', a - 1) + 1;
    const label = text.slice(lineStart, text.indexOf('\t', lineStart)).trim();
    phrase = `${label} ${f.text}`;
  }
  return phrase.length > PHRASE_MAX ? `…${phrase.slice(-PHRASE_MAX)}` : phrase;
}

/** Every catalogue figure of a review (not `other`), in reading order, with its role and sentence. */
export function statedFigures(src: CrossCheckSource): StatedFigure[] {
  const plan = sections(src.text, src.headings).filter((s) => s.part === 'nextYear');
  const figures = [...src.figures].sort((a, b) => a.start - b.start);
  // A review read before figures carried their role has them read here, the same way.
  const roles = figures.every((f) => f.role)
    ? figures.map((f) => f.role!)
    : figureRoles(src.text, figures, {
        year: src.year,
        planAt: (pos) => plan.some((s) => pos >= s.heading.start && pos < s.end),
      });
  const out: StatedFigure[] = [];
  figures.forEach((f, i) => {
    const ind = findIndicator(f.key);
    if (!ind) return;
    out.push({
      key: f.key,
      label: ind.label,
      value: f.value,
      unit: f.unit,
      text: f.text,
      approx: f.approx,
      qualifier: f.qualifier,
      ...(f.max !== undefined ? { max: f.max } : {}),
      role: roles[i]!,
      phrase: phraseOf(src.text, f),
      sentence: sentenceAround(src.text, f.start, f.end),
      start: f.start,
    });
  });
  return out;
}

/** Digits after the decimal point as written (95.7% → 1). */
const decimals = (n: number): number => /\.(\d+)/.exec(String(n))?.[1]?.length ?? 0;
const round = (n: number, d: number): number => Math.round(n * 10 ** d + 1e-9) / 10 ** d;
/** A number as printed in a message: at most two decimals, no trailing zeros. */
export const fmt = (n: number): string => String(round(n, 2));

/** The order of magnitude an approximate figure is rounded to: 30余 → 10, 5000余 → 1000. */
const step = (v: number): number => 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, v))));

/**
 * Whether a ledger count agrees with a stated figure: exactly for a plain count; within what the
 * wording allows for an approximate one (30余场: 30–39; 近300人: 201–300; 约300人: ±50; 300人以上:
 * at least 300); within the range of a range (10至15次).
 */
export function countAgrees(
  s: Pick<StatedFigure, 'value' | 'approx' | 'qualifier' | 'max'>,
  ledger: number,
): boolean {
  if (s.max !== undefined) return ledger >= s.value && ledger <= s.max;
  if (!s.approx) return ledger === s.value;
  const q = s.qualifier ?? '';
  const st = step(s.value);
  if (/^(余|多|来)$/.test(q)) return ledger >= s.value && ledger < s.value + st;
  if (/^(以上|超过|逾|不少于|多达|超)$/.test(q)) return ledger >= s.value;
  if (/^(近|将近)$/.test(q)) return ledger <= s.value && ledger > s.value - st;
  return Math.abs(ledger - s.value) <= st / 2; // 约, 大约, 左右
}

/**
 * Whether a ledger rate agrees with a stated one, compared at the stated precision but never finer
 * than one decimal (95.7% against 218 ÷ 228 = 95.6% is a mismatch; 96% against 95.6% is not). The
 * exact quotient is used when the ledger gives its counts.
 */
export function rateAgrees(stated: number, ledger: IndicatorValue): boolean {
  if (ledger.value === null) return false;
  const exact = ledger.num !== undefined && ledger.den ? (ledger.num / ledger.den) * 100 : ledger.value;
  const d = Math.min(decimals(stated), 1);
  return round(exact, d) === round(stated, d);
}

/** 调解成功数 ÷ 已办结…的纠纷数 → the two names, from the catalogue's 口径. */
function rateParts(key: string): [string, string] {
  const basis = findIndicator(key)?.basis ?? '';
  const [num, den] = basis.split(/\s*÷\s*/);
  return [num?.trim() || '分子', den?.trim() || '分母'];
}

const nested = (s: string): string => s.replaceAll('“', '‘').replaceAll('”', '’');

function mismatchMessage(s: StatedFigure, v: IndicatorValue): string {
  const said = `报告称“${nested(s.phrase)}”`;
  const value = v.value ?? 0;
  if (v.unit === '%') {
    const gap = fmt(Math.abs(s.value - value));
    const [num, den] = rateParts(v.key);
    const counts = v.num !== undefined && v.den !== undefined ? `；${num}${v.num}，${den}${v.den}` : '';
    return `${said}，台账为${fmt(value)}%（差${gap}个百分点${counts}）`;
  }
  if (s.approx || s.max !== undefined)
    return `${said}，台账为${fmt(value)}${v.unit}（与“${s.text}”的表述不符）`;
  return `${said}，台账为${fmt(value)}${v.unit}（差${fmt(Math.abs(s.value - value))}${v.unit}）`;
}

/** A rate stated for a count's key (or the reverse) cannot be compared. */
const comparable = (unit: string, v: IndicatorValue): boolean => (unit === '%') === (v.unit === '%');

/**
 * The least of a stated figure that the comparison needs: key, value, unit and sentence; the
 * rest (wording, role, offset) defaults to an exact figure stated for this year.
 */
export type FigureToCheck = Pick<StatedFigure, 'key' | 'value' | 'unit' | 'sentence'> &
  Partial<Omit<StatedFigure, 'key' | 'value' | 'unit' | 'sentence'>>;

/**
 * One stated figure against the ledger's value of its key: null when they agree, when the figure is
 * not this year's value (role other than `current`) or when a rate meets a count; otherwise the
 * finding (`missing` when the ledger has no records or no value).
 */
export function checkFigure(f: FigureToCheck, v: IndicatorValue | undefined): CrossFinding | null {
  if ((f.role ?? 'current') !== 'current') return null;
  if (v && !comparable(f.unit, v)) return null;
  const text = f.text ?? `${fmt(f.value)}${f.unit}`;
  const s: StatedFigure = {
    label: findIndicator(f.key)?.label ?? v?.label ?? f.key,
    text,
    approx: false,
    qualifier: null,
    role: 'current',
    phrase: text,
    start: -1,
    ...f,
  };
  const base = {
    key: s.key,
    label: s.label,
    stated: s.value,
    statedText: s.text,
    unit: s.unit,
    phrase: s.phrase,
    sentence: s.sentence,
    start: s.start,
    ledgerUnit: v?.unit ?? findIndicator(s.key)?.unit ?? s.unit,
    ...(v?.num !== undefined ? { num: v.num } : {}),
    ...(v?.den !== undefined ? { den: v.den } : {}),
  };
  if (!v || v.value === null || v.records === 0) {
    return {
      ...base,
      severity: 'warning',
      kind: 'missing',
      ledger: v?.value ?? null,
      difference: null,
      message: `报告称“${nested(s.phrase)}”，台账中没有${s.label}的记录`,
    };
  }
  const agrees = v.unit === '%' ? rateAgrees(s.value, v) : countAgrees(s, v.value);
  if (agrees) return null;
  return {
    ...base,
    severity: s.approx && v.unit !== '%' ? 'warning' : 'error',
    kind: 'mismatch',
    ledger: v.value,
    difference: round(s.value - v.value, 2),
    message: mismatchMessage(s, v),
  };
}

/**
 * Compares every figure the reviewer extracted under a catalogue key with the ledger's indicator
 * of the same key. Only this year's values are compared: changes over last year, last year's values,
 * plans and targets, and parts of a total stated just before are skipped (see FigureRole). A key
 * stated several times (one activity's 25件 besides the year's 219件) is an error only when no
 * statement of it agrees with the ledger; otherwise the others are warnings, likely partial counts.
 * Findings come back in reading order.
 */
export function crossCheck(review: CrossCheckSource, ledger: readonly IndicatorValue[]): CrossFinding[] {
  return checkFigures(statedFigures(review), ledger).flatMap((c) => c.finding ?? []);
}

/** Each figure of this year with its ledger value and finding (null: agrees, or not comparable), as crossCheck judges them. */
export function checkFigures(
  figures: readonly FigureToCheck[],
  ledger: readonly IndicatorValue[],
): { figure: FigureToCheck; ledger: IndicatorValue | undefined; finding: CrossFinding | null }[] {
  const byKey = new Map(ledger.map((v) => [v.key, v]));
  const checked = figures
    .filter((f) => (f.role ?? 'current') === 'current')
    .map((figure) => ({
      figure,
      ledger: byKey.get(figure.key),
      finding: checkFigure(figure, byKey.get(figure.key)),
    }));
  return checked.map((c) => {
    const f = c.finding;
    const agreeing = checked.find((o) => o.figure.key === c.figure.key && o.finding === null && o.ledger);
    if (!f || f.kind !== 'mismatch' || !agreeing) return c;
    const phrase =
      agreeing.figure.phrase ??
      agreeing.figure.text ??
      `${fmt(agreeing.figure.value)}${agreeing.figure.unit}`;
    return {
      ...c,
      finding: {
        ...f,
        severity: 'warning' as const,
        message: `${f.message}；报告另一处“${nested(phrase)}”与台账一致，此处可能是分项数据`,
      },
    };
  });
}
