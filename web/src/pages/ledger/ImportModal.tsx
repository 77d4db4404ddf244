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

interface ColumnMapping {
  readonly column: string;
  readonly header: string;
  readonly to: string;
  readonly confidence: number;
}

interface ImportReport {
  readonly fileName: string;
  readonly rows: number;
  readonly inserted: number;
  readonly skipped: number;
  readonly errors: readonly ImportIssue[];
  readonly sheets: readonly {
    sheet: string;
    kindLabel: string;
    rows: number;
    mapping?: readonly ColumnMapping[];
  }[];
}

/** How a sheet laid out by the township was read: each column and the field it was taken for. */
function MappingTable({ sheet }: { sheet: ImportReport['sheets'][number] }) {
  if (!sheet.mapping) return null;
  return (
    <div className="import-mapping">
      <div className="import-mapping-title">
        “{sheet.sheet}”按原表格式读取为{sheet.kindLabel}（{sheet.rows} 行），各列对应如下：
      </div>
      <Table<ColumnMapping>
        size="small"
        rowKey="column"
        dataSource={sheet.mapping}
        pagination={false}
        columns={[
          { title: '列', dataIndex: 'column', width: 50 },
          { title: '原表列名', dataIndex: 'header' },
          {
            title: '导入为',
            dataIndex: 'to',
            render: (to: string, m) =>
              m.confidence > 0 && m.confidence < 0.9 ? (
                <span className="import-mapping-unsure">{to}（请核对）</span>
              ) : (
                to
              ),
          },
        ]}
      />
    </div>
  );
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
        accept=".xlsx,.csv,.docx"
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
        <p>点击或将 Excel（.xlsx）、CSV 或含台账表格的 Word（.docx）文件拖到此处</p>
        <p className="ant-upload-hint">
          可用系统模板，也可直接导入本乡镇原有的台账表格；整个文件要么全部导入，要么一行也不写入；重复导入的行会被跳过。
        </p>
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
      {report?.sheets.map((s) => (
        <MappingTable key={s.sheet} sheet={s} />
      ))}
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
