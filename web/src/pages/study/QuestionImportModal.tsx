import { InboxOutlined } from '@ant-design/icons';
import { Alert, Modal, Upload } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api/client.ts';
import { ImportIssues } from '../../components/ImportIssues.tsx';
import type { QuestionImportReport } from './types.ts';

/** Uploads a question bank .xlsx: all or nothing, each bad row listed with its reason. */
export function QuestionImportModal(props: {
  open: boolean;
  orgId: number | undefined;
  onClose: () => void;
  onImported: () => void;
}) {
  const [report, setReport] = useState<QuestionImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await api<QuestionImportReport>('/api/questions/import', {
        method: 'POST',
        query: { orgId: props.orgId },
        file,
      });
      setReport(r);
      if (r.errors.length === 0) props.onImported();
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
    <Modal
      title="导入题库表格"
      open={props.open}
      onCancel={close}
      footer={null}
      width={760}
      rootClassName="question-import-modal"
      destroyOnHidden
    >
      <Upload.Dragger
        accept=".xlsx"
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
        <p>点击或将题库表格（.xlsx）拖到此处</p>
        <p className="ant-upload-hint">
          按题库导入模板填写；有任何错误则一题也不导入。填写本单位已有题号且内容有改动的，保存为该题的新版本。
        </p>
      </Upload.Dragger>
      {busy && <Alert className="form-alert" type="info" showIcon title="正在读取……" />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {report && report.errors.length === 0 && (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          title={`已导入：新增 ${report.created} 题，修正 ${report.corrected} 题，未变 ${report.unchanged} 题${report.skipped ? `，入门题库或上级题库原题 ${report.skipped} 题未导入` : ''}（共 ${report.rows} 行）`}
        />
      )}
      {report && report.errors.length > 0 && <ImportIssues errors={report.errors} nothing="未导入任何题目" />}
    </Modal>
  );
}
