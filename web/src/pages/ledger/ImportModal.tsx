import { InboxOutlined } from '@ant-design/icons';
import { Alert, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';

interface ImportIssue {
  readonly sheet: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
}

interface ImportReport {
  readonly fileName: string;
  readonly rows: number;
  readonly inserted: number;
  readonly skipped: number;
  readonly errors: readonly ImportIssue[];
}

/** Upload an .xlsx/.csv ledger; on any error nothing is written and each problem is listed with its place. */
export function ImportModal(props: {
  open: boolean;
  township: number;
  kind: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await api<ImportReport>('/api/imports', {
        file,
        query: { township: props.township, kind: props.kind },
      });
      setReport(r);
      if (r.errors.length === 0 && r.inserted > 0) props.onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setReport(null);
    setError(null);
    props.onClose();
  };

  return (
    <Modal title="导入台账表格" open={props.open} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => {
          void upload(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或将 Excel（.xlsx）/ CSV 文件拖到此处</p>
        <p className="ant-upload-hint">整个文件要么全部导入，要么一行也不写入；重复导入的行会被跳过。</p>
      </Upload.Dragger>
      {busy && <Alert className="form-alert" type="info" showIcon title="正在导入……" />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {report && report.errors.length === 0 && (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          title={`已导入 ${report.inserted} 行${report.skipped ? `，跳过已有的 ${report.skipped} 行` : ''}（共 ${report.rows} 行）`}
        />
      )}
      {report && report.errors.length > 0 && (
        <>
          <Alert
            className="form-alert import-errors"
            type="error"
            showIcon
            title={`文件有 ${report.errors.length} 处错误，未导入任何行；请修改后重新导入`}
          />
          <Table<ImportIssue>
            size="small"
            rowKey={(i) => `${i.sheet}:${i.row ?? ''}:${i.column ?? ''}:${i.message}`}
            dataSource={report.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '工作表', dataIndex: 'sheet', width: 130 },
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '列', dataIndex: 'column', width: 110 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
