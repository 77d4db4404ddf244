import { PrinterOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Checkbox, Modal, Popover, Spin, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Key } from 'react';
import { useEffect, useState, type ReactNode } from 'react';

/** A column a list may show: its key and title; `always` columns cannot be hidden. */
export interface ListColumn {
  readonly key: string;
  readonly title: string;
  readonly always?: boolean;
}

/**
 * The columns a person chose to see in a list, kept in the browser per list (`storeKey`); columns
 * not yet chosen either way show by default unless `hiddenByDefault`.
 */
export function useColumnChoice(
  storeKey: string,
  hiddenByDefault: readonly string[] = [],
): [ReadonlySet<string>, (hidden: ReadonlySet<string>) => void] {
  const read = (): ReadonlySet<string> => {
    const raw = localStorage.getItem(`fazhi.columns.${storeKey}`);
    if (raw === null) return new Set(hiddenByDefault);
    try {
      const v: unknown = JSON.parse(raw);
      return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      return new Set(hiddenByDefault);
    }
  };
  const [hidden, setHidden] = useState<ReadonlySet<string>>(read);
  // Another list (another kind) has its own choice.
  useEffect(() => setHidden(read()), [storeKey]);
  const save = (h: ReadonlySet<string>) => {
    localStorage.setItem(`fazhi.columns.${storeKey}`, JSON.stringify([...h]));
    setHidden(h);
  };
  return [hidden, save];
}

/** The 列设置 button: tick the columns to show. */
export function ColumnChooser({
  columns,
  hidden,
  onChange,
}: {
  columns: readonly ListColumn[];
  hidden: ReadonlySet<string>;
  onChange: (hidden: ReadonlySet<string>) => void;
}) {
  const shown = columns.filter((c) => !hidden.has(c.key)).map((c) => c.key);
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title="显示的列"
      content={
        <Checkbox.Group
          className="column-chooser"
          value={shown}
          options={columns.map((c) => ({ value: c.key, label: c.title, disabled: c.always }))}
          onChange={(v) => onChange(new Set(columns.map((c) => c.key).filter((k) => !v.includes(k))))}
        />
      }
    >
      <Button icon={<TableOutlined />}>列设置</Button>
    </Popover>
  );
}

/** One printable table: a title, what it is filtered by, header and rows of plain text. */
export interface PrintTable {
  readonly title: string;
  readonly subtitle: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly ReactNode[])[];
  /** Rows matching in all; more than printed when the list is longer than one print. */
  readonly total: number;
}

/**
 * 打印 view: the list's filtered rows (up to a limit) as a plain table, printed alone (print CSS
 * hides the app around it).
 */
export function PrintView({
  open,
  load,
  onClose,
}: {
  open: boolean;
  load: () => Promise<PrintTable>;
  onClose: () => void;
}) {
  const [table, setTable] = useState<PrintTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setTable(null);
    setError(null);
    load().then(setTable, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    // Loaded once per opening, with the filters as they were then.
  }, [open]);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      width="90%"
      title="打印预览"
      className="print-modal"
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!table}
          onClick={() => window.print()}
        >
          打印
        </Button>,
      ]}
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!table && !error && <Spin />}
      {table && (
        <div className="print-view">
          <h2>{table.title}</h2>
          <p className="print-sub">
            {table.subtitle}，共 {table.total} 条
            {table.total > table.rows.length ? `，本页打印前 ${table.rows.length} 条` : ''}
          </p>
          <table>
            <thead>
              <tr>
                <th>序号</th>
                {table.head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}

/** What a paged list with ticked rows knows of itself: its page, its size, the ticked ids. */
export interface PagedSelection {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly selected: readonly number[];
  readonly onSelect: (ids: number[]) => void;
  readonly onPage: (page: number, size: number) => void;
}

/**
 * The table settings the ledger and case lists share: ticked rows kept across pages, paging done
 * by the server with a size changer and the total counted in `unit` (条, 件), and a horizontal
 * scroll when the columns are wider than the screen.
 */
export function pagedTableProps<T>(p: PagedSelection, unit: string): Partial<TableProps<T>> {
  return {
    scroll: { x: 'max-content' },
    rowSelection: {
      selectedRowKeys: [...p.selected],
      preserveSelectedRowKeys: true,
      onChange: (keys: Key[]) => p.onSelect(keys.map(Number)),
    },
    pagination: {
      current: p.page,
      pageSize: p.pageSize,
      total: p.total,
      showSizeChanger: true,
      showTotal: (t) => `共 ${t} ${unit}`,
      onChange: p.onPage,
    },
  };
}

/**
 * The organisation columns the ledger and case tables share: the township (county users only) and
 * the village or department, each unless the user hid it.
 */
export function orgColumns<T extends { townshipId: number; orgId: number | null }>(p: {
  readonly county: boolean;
  readonly hidden: ReadonlySet<string>;
  readonly orgName: (id: number | null) => string;
}): ColumnsType<T> {
  const shown = (k: string) => !p.hidden.has(k);
  return [
    ...(p.county && shown('township')
      ? [
          {
            title: '乡镇（街道）',
            dataIndex: 'townshipId',
            key: 'township',
            width: 110,
            ellipsis: true,
            render: (id: number) => p.orgName(id),
          },
        ]
      : []),
    ...(shown('org')
      ? [
          {
            title: '村（社区）/部门',
            dataIndex: 'orgId',
            key: 'org',
            width: 120,
            ellipsis: true,
            render: (id: number | null) => p.orgName(id),
          },
        ]
      : []),
  ];
}
