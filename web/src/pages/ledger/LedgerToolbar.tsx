import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { download, errorText } from '../../api/client.ts';
import type { Org, RecordKind } from '../../api/types.ts';

export interface Filters {
  readonly range: [Dayjs, Dayjs] | null;
  readonly subOrg: number | undefined;
  readonly q: string;
}

interface Props {
  readonly kinds: readonly RecordKind[];
  readonly kind: RecordKind;
  readonly onKind: (id: string) => void;
  readonly subOrgs: readonly Org[];
  readonly filters: Filters;
  readonly onFilters: (f: Filters) => void;
  readonly org: Org;
  readonly year: number;
  readonly canAdd: boolean;
  readonly canImport: boolean;
  readonly canExport: boolean;
  readonly onAdd: () => void;
  readonly onImport: () => void;
}

/** Filters on the left, the ledger's actions (add, template, import, export) on the right. */
export function LedgerToolbar(p: Props) {
  const { message } = App.useApp();
  const get = (path: string, name: string) =>
    void download(path, name).catch((e: unknown) => void message.error(errorText(e)));
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
          value={p.filters.range}
          onChange={(v) => p.onFilters({ ...p.filters, range: v && v[0] && v[1] ? [v[0], v[1]] : null })}
          style={{ width: 240 }}
        />
        {p.subOrgs.length > 0 && (
          <Select
            aria-label="村（社区）/部门"
            placeholder="全部村（社区）/部门"
            allowClear
            value={p.filters.subOrg}
            onChange={(v: number | undefined) => p.onFilters({ ...p.filters, subOrg: v })}
            style={{ width: 170 }}
            options={p.subOrgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <Input.Search
          placeholder="搜索标题"
          allowClear
          defaultValue={p.filters.q}
          onSearch={(q) => p.onFilters({ ...p.filters, q })}
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
        {p.canExport && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              get(`/api/export?org=${p.org.id}&year=${p.year}`, `${p.org.name}${p.year}年度台账.xlsx`)
            }
          >
            导出全年台账
          </Button>
        )}
      </Space>
    </div>
  );
}
