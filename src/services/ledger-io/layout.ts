import type { Field } from '../../catalogue/fields.ts';
import type { RecordKind } from '../../catalogue/kinds.ts';
import { MAX_DATE, MIN_DATE } from '../../core/dates.ts';

/**
 * The column layout of a ledger sheet: the same for the template, the export and the import, so an
 * exported file re-imports cleanly. Pure: derived from the catalogue only.
 */

/** What a column holds: one of the record's own columns, or one field of its `data`. */
export type ColumnRole =
  | { readonly kind: 'township' }
  | { readonly kind: 'date' }
  | { readonly kind: 'title' }
  | { readonly kind: 'org' }
  | { readonly kind: 'endDate' }
  | { readonly kind: 'field'; readonly field: Field };

export interface LedgerColumn {
  readonly role: ColumnRole;
  /** Chinese label without the required mark. */
  readonly label: string;
  readonly required: boolean;
  /** The second-row hint: format, unit, options. */
  readonly hint: string;
  /** Column width in Excel character units. */
  readonly width: number;
}

export const ORG_LABEL = '村（社区）/部门';
export const TOWNSHIP_LABEL = '乡镇（街道）';
/** Marks a required column in the header; full-width so it reads as part of the Chinese label. */
export const REQUIRED_MARK = '＊';
/** Sheet holding the kind of each sheet and the dropdown option lists; hidden from users. */
export const META_SHEET = '_fazhi';
/** Header row, hint row, first data row, as Excel numbers them. */
export const HEADER_ROW = 1;
export const HINT_ROW = 2;
export const FIRST_DATA_ROW = 3;

const dateHint = `日期，如 2024-03-15 或 2024年3月15日（${MIN_DATE.slice(0, 4)}—${MAX_DATE.slice(0, 4)} 年）`;

function fieldHint(f: Field): string {
  switch (f.type) {
    case 'text':
      return `文字，不超过 ${f.max ?? 500} 字`;
    case 'int':
    case 'number': {
      const what = f.type === 'int' ? '整数' : '数字';
      const unit = f.unit ? `，单位：${f.unit}` : '';
      const range =
        f.min !== undefined && f.max !== undefined
          ? `，${f.min}—${f.max}`
          : f.min !== undefined
            ? `，不小于 ${f.min}`
            : f.max !== undefined
              ? `，不大于 ${f.max}`
              : '';
      return what + unit + range;
    }
    case 'date':
      return dateHint;
    case 'bool':
      return '填“是”或“否”';
    case 'enum':
      return `从下拉列表选择：${f.options.map((o) => o.label).join('、')}`;
  }
}

const displayWidth = (s: string): number =>
  [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);

function widthFor(label: string, role: ColumnRole): number {
  let base = 12;
  if (role.kind === 'title') base = 30;
  else if (role.kind === 'org' || role.kind === 'township') base = 16;
  else if (role.kind === 'field') {
    const f = role.field;
    if (f.type === 'text') base = (f.max ?? 500) > 500 ? 40 : (f.max ?? 500) <= 60 ? 14 : 20;
    else if (f.type === 'enum')
      base = Math.min(24, Math.max(...f.options.map((o) => displayWidth(o.label))) + 4);
    else if (f.type === 'bool') base = 8;
  }
  return Math.max(base, displayWidth(label) + 4);
}

function column(role: ColumnRole, label: string, required: boolean, hint: string): LedgerColumn {
  const help = role.kind === 'field' && role.field.help ? `；${role.field.help}` : '';
  return {
    role,
    label,
    required,
    hint: `${required ? '必填' : '选填'}；${hint}${help}`,
    width: widthFor(label, role),
  };
}

/**
 * The columns of a kind's sheet, in order: date, title, village/department, end date (registry
 * kinds), then every field. A county export puts the township first.
 */
export function kindColumns(kind: RecordKind, opts: { township?: boolean } = {}): LedgerColumn[] {
  const cols: LedgerColumn[] = [];
  if (opts.township) cols.push(column({ kind: 'township' }, TOWNSHIP_LABEL, true, '乡镇（街道）名称或代码'));
  cols.push(column({ kind: 'date' }, kind.dateLabel, true, dateHint));
  cols.push(column({ kind: 'title' }, kind.titleLabel, true, '文字，不超过 200 字'));
  cols.push(column({ kind: 'org' }, ORG_LABEL, false, '本乡镇的村（社区）或部门名称，可留空'));
  if (kind.temporal === 'registry') {
    cols.push(column({ kind: 'endDate' }, kind.endLabel ?? '结束日期', false, `${dateHint}；仍有效的留空`));
  }
  for (const f of kind.fields)
    cols.push(column({ kind: 'field', field: f }, f.label, f.required === true, fieldHint(f)));
  return cols;
}

/** The header text of a column as written: required columns carry the mark. */
export const headerText = (c: LedgerColumn): string => (c.required ? REQUIRED_MARK + c.label : c.label);

/** Stable identity of a column within its kind (for messages and maps). */
export function columnId(role: ColumnRole): string {
  return role.kind === 'field' ? `data.${role.field.key}` : role.kind;
}
