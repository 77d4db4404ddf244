import { InboxOutlined } from '@ant-design/icons';
import { Alert, Collapse, Tag, Typography, Upload } from 'antd';
import { zipSync } from 'fflate';
import { useRef, useState } from 'react';
import { api, errorText, itemsOf } from '../../api/client.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { ReviewResultView } from './ReviewResultView.tsx';
import { isFailed, type ReviewOutcome } from './types.ts';
import './review.css';

/** Several reports go up as one .zip so the server also compares them with each other. */
async function bundle(files: readonly File[]): Promise<File> {
  if (files.length === 1 && files[0]) return files[0];
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = new Uint8Array(await f.arrayBuffer());
  return new File([zipSync(entries, { level: 0 })], '报告批量审阅.zip', { type: 'application/zip' });
}

/** Drop one or many annual reports; each comes back with its findings, figures and shared passages. */
export default function ReviewPage() {
  const cat = useCatalogue();
  const [results, setResults] = useState<readonly ReviewOutcome[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<File[]>([]);

  const run = async () => {
    const files = pending.current;
    pending.current = [];
    setBusy(true);
    setError(null);
    try {
      const file = await bundle(files);
      setResults(itemsOf<ReviewOutcome>(await api<unknown>('/api/review', { file, fileName: file.name })));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="review-page">
      <div className="page-title">
        <Typography.Title level={4}>报告审阅</Typography.Title>
      </div>
      <Upload.Dragger
        multiple
        accept=".docx,.txt,.md,.html,.htm,.zip"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f, list) => {
          pending.current.push(f);
          // antd calls beforeUpload once per file; send the batch after the last one.
          if (f === list[list.length - 1]) void run();
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或将一份或多份年度报告（.docx / .txt / .md / .html / .zip）拖到此处</p>
        <p className="ant-upload-hint">
          检查法定五部分、过期规划、法制/法治混用、比率与数量不符等问题，多份报告互相比对雷同段落
        </p>
      </Upload.Dragger>
      {busy && <Alert className="form-alert" type="info" showIcon title="正在审阅……" />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {results.length > 0 && (
        <Collapse
          className="review-list"
          defaultActiveKey={results[0]?.file}
          items={results.map((r) => ({
            key: r.file,
            label: (
              <span>
                {r.file}{' '}
                {isFailed(r) ? (
                  <Tag color="red">无法读取</Tag>
                ) : (
                  <>
                    <Tag color={r.findings.some((f) => f.severity === 'error') ? 'red' : 'orange'}>
                      问题 {r.findings.length}
                    </Tag>
                    <Tag>数据 {r.figures.length}</Tag>
                  </>
                )}
              </span>
            ),
            children: isFailed(r) ? (
              <Alert type="error" title={r.error} />
            ) : (
              <ReviewResultView r={r} indicators={cat?.indicators ?? []} />
            ),
          }))}
        />
      )}
    </div>
  );
}
