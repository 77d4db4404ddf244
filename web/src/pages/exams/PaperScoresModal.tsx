import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Upload } from 'antd';
import { useState } from 'react';
import { api, download, errorText } from '../../api/client.ts';
import type { ImportIssue } from '../../api/types.ts';
import { ImportIssues } from '../../components/ImportIssues.tsx';

/** What the server answers to a paper-score import. */
interface PaperScoreReport {
  readonly fileName: string;
  readonly rows: number;
  readonly imported: number;
  readonly matched: number;
  readonly replaced: number;
  readonly errors: readonly ImportIssue[];
}

/**
 * 纸质考试: the template pre-filled with the candidates, and the upload of their scores, all or
 * nothing, each bad row listed with its reason.
 */
export function PaperScoresModal(props: {
  examId: number;
  title: string;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const [report, setReport] = useState<PaperScoreReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await api<PaperScoreReport>(`/api/exams/${props.examId}/paper-scores`, { file });
      setReport(r);
      if (r.errors.length === 0) props.onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const template = async () => {
    try {
      await download(`/api/exams/${props.examId}/paper-scores/template`, `${props.title}纸质成绩模板.xlsx`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const close = () => {
    setReport(null);
    setError(null);
    props.onClose();
  };

  return (
    <Modal
      title="导入纸质考试成绩"
      open={props.open}
      onCancel={close}
      footer={null}
      width={760}
      rootClassName="paper-scores-modal"
      destroyOnHidden
    >
      <p>
        <Button
          type="link"
          icon={<DownloadOutlined />}
          onClick={() => void template()}
          style={{ padding: 0 }}
        >
          下载纸质成绩模板
        </Button>
        （已填好应考人员的姓名、单位和账号，填上成绩即可）
      </p>
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
        <p>点击或将纸质成绩表格（.xlsx）拖到此处</p>
        <p className="ant-upload-hint">
          有任何错误则一行也不导入；再次导入替换此前导入的纸质成绩，在线作答的成绩不受影响，同一人取较好的成绩。
        </p>
      </Upload.Dragger>
      {busy && <Alert className="form-alert" type="info" showIcon title="正在读取……" />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {report && report.errors.length === 0 && (
        <Alert
          className="form-alert import-done"
          type="success"
          showIcon
          title={`已导入纸质成绩 ${report.imported} 人（其中应考人员 ${report.matched} 人）${report.replaced ? `，替换此前导入的 ${report.replaced} 条` : ''}`}
        />
      )}
      {report && report.errors.length > 0 && <ImportIssues errors={report.errors} nothing="未导入任何成绩" />}
    </Modal>
  );
}
