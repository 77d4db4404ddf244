/**
 * An audit entry's before/after JSON as a list of fields in Chinese, each with its value on either
 * side, for the auditor's page and the export. Pure: organisation names come in as a lookup.
 */
import { auditFieldLabels } from '../catalogue/audit-actions.ts';
import { findCaseType, stateOf } from '../catalogue/cases.ts';
import { valueText, type FieldValue } from '../catalogue/fields.ts';
import { findKind } from '../catalogue/kinds.ts';
import { roleLabel } from '../catalogue/roles.ts';

export interface FieldChange {
  /** The key path in the JSON (`title`, `data.status`). */
  readonly field: string;
  readonly label: string;
  /** The value as it reads, or null where the side has none. */
  readonly before: string | null;
  readonly after: string | null;
  readonly changed: boolean;
}

export interface DiffContext {
  /** The record kind (or case type) of the object, naming `data.*` fields and case states. */
  readonly kind?: string;
  readonly orgName: (id: number) => string | undefined;
}

/** Keys that repeat another key's value in other words (a role's label, an org's name and code). */
const REDUNDANT = new Set(['roleLabel', 'org', 'orgCode', 'path']);
const ORG_KEYS = new Set(['orgId', 'parentId', 'townshipId']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function plain(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join('、');
  return JSON.stringify(v);
}

function valueOf(key: string, v: unknown, kind: string | undefined, ctx: DiffContext): string | null {
  if (key === 'role' && typeof v === 'string') return roleLabel(v);
  if (ORG_KEYS.has(key) && typeof v === 'number') return ctx.orgName(v) ?? `组织 ${v}`;
  if (key === 'kind' && typeof v === 'string') return findKind(v)?.label ?? v;
  if (key === 'type' && typeof v === 'string') return findCaseType(v)?.label ?? findKind(v)?.label ?? v;
  if (key === 'state' && typeof v === 'string' && kind) {
    const t = findCaseType(kind);
    return (t && stateOf(t, v)?.label) ?? v;
  }
  if (key.startsWith('data.') && kind) {
    const field = findKind(kind)?.fields.find((f) => f.key === key.slice(5));
    if (field && v !== null && v !== undefined && !isObject(v))
      return valueText(field, v as FieldValue) || null;
  }
  return plain(v);
}

function labelOf(key: string, kind: string | undefined): string {
  if (key.startsWith('data.')) {
    const k = key.slice(5);
    return (kind && findKind(kind)?.fields.find((f) => f.key === k)?.label) ?? auditFieldLabels[k] ?? k;
  }
  return auditFieldLabels[key] ?? key;
}

/** Top-level keys, and a record's `data` one level down. */
function flatten(v: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isObject(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    if (REDUNDANT.has(k)) continue;
    if (k === 'data' && isObject(x)) for (const [d, y] of Object.entries(x)) out.set(`data.${d}`, y);
    else out.set(k, x);
  }
  return out;
}

/**
 * The fields of either side in the order they first appear (before's, then after's new ones). An
 * entry with only one side (a creation, a deletion, a refused login) lists that side's fields.
 */
export function auditDiff(before: unknown, after: unknown, ctx: DiffContext): FieldChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const kindOf = (m: Map<string, unknown>) => {
    const k = m.get('kind') ?? m.get('type');
    return typeof k === 'string' ? k : undefined;
  };
  const kind = ctx.kind ?? kindOf(a) ?? kindOf(b);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((key) => {
    const x = b.has(key) ? valueOf(key, b.get(key), kind, ctx) : null;
    const y = a.has(key) ? valueOf(key, a.get(key), kind, ctx) : null;
    return { field: key, label: labelOf(key, kind), before: x, after: y, changed: x !== y };
  });
}

/** One line per changed field, `姓名：张三 → 张三丰`, for a spreadsheet cell. */
export function diffText(changes: readonly FieldChange[]): string {
  return changes
    .filter((c) => c.changed)
    .map((c) =>
      c.before === null
        ? `${c.label}：${c.after ?? ''}`
        : c.after === null
          ? `${c.label}：${c.before}（已移除）`
          : `${c.label}：${c.before} → ${c.after}`,
    )
    .join('\n');
}
