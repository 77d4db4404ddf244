import { hash } from 'node:crypto';
import type { Field, FieldValue } from '../catalogue/fields.ts';
import { APPROX_KEY } from '../catalogue/indicators.ts';
import type { RecordKind } from '../catalogue/kinds.ts';
import { MAX_DATE, MIN_DATE, parseDate } from './dates.ts';

/** A ledger record as the domain sees it. */
export interface LedgerRecord {
  readonly id: number;
  readonly townshipId: number;
  /** The village, community or department the record concerns, if any. */
  readonly orgId: number | null;
  readonly kind: string;
  readonly date: string;
  readonly endDate: string | null;
  readonly title: string;
  readonly data: Readonly<Record<string, FieldValue>>;
}

/** What a user supplies to create a record; values may still be strings from a form or sheet. */
export interface RecordDraft {
  readonly date: unknown;
  readonly endDate?: unknown;
  readonly title: unknown;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A validated draft: dates normalised, enum labels turned into codes, numbers parsed. */
export interface CleanRecord {
  readonly date: string;
  readonly endDate: string | null;
  readonly title: string;
  readonly data: Record<string, FieldValue>;
}

/** One problem with one field, in Chinese: what is wrong and what was expected. */
export interface FieldError {
  readonly field: string;
  readonly label: string;
  readonly message: string;
}

const TRUE = new Set(['是', '有', 'true', '1', 'y', 'yes', '√', '✓', 'TRUE', '对']);
const FALSE = new Set(['否', '无', 'false', '0', 'n', 'no', '×', '', 'FALSE']);

const blank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** What an export appends to a due date counted on statutory holidays only; read back as the date. */
const MARK_SUFFIX = /\s*（按法定节日推算，未含调休）$/;

function checkDate(label: string, v: unknown): { value: string } | { error: string } {
  const d = parseDate(typeof v === 'string' ? v.replace(MARK_SUFFIX, '') : v);
  if (d === null) return { error: `“${String(v)}”不是有效日期，应为 2024-03-15 或 2024年3月15日 的形式` };
  if (d < MIN_DATE || d > MAX_DATE)
    return { error: `${label}“${d}”超出范围，应在 ${MIN_DATE} 至 ${MAX_DATE} 之间` };
  return { value: d };
}

/** Turns one raw value into the field's stored value, or returns a Chinese error. */
export function coerceField(f: Field, raw: unknown): { value: FieldValue } | { error: string } {
  if (blank(raw)) return f.required ? { error: '不能为空' } : { value: null };
  switch (f.type) {
    case 'text': {
      const s = String(raw).trim();
      const max = f.max ?? 500;
      return s.length > max ? { error: `长度 ${s.length} 超过上限 ${max} 字` } : { value: s };
    }
    case 'int':
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(/,/g, ''));
      if (!Number.isFinite(n)) return { error: `“${String(raw)}”不是数字` };
      if (f.type === 'int' && !Number.isInteger(n)) return { error: `“${String(raw)}”不是整数` };
      if (f.min !== undefined && n < f.min) return { error: `${n} 小于下限 ${f.min}` };
      if (f.max !== undefined && n > f.max) return { error: `${n} 大于上限 ${f.max}` };
      return { value: n };
    }
    case 'date':
      return checkDate(f.label, raw);
    case 'bool': {
      if (typeof raw === 'boolean') return { value: raw };
      const s = String(raw).trim();
      if (TRUE.has(s)) return { value: true };
      if (FALSE.has(s)) return { value: false };
      return { error: `“${s}”应为“是”或“否”` };
    }
    case 'enum': {
      const s = String(raw).trim();
      const o = f.options.find((x) => x.value === s || x.label === s);
      return o
        ? { value: o.value }
        : { error: `“${s}”不是可选值，应为：${f.options.map((x) => x.label).join('、')}` };
    }
  }
}

const keysOfKind = new WeakMap<RecordKind, Set<string>>();
function fieldKeys(kind: RecordKind): Set<string> {
  let keys = keysOfKind.get(kind);
  if (!keys) keysOfKind.set(kind, (keys = new Set(kind.fields.map((f) => f.key))));
  return keys;
}

