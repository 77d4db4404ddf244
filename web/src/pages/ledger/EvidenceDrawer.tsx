import { DeleteOutlined, DownloadOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Popconfirm, Space, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { api, download, errorText, itemsOf, send } from '../../api/client.ts';
import type { EvidenceFile, LedgerRecord } from '../../api/types.ts';
import { useApi } from '../../lib/useApi.ts';

/** An image evidence file shown inline (the API needs the session cookie, so it is fetched as a blob). */
function Preview({ file }: { file: EvidenceFile }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file.mime.startsWith('image/')) return;
    let u: string | undefined;
    void send(`/api/evidence/${file.id}`)
      .then((r) => r.blob())
      .then((b) => {
        u = URL.createObjectURL(b);
        setUrl(u);
      })
      .catch(() => undefined);
    return () => {
      if (u) URL.revokeObjectURL(u);
    };
  }, [file.id, file.mime]);
  if (url) return <img src={url} alt={file.fileName} className="evidence-img" />;
  return <FileOutlined className="evidence-icon" />;
}

/** The evidence files of one record: upload (images previewed), download, delete. */
export function EvidenceDrawer({
  record,
  canWrite,
  onClose,
}: {
  record: LedgerRecord | null;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { data, reload } = useApi<unknown>(record ? `/api/records/${record.id}/evidence` : null);
  const files = itemsOf<EvidenceFile>(data);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (f: File) => {
    if (!record) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/records/${record.id}/evidence`, { file: f });
      reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={`佐证材料：${record?.title ?? ''}`}
      open={record !== null}
      onClose={onClose}
      size={560}
      destroyOnHidden
    >
      {canWrite && (
        <Upload
          multiple
          showUploadList={false}
          accept="image/*,.pdf,.docx,.xlsx"
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            上传照片、扫描件（不超过 20 MB）
          </Button>
        </Upload>
      )}
      {error && <Alert className="form-alert" type="error" showIcon title={error} />}
      {files.length === 0 ? (
        <Empty description="尚未上传佐证材料" />
      ) : (
        <div className="evidence-grid">
          {files.map((f) => (
            <div key={f.id} className="evidence-item">
              <Preview file={f} />
              <div className="evidence-name" title={f.fileName}>
                {f.fileName}
              </div>
              <Space size={4}>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void download(`/api/evidence/${f.id}`, f.fileName)}
                >
                  下载
                </Button>
                {canWrite && (
                  <Popconfirm
                    title="删除这个文件？"
                    onConfirm={() => void api(`/api/evidence/${f.id}`, { method: 'DELETE' }).then(reload)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
                  </Popconfirm>
                )}
              </Space>
            </div>
          ))}
        </div>
      )}
    </Drawer>
  );
}
