import { DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { LedgerRecord, RecordKind } from '../../api/types.ts';
import { DueMark } from '../cases/DueMark.tsx';
import { displayValue } from './FieldInput.tsx';

/** The kind's fields shown as columns; the rest are in the form. */
const MAX_FIELD_COLUMNS = 6;

interface Props {
  readonly kind: RecordKind;
  readonly items: readonly LedgerRecord[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly loading: boolean;
  readonly canWrite: boolean;
  readonly orgName: (id: number | null) => string;
  readonly onPage: (page: number, size: number) => void;
  readonly onEdit: (r: LedgerRecord) => void;
  readonly onEvidence: (r: LedgerRecord) => void;
  readonly onDelete: (r: LedgerRecord) => void;
}

/** A kind's records as a table whose columns come from the catalogue. */
export function RecordTable(p: Props) {
  const fields = p.kind.fields
    .filter((f) => f.type !== 'text' || (f.max ?? 0) <= 500)
    .slice(0, MAX_FIELD_COLUMNS);
  const columns: ColumnsType<LedgerRecord> = [
    { title: p.kind.dateLabel, dataIndex: 'date', width: 108, fixed: 'left' },
    { title: p.kind.titleLabel, dataIndex: 'title', ellipsis: true, width: 220 },
    ...(p.kind.endLabel ? [{ title: p.kind.endLabel, dataIndex: 'endDate', width: 108 }] : []),
    {
      title: '村（社区）/部门',
      dataIndex: 'orgId',
      width: 120,
      ellipsis: true,
      render: (id: number | null) => p.orgName(id),
    },
    ...fields.map((f) => ({
      title: f.label,
      key: f.key,
      ellipsis: !(f.type === 'date' && f.statutoryDue),
      width: f.type === 'bool' ? 80 : 120,
      render: (_: unknown, r: LedgerRecord) => (
        <>
          {displayValue(f, r.data[f.key])}
          <DueMark mark={r.marks?.[f.key]} />
        </>
      ),
    })),
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
      scroll={{ x: 'max-content' }}
      pagination={{
        current: p.page,
        pageSize: p.pageSize,
        total: p.total,
        showSizeChanger: true,
        showTotal: (t) => `共 ${t} 条`,
        onChange: p.onPage,
      }}
    />
  );
}