/** Validates a draft against its kind. Unknown data keys are errors, so nothing is silently dropped. */
export function validateRecord(
  kind: RecordKind,
  draft: RecordDraft,
): { ok: true; value: CleanRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const d = blank(draft.date) ? { error: '不能为空' } : checkDate(kind.dateLabel, draft.date);
  if ('error' in d) errors.push({ field: 'date', label: kind.dateLabel, message: d.error });
  const date = 'value' in d ? d.value : null;
  const title = blank(draft.title) ? '' : String(draft.title).trim();
  if (!title) errors.push({ field: 'title', label: kind.titleLabel, message: '不能为空' });
  else if (title.length > 200)
    errors.push({ field: 'title', label: kind.titleLabel, message: `长度 ${title.length} 超过上限 200 字` });
  let endDate: string | null = null;
  if (!blank(draft.endDate)) {
    if (kind.temporal !== 'registry')
      errors.push({ field: 'endDate', label: '结束日期', message: `${kind.label}没有结束日期` });
    else {
      const e = checkDate(kind.endLabel ?? '结束日期', draft.endDate);
      if ('error' in e)
        errors.push({ field: 'endDate', label: kind.endLabel ?? '结束日期', message: e.error });
      else endDate = e.value;
    }
  }
  const data: Record<string, FieldValue> = {};
  for (const f of kind.fields) {
    const r = coerceField(f, draft.data[f.key]);
    if ('error' in r) errors.push({ field: f.key, label: f.label, message: r.error });
    else if (r.value !== null) data[f.key] = r.value;
  }
  const known = fieldKeys(kind);
  for (const key in draft.data) {
    if (key === APPROX_KEY) continue;
    if (!known.has(key)) errors.push({ field: key, label: key, message: `${kind.label}没有此字段` });
  }
  // Number fields written as approximate (200余份), kept only for fields that hold a number.
  const approx = draft.data[APPROX_KEY];
  if (approx !== undefined && approx !== null && approx !== '') {
    const keys = typeof approx === 'string' ? approx.split(',').filter(Boolean) : [];
    const numeric = new Set(
      kind.fields.filter((f) => f.type === 'int' || f.type === 'number').map((f) => f.key),
    );
    if (keys.length === 0 || keys.some((k) => !numeric.has(k)))
      errors.push({ field: APPROX_KEY, label: '约数', message: '约数标记只能列出本类台账的数字项' });
    else {
      const held = keys.filter((k) => typeof data[k] === 'number');
      if (held.length > 0) data[APPROX_KEY] = `,${held.join(',')},`;
    }
  }
  for (const [a, b] of kind.notGreater ?? []) {
    const va = data[a];
    const vb = data[b];
    if (typeof va === 'number' && typeof vb === 'number' && va > vb) {
      const la = kind.fields.find((f) => f.key === a)?.label ?? a;
      const lb = kind.fields.find((f) => f.key === b)?.label ?? b;
      errors.push({ field: a, label: la, message: `${la}（${va}）不能大于${lb}（${vb}）` });
    }
  }
  if (endDate && date && endDate < date) {
    errors.push({
      field: 'endDate',
      label: kind.endLabel ?? '结束日期',
      message: `不能早于${kind.dateLabel}（${date}）`,
    });
  }
  if (errors.length > 0 || !date) return { ok: false, errors };
  return { ok: true, value: { date, endDate, title, data } };
}

/**
 * The identity of a record's content within its township: the same row imported twice has the
 * same key, so a re-import adds nothing. `dataJson` is the stored JSON of the validated data, whose
 * keys validateRecord always writes in catalogue order.
 */
export function dedupKey(
  kind: string,
  orgId: number | null,
  r: CleanRecord,
  dataJson = JSON.stringify(r.data),
): string {
  return hash('sha1', JSON.stringify([kind, orgId, r.date, r.endDate, r.title]) + dataJson, 'base64url');
}
