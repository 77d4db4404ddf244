/**
 * Indicators in words, derived from their declarations (catalogue/indicators.ts): what a formula
 * counts, with its conditions, and why a record does not count. Pure: catalogue data in, Chinese out.
 */
import type { FieldValue } from '../catalogue/fields.ts';
import type { Aggregate, Cond, Indicator } from '../catalogue/indicators.ts';
import { getKind, type RecordKind } from '../catalogue/kinds.ts';
import type { Period } from './dates.ts';
import { inPeriod, type IndicatorRow } from './indicators.ts';

const fieldOf = (k: RecordKind, key: string) => k.fields.find((f) => f.key === key);
const labelOf = (k: RecordKind, key: string): string => fieldOf(k, key)?.label ?? key;

/** An option's Chinese label (调解成功 for `resolved`), the value itself when the field has none. */
function optionLabel(k: RecordKind, key: string, v: FieldValue): string {
  const f = fieldOf(k, key);
  if (f?.type === 'enum') return f.options.find((o) => o.value === v)?.label ?? String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

const quoted = (xs: readonly string[]): string => xs.map((x) => `“${x}”`).join('或');

/** A condition as a clause: 调处状态为“调解成功”或“调解不成”. */
export function condText(k: RecordKind, c: Cond): string {
  switch (c.op) {
    case 'in':
      return `${labelOf(k, c.field)}为${quoted(c.in.map((v) => optionLabel(k, c.field, v)))}`;
    case 'truthy':
      return `${labelOf(k, c.field)}为“是”`;
    case 'onOrBeforeEnd':
      return `${labelOf(k, c.field)}不晚于统计期末`;
    case 'notAfter':
      return `${labelOf(k, c.field)}不晚于${labelOf(k, c.notAfter)}`;
    case 'any':
      return c.any.map((x) => condText(k, x)).join('，或');
    case 'approx':
      return `${labelOf(k, c.field)}为约数`;
  }
}

/** What an aggregate counts, conditions included: 调处状态为“调解成功”的矛盾纠纷记录数. */
export function aggregateText(a: Aggregate): string {
  const k = getKind(a.kind);
  const where = (a.where ?? []).map((c) => condText(k, c));
  const subject = where.length > 0 ? `${where.join('且')}的${k.label}记录` : `全部${k.label}记录`;
  switch (a.op) {
    case 'count':
      return `${subject}数`;
    case 'sum':
      return `${subject}的“${labelOf(k, a.field)}”之和`;
    case 'distinct':
      return `${subject}中不同“${labelOf(k, a.field)}”的个数`;
  }
}

/** The formula: one aggregate, or numerator ÷ denominator × 100% for a rate. */
export function formulaText(ind: Indicator): string {
  const f = ind.formula;
  return f.op === 'rate' ? `${aggregateText(f.num)} ÷ ${aggregateText(f.den)} × 100%` : aggregateText(f);
}

/** Which records of a kind fall in the period: by their date for events, by being on the roll at its end for registries. */
export function periodText(kindId: Aggregate['kind']): string {
  const k = getKind(kindId);
  return k.temporal === 'registry'
    ? `${k.label}按名册统计：${k.dateLabel}不晚于统计期末、${k.endLabel ?? '终止日期'}为空或在统计期末之后（期末在册）的计入`
    : `${k.label}按${k.dateLabel}统计：${k.dateLabel}在统计期间内的计入`;
}

/** The method in words: what is counted, over which records, and how a rate is rounded. */
export function methodText(ind: Indicator): string {
  const f = ind.formula;
  const kindsUsed = [...new Set((f.op === 'rate' ? [f.num, f.den] : [f]).map((a) => a.kind))];
  const period = kindsUsed.map(periodText).join('；');
  if (f.op === 'rate')
    return `分子为${aggregateText(f.num)}，分母为${aggregateText(f.den)}；比率 = 分子 ÷ 分母 × 100%，保留一位小数，分母为 0 时不计算。${period}。`;
  const what = f.op === 'sum' ? '计算' : '统计';
  return `${what}${aggregateText(f)}（单位：${ind.unit}）。${period}。`;
}

const missing = (k: RecordKind, key: string) => `未填写“${labelOf(k, key)}”`;

/** Why a condition fails for a record's data, or null when it holds. */
export function condWhyNot(
  k: RecordKind,
  c: Cond,
  data: Readonly<Record<string, FieldValue>>,
  p: Period,
): string | null {
  switch (c.op) {
    case 'in': {
      const v = data[c.field];
      if (v === undefined || v === null || v === '') return missing(k, c.field);
      if (typeof v === 'string' && c.in.includes(v)) return null;
      return `${labelOf(k, c.field)}为“${optionLabel(k, c.field, v)}”，不是${quoted(c.in.map((x) => optionLabel(k, c.field, x)))}`;
    }
    case 'truthy': {
      const v = data[c.field];
      if (v === true) return null;
      return v === undefined || v === null ? missing(k, c.field) : `${labelOf(k, c.field)}为“否”`;
    }
    case 'onOrBeforeEnd': {
      const v = data[c.field];
      if (typeof v !== 'string' || v === '') return missing(k, c.field);
      return v <= p.to ? null : `${labelOf(k, c.field)} ${v} 在统计期末 ${p.to} 之后，尚未到期`;
    }
    case 'notAfter': {
      const v = data[c.field];
      const w = data[c.notAfter];
      if (typeof v !== 'string' || v === '') return missing(k, c.field);
      if (typeof w !== 'string' || w === '') return missing(k, c.notAfter);
      return v <= w ? null : `${labelOf(k, c.field)} ${v} 晚于${labelOf(k, c.notAfter)} ${w}`;
    }
    case 'any': {
      const why = c.any.map((x) => condWhyNot(k, x, data, p));
      return why.some((x) => x === null) ? null : why.join('，且');
    }
    case 'approx': {
      const v = data['approxFields'];
      return typeof v === 'string' && v.includes(`,${c.field},`) ? null : `“${labelOf(k, c.field)}”不是约数`;
    }
  }
}

/**
 * Why a record does not count toward an aggregate — another kind, outside the period, a condition
 * not met (another status, a field missing…) — or null when it counts.
 */
export function whyNot(a: Aggregate, row: IndicatorRow, p: Period): string | null {
  const k = getKind(a.kind);
  if (row.kind !== a.kind) return `不是${k.label}记录`;
  if (!inPeriod(row, p)) {
    if (k.temporal === 'registry' && row.date <= p.to)
      return `${k.endLabel ?? '终止日期'} ${row.endDate ?? ''} 不晚于统计期末，期末已不在册`;
    return `${k.dateLabel} ${row.date} 不在统计期间（${p.from} 至 ${p.to}）内`;
  }
  for (const c of a.where ?? []) {
    const why = condWhyNot(k, c, row.data, p);
    if (why) return why;
  }
  return null;
}
