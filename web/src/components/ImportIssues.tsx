import { Alert, Table } from 'antd';
import type { ImportIssue } from '../api/types.ts';

/** A refused all-or-nothing import: how many problems, nothing stored, and each problem by row and column. */
export function ImportIssues({ errors, nothing }: { errors: readonly ImportIssue[]; nothing: string }) {
  return (
    <>
      <Alert
        className="form-alert import-errors"
        type="error"
        showIcon
        title={`文件有 ${errors.length} 处错误，${nothing}；请修改后重新导入`}
      />
      <Table<ImportIssue>
        size="small"
        rowKey={(i) => `${i.sheet}:${i.row ?? ''}:${i.column ?? ''}:${i.message}`}
        dataSource={[...errors]}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '行', dataIndex: 'row', width: 60 },
          { title: '列', dataIndex: 'column', width: 90 },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </>
  );
}
