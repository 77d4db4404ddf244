import { Table, Typography } from 'antd';
import type { FieldChange } from '../../../../src/core/audit-diff.ts';

const shown = (v: string | null) => (v === null ? <Typography.Text type="secondary">—</Typography.Text> : v);

/** An entry's fields before and after the write, changed ones marked; in Chinese, as the server names them. */
export function AuditDiff(props: { changes: readonly FieldChange[] }) {
  const changed = props.changes.filter((c) => c.changed).length;
  return (
    <div className="audit-diff">
      <Typography.Text type="secondary">
        {changed > 0 ? `改动了 ${changed} 项（标黄）` : '前后内容相同'}
      </Typography.Text>
      <Table<FieldChange>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={[...props.changes]}
        rowClassName={(c) => (c.changed ? 'audit-diff-changed' : '')}
        columns={[
          { title: '字段', dataIndex: 'label', width: 160 },
          { title: '修改前', dataIndex: 'before', render: shown },
          { title: '修改后', dataIndex: 'after', render: shown },
        ]}
      />
    </div>
  );
}
