import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { daysUntil } from '../../lib/dates.ts';
import { countdown } from '../dashboard/DueCases.tsx';
import { orgColumns, pagedTableProps, type ListColumn } from '../ledger/ListTools.tsx';
import { DueMark } from './DueMark.tsx';
import type { CaseSummary } from './types.ts';

/** Every column the case table can show, for 列设置 and the print view. */
export function caseColumns(county: boolean): ListColumn[] {
  return [
    { key: 'date', title: '登记日期', always: true },
    { key: 'title', title: '案件', always: true },
    ...(county ? [{ key: 'township', title: '乡镇（街道）' }] : []),
    { key: 'org', title: '村（社区）/部门' },
    { key: 'state', title: '办理状态' },
    { key: 'owner', title: '承办人' },
    { key: 'due', title: '期限' },
  ];
}

/** The countdown of an open case's nearest deadline; none once closed. */
function dueOf(c: CaseSummary): { text: string; color: string } | null {
  if (!c.nextDue || c.closed) return null;
  const left = daysUntil(c.nextDue);
  return countdown({ daysLeft: left, overdue: left < 0 });
}

/** A case's plain-text cells in the given columns (print view). */
export function caseRow(
  cols: readonly ListColumn[],
  c: CaseSummary,
  orgName: (id: number | null) => string,
): ReactNode[] {
  return cols.map((col) => {
    switch (col.key) {
      case 'date':
        return c.date;
      case 'title':
        return c.title;
      case 'township':
        return orgName(c.townshipId);
      case 'org':
        return orgName(c.orgId);
      case 'state':
        return c.stateLabel;
      case 'owner':
        return c.owner ?? '';
      default: {
        const d = dueOf(c);
        return c.nextDue && d ? `${c.nextDue}（${d.text}）` : '';
      }
    }
  });
}

interface Props {
  readonly items: readonly CaseSummary[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly loading: boolean;
  readonly county: boolean;
  readonly hidden: ReadonlySet<string>;
  readonly selected: readonly number[];
  readonly onSelect: (ids: number[]) => void;
  readonly orgName: (id: number | null) => string;
  readonly onPage: (page: number, size: number) => void;
  readonly onOpen: (id: number) => void;
}

/** A case type's cases as a table: state in the case type's words, the nearest deadline counting down. */
export function CaseTable(p: Props) {
  const shown = (k: string) => !p.hidden.has(k);
  const columns: ColumnsType<CaseSummary> = [
    { title: '登记日期', dataIndex: 'date', key: 'date', width: 108 },
    {
      title: '案件',
      dataIndex: 'title',
      key: 'title',
      ellipsis: true,
      width: 260,
      render: (t: string, c) => (
        <Button type="link" size="small" className="case-link" onClick={() => p.onOpen(c.id)}>
          {t}
        </Button>
      ),
    },
    ...orgColumns<CaseSummary>(p),
    ...(shown('state')
      ? [
          {
            title: '办理状态',
            dataIndex: 'stateLabel',
            key: 'state',
            width: 100,
            render: (s: string, c: CaseSummary) => <Tag color={c.closed ? 'default' : 'blue'}>{s}</Tag>,
          },
        ]
      : []),
    ...(shown('owner') ? [{ title: '承办人', dataIndex: 'owner', key: 'owner', width: 100 }] : []),
    ...(shown('due')
      ? [
          {
            title: '期限',
            key: 'due',
            width: 210,
            render: (_: unknown, c: CaseSummary) => {
              const d = dueOf(c);
              return c.nextDue && d ? (
                <>
                  {c.nextDue} <Tag color={d.color}>{d.text}</Tag>
                  <DueMark mark={c.nextDueMark} />
                </>
              ) : null;
            },
          },
        ]
      : []),
  ];
  return (
    <Table<CaseSummary>
      size="small"
      rowKey="id"
      className="case-table"
      loading={p.loading}
      dataSource={p.items}
      columns={columns}
      {...pagedTableProps(p, '件')}
    />
  );
}
