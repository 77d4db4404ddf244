import { DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import type { CaseTypeInfo, LedgerRecord, RecordKind } from '../../api/types.ts';
import { DueMark } from '../cases/DueMark.tsx';
import { displayValue } from './FieldInput.tsx';
import { orgColumns, pagedTableProps, type ListColumn } from './ListTools.tsx';

/** Fields shown as columns until a person chooses otherwise; the rest are offered in 列设置. */
const DEFAULT_FIELD_COLUMNS = 6;

/** The kind's fields a list can show (long texts stay in the form). */
const listFields = (kind: RecordKind) => kind.fields.filter((f) => f.type !== 'text' || (f.max ?? 0) <= 500);

/** Record fields a case's state sets (its `status`): shown with the case type's label for the state. */
export const stateFields = (type: CaseTypeInfo | undefined): ReadonlySet<string> =>
  new Set(type?.states.flatMap((s) => Object.keys(s.data ?? {})) ?? []);

/** A record's value in one field as lists show it; a case's status reads as its case's state. */
export function cellText(
  kind: RecordKind,
  key: string,
  r: LedgerRecord,
  states: ReadonlySet<string>,
): string {
  if (states.has(key) && r.case) return r.case.label;
  const f = kind.fields.find((x) => x.key === key);
  return f ? displayValue(f, r.data[key]) : '';
}

/** Every column a kind's list can show, for 列设置 and the print view. */
export function recordColumns(kind: RecordKind, county: boolean): ListColumn[] {
  return [
    { key: 'date', title: kind.dateLabel, always: true },
    { key: 'title', title: kind.titleLabel, always: true },
    ...(kind.endLabel ? [{ key: 'endDate', title: kind.endLabel }] : []),
    ...(county ? [{ key: 'township', title: '乡镇（街道）' }] : []),
    { key: 'org', title: '村（社区）/部门' },
    ...listFields(kind).map((f) => ({ key: `f_${f.key}`, title: f.label })),
  ];
}

/** Columns hidden until chosen: fields past the first few. */
export const hiddenByDefault = (kind: RecordKind): string[] =>
  listFields(kind)
    .slice(DEFAULT_FIELD_COLUMNS)
    .map((f) => `f_${f.key}`);

/** A record's plain-text cells in the given columns (print view). */
export function recordRow(
  kind: RecordKind,
  cols: readonly ListColumn[],
  r: LedgerRecord,
  orgName: (id: number | null) => string,
  states: ReadonlySet<string>,
): ReactNode[] {
  return cols.map((c) => {
    switch (c.key) {
      case 'date':
        return r.date;
      case 'title':
        return r.title;
      case 'endDate':
        return r.endDate ?? '';
      case 'township':
        return orgName(r.townshipId);
      case 'org':
        return orgName(r.orgId);
      default:
        return cellText(kind, c.key.slice(2), r, states);
    }
  });
}

interface Props {
  readonly kind: RecordKind;
  readonly caseType: CaseTypeInfo | undefined;
  readonly county: boolean;
  readonly hidden: ReadonlySet<string>;
  readonly items: readonly LedgerRecord[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly loading: boolean;
  readonly canWrite: boolean;
  readonly selected: readonly number[];
  readonly onSelect: (ids: number[]) => void;
  readonly orgName: (id: number | null) => string;
  readonly onPage: (page: number, size: number) => void;
  readonly onEdit: (r: LedgerRecord) => void;
  readonly onEvidence: (r: LedgerRecord) => void;
  readonly onDelete: (r: LedgerRecord) => void;
}

/** A kind's records as a table whose columns come from the catalogue, chosen in 列设置. */
export function RecordTable(p: Props) {
  const states = stateFields(p.caseType);
  const shown = (key: string) => !p.hidden.has(key);
  const fieldColumns = listFields(p.kind)
    .filter((f) => shown(`f_${f.key}`))
    .map((f) => ({
      title: f.label,
      key: `f_${f.key}`,
      ellipsis: !(f.type === 'date' && f.statutoryDue),
      width: f.type === 'bool' ? 80 : 120,
      render: (_: unknown, r: LedgerRecord) => (
        <>
          {cellText(p.kind, f.key, r, states)}
          <DueMark mark={r.marks?.[f.key]} />
        </>
      ),
    }));
  const columns: ColumnsType<LedgerRecord> = [
    { title: p.kind.dateLabel, dataIndex: 'date', key: 'date', width: 108, fixed: 'left' },
    { title: p.kind.titleLabel, dataIndex: 'title', key: 'title', ellipsis: true, width: 220 },
    ...(p.kind.endLabel && shown('endDate')
      ? [{ title: p.kind.endLabel, dataIndex: 'endDate', key: 'endDate', width: 108 }]
      : []),
    ...orgColumns<LedgerRecord>(p),
    ...fieldColumns,
    {
      title: '操作',
      key: 'ops',
      fixed: 'right',
      width: p.canWrite ? 150 : 70,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => p.onEvidence(r)}>
            材料{r.evidenceCount ? ` ${r.evidenceCount}` : ''}
          </Button>
          {p.canWrite && (
            <>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => p.onEdit(r)}
                aria-label="修改"
              />
              <Popconfirm title="删除这条记录（连同其佐证材料）？" onConfirm={() => p.onDelete(r)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<LedgerRecord>
      size="small"
      rowKey="id"
      className="record-table"
      loading={p.loading}
      dataSource={p.items}
      columns={columns}
      {...pagedTableProps(p, '条')}
    />
  );
}
