import {
  DownloadOutlined,
  FileExcelOutlined,
  PlusOutlined,
  PrinterOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Button, DatePicker, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { download, errorText } from '../../api/client.ts';
import type { CaseTypeInfo, Org, RecordKind } from '../../api/types.ts';

export interface Filters {
  readonly range: [Dayjs, Dayjs] | null;
  /** A township's village or department. */
  readonly subOrg: number | undefined;
  /** A county user's township. */
  readonly township: number | undefined;
  readonly q: string;
  /** Case states (case kinds only). */
  readonly state: string | undefined;
  readonly due: 'overdue' | 'soon' | undefined;
}

export const DUE_OPTIONS = [
  { value: 'overdue', label: '已逾期' },
  { value: 'soon', label: '7日内到期' },
];

interface Props {
  readonly kinds: readonly RecordKind[];
  readonly kind: RecordKind;
  readonly caseType: CaseTypeInfo | undefined;
  readonly onKind: (id: string) => void;
  readonly subOrgs: readonly Org[];
  /** A county's townships (county users); empty for a township. */
  readonly townships: readonly Org[];
  readonly filters: Filters;
  readonly onFilters: (f: Filters) => void;
  readonly org: Org;
  readonly year: number;
  readonly canAdd: boolean;
  readonly canImport: boolean;
  readonly canExport: boolean;
  /** Rows ticked in the table: the export takes only those. */
  readonly selected: number;
  readonly onExport: () => void;
  readonly onPrint: () => void;
  readonly columns: ReactNode;
  readonly onAdd: () => void;
  readonly onImport: () => void;
}

/** Filters on the left, the ledger's actions (add, template, import, export, print, columns) on the right. */
export function LedgerToolbar(p: Props) {
  const { message } = App.useApp();
  const get = (path: string, name: string) =>
    void download(path, name).catch((e: unknown) => void message.error(errorText(e)));
  const set = (f: Partial<Filters>) => p.onFilters({ ...p.filters, ...f });
  return (
    <div className="ledger-toolbar">
      <Space wrap>
        <Select
          aria-label="台账类型"
          value={p.kind.id}
          onChange={p.onKind}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 170 }}
          options={p.kinds.map((k) => ({ value: k.id, label: k.label }))}
        />
        <DatePicker.RangePicker
          aria-label="日期范围"
          className="ledger-range"
          value={p.filters.range}
          onChange={(v) => set({ range: v && v[0] && v[1] ? [v[0], v[1]] : null })}
          style={{ width: 240 }}
        />
        {p.townships.length > 0 && (
          <Select
            aria-label="乡镇（街道）"
            placeholder="全部乡镇（街道）"
            allowClear
            value={p.filters.township}
            onChange={(v: number | undefined) => set({ township: v })}
            style={{ width: 150 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={p.townships.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        {p.subOrgs.length > 0 && (
          <Select
            aria-label="村（社区）/部门"
            placeholder="全部村（社区）/部门"
            allowClear
            value={p.filters.subOrg}
            onChange={(v: number | undefined) => set({ subOrg: v })}
            style={{ width: 170 }}
            options={p.subOrgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        {p.caseType && (
          <>
            <Select
              aria-label="办理状态"
              placeholder="全部状态"
              allowClear
              value={p.filters.state}
              onChange={(v: string | undefined) => set({ state: v })}
              style={{ width: 130 }}
              options={p.caseType.states.map((s) => ({ value: s.id, label: s.label }))}
            />
            <Select
              aria-label="期限"
              placeholder="全部期限"
              allowClear
              value={p.filters.due}
              onChange={(v: Filters['due']) => set({ due: v })}
              style={{ width: 120 }}
              options={DUE_OPTIONS}
            />
          </>
        )}
        <Input.Search
          aria-label="搜索标题"
          placeholder="搜索标题"
          allowClear
          defaultValue={p.filters.q}
          onSearch={(q) => set({ q })}
          style={{ width: 170 }}
        />
      </Space>
      <Space wrap>
        {p.canAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={p.onAdd}>
            新增
          </Button>
        )}
        {p.canImport && (
          <>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => get(`/api/templates/${p.kind.id}`, `${p.kind.label}导入模板.xlsx`)}
            >
              下载模板
            </Button>
            <Button icon={<UploadOutlined />} onClick={p.onImport}>
              导入
            </Button>
          </>
        )}
        {p.columns}
        <Button icon={<PrinterOutlined />} onClick={p.onPrint}>
          打印
        </Button>
        {p.canExport && (
          <>
            <Button icon={<DownloadOutlined />} onClick={p.onExport}>
              {p.selected > 0 ? `导出所选（${p.selected}）` : '导出筛选结果'}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                get(`/api/export?org=${p.org.id}&year=${p.year}`, `${p.org.name}${p.year}年度台账.xlsx`)
              }
            >
              导出全年台账
            </Button>
          </>
        )}
      </Space>
    </div>
  );
}
