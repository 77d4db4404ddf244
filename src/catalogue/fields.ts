/**
 * Field declarations for record kinds. A field is data: its type, Chinese label and limits drive
 * validation (zod), Excel templates and import, the web forms and the indicator formulas alike.
 */

/** One choice of an enum field: the stored code and the Chinese label users see and type. */
export interface Option {
  readonly value: string;
  readonly label: string;
}

interface FieldBase {
  /** Key inside the record's `data` object (English, camelCase). */
  readonly key: string;
  /** Chinese column label in forms and spreadsheets. */
  readonly label: string;
  readonly required?: boolean;
  /** A hint shown under the form field and in the template's second row. */
  readonly help?: string;
}

export interface TextField extends FieldBase {
  readonly type: 'text';
  /** Longest accepted length in characters. */
  readonly max?: number;
}

export interface IntField extends FieldBase {
  readonly type: 'int';
  readonly min?: number;
  readonly max?: number;
  /** Unit shown beside the number (人, 份, 处…). */
  readonly unit?: string;
}

export interface NumberField extends FieldBase {
  readonly type: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
}

export interface DateField extends FieldBase {
  readonly type: 'date';
  /**
   * A statutory deadline the case engine counts (办结期限…): shown with the mark 按法定节日推算，未含调休
   * wherever it relies on a year whose holidays are not yet announced.
   */
  readonly statutoryDue?: boolean;
}

export interface BoolField extends FieldBase {
  readonly type: 'bool';
}

export interface EnumField extends FieldBase {
  readonly type: 'enum';
  readonly options: readonly Option[];
}

export type Field = TextField | IntField | NumberField | DateField | BoolField | EnumField;

/** The JSON value a field holds once validated. */
export type FieldValue = string | number | boolean | null;

/** How a stored value reads to a person (export, CLI, report, web): an option's label, 是/否, else the value. */
export function valueText(field: Field, v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  switch (field.type) {
    case 'enum':
      return field.options.find((o) => o.value === v)?.label ?? String(v);
    case 'bool':
      return v === true ? '是' : '否';
    case 'text':
    case 'int':
    case 'number':
    case 'date':
      return String(v);
  }
}

export const text = (
  key: string,
  label: string,
  extra: Partial<Omit<TextField, 'type'>> = {},
): TextField => ({
  type: 'text',
  key,
  label,
  max: 500,
  ...extra,
});

export const int = (key: string, label: string, extra: Partial<Omit<IntField, 'type'>> = {}): IntField => ({
  type: 'int',
  key,
  label,
  min: 0,
  max: 10_000_000,
  ...extra,
});

export const num = (
  key: string,
  label: string,
  extra: Partial<Omit<NumberField, 'type'>> = {},
): NumberField => ({ type: 'number', key, label, ...extra });

export const date = (
  key: string,
  label: string,
  extra: Partial<Omit<DateField, 'type'>> = {},
): DateField => ({
  type: 'date',
  key,
  label,
  ...extra,
});

export const bool = (
  key: string,
  label: string,
  extra: Partial<Omit<BoolField, 'type'>> = {},
): BoolField => ({
  type: 'bool',
  key,
  label,
  ...extra,
});

export const choice = (
  key: string,
  label: string,
  options: readonly (readonly [value: string, label: string])[],
  extra: Partial<Omit<EnumField, 'type' | 'options'>> = {},
): EnumField => ({
  type: 'enum',
  key,
  label,
  options: options.map(([value, l]) => ({ value, label: l })),
  ...extra,
});
