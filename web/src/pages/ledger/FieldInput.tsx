import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { Field, FieldValue } from '../../api/types.ts';
import { valueText } from '../../../../src/catalogue/fields.ts';

/** The form control for one catalogue field: its type decides the widget. */
export function FieldInput({
  field,
  ...injected
}: {
  field: Field;
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}) {
  // Form.Item injects value, onChange and id; each widget takes them in its own types.
  const rest = injected as object;
  switch (field.type) {
    case 'text':
      return (field.max ?? 0) > 500 ? (
        <Input.TextArea rows={3} maxLength={field.max} {...rest} />
      ) : (
        <Input maxLength={field.max} {...rest} />
      );
    case 'int':
    case 'number':
      return (
        <InputNumber
          min={field.min}
          max={field.max}
          precision={field.type === 'int' ? 0 : undefined}
          suffix={field.unit}
          style={{ width: '100%' }}
          {...rest}
        />
      );
    case 'date':
      return <DatePicker style={{ width: '100%' }} {...rest} />;
    case 'bool':
      return <Switch checkedChildren="是" unCheckedChildren="否" {...rest} />;
    case 'enum':
      return (
        <Select
          allowClear
          options={field.options.map((o) => ({ value: o.value, label: o.label }))}
          {...rest}
        />
      );
  }
}

/** How a stored value reads in a table cell. */
export function displayValue(field: Field, v: FieldValue | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const text = valueText(field, v);
  return (field.type === 'int' || field.type === 'number') && field.unit ? `${text} ${field.unit}` : text;
}
