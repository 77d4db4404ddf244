import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Divider, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, download, errorText } from '../../api/client.ts';
import type { CaseTypeInfo } from '../../api/types.ts';
import { useApi } from '../../lib/useApi.ts';
import type {
  ReplyDocument,
  StaffDisclosureRequest,
} from '../../../../src/services/public/disclosure-staff.ts';

const size = (n: number): string =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`;

/** The applicant as the statutory form names them (政府信息公开条例 第29条). */
function applicantItems(r: StaffDisclosureRequest) {
  const a = r.applicant;
  const rows: [string, string | null | undefined][] =
    a.type === 'organisation'
      ? [
          ['名称', a.name],
          ['统一社会信用代码', a.creditCode],
          ['法定代表人或者负责人', a.legalRep],
          ['联系人', a.contact],
        ]
      : [
          ['姓名', a.name],
          ['证件', a.type === 'citizen' ? `${a.idTypeLabel ?? ''} ${a.idNumber ?? ''}` : ''],
        ];
  return [
    ['申请人类型', a.typeLabel],
    ...rows,
    ['联系电话', a.phone],
    ['通信地址', a.address],
    ['电子邮箱', a.email || '未填'],
    ['获取方式', `${r.request.deliveryLabel}，${r.request.mediumLabel}`],
    ['提交时间', new Date(r.filedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })],
  ].map(([label, value], i) => ({ key: String(i), label, children: value ?? '' }));
}

/**
 * 网上申请: a disclosure request filed on the public portal — the applicant (a read the server
 * audits), the request and its 补正, and the reply document the applicant downloads once 已答复.
 */
export function PublicRequestPanel(props: {
  caseId: number;
  replied: boolean;
  type: CaseTypeInfo;
  role: string;
}) {
  const { data, error, reload } = useApi<{ request: StaffDisclosureRequest | null }>(
    `/api/cases/${props.caseId}/public-request`,
  );
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<ReplyDocument | null>(null);
  const r = data?.request;
  if (error) return <Alert type="error" showIcon title={`网上申请：${error}`} />;
  if (!r) return null;
  const reply = uploaded ?? r.reply;
  const replyRoles = props.type.steps.find((s) => s.id === 'reply')?.roles as readonly string[] | undefined;
  const canUpload = (replyRoles ?? []).includes(props.role) && !(props.replied && reply);

  const upload = async (f: File) => {
    setBusy(true);
    setUploadError(null);
    try {
      setUploaded(await api<ReplyDocument>(`/api/cases/${props.caseId}/public-reply`, { file: f }));
      reload();
    } catch (e) {
      setUploadError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="public-request" data-testid="public-request">
      <Divider titlePlacement="start">网上申请</Divider>
      {r.anonymised && <Alert type="info" showIcon title="保存期限已过，申请人个人信息已匿名化" />}
      <Descriptions size="small" column={1} items={applicantItems(r)} />
      <Typography.Title level={5}>所需信息的名称、文号或描述</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.request.description}</Typography.Paragraph>
      {r.request.corrections.map((c, i) => (
        <div key={i}>
          <Typography.Title level={5}>{c.on} 网上补正</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph>
          {c.note && <Typography.Paragraph type="secondary">补充说明：{c.note}</Typography.Paragraph>}
        </div>
      ))}
      <Typography.Title level={5}>答复文书</Typography.Title>
      <Space wrap>
        {reply ? (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(`/api/cases/${props.caseId}/public-reply`, reply.fileName)}
          >
            {reply.fileName}（{size(reply.size)}）
          </Button>
        ) : (
          <Typography.Text type="secondary">尚未上传</Typography.Text>
        )}
        {canUpload && (
          <Upload
            showUploadList={false}
            accept=".pdf,.docx,.ofd,.jpg,.jpeg"
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {reply ? '替换答复文书' : '上传答复文书'}
            </Button>
          </Upload>
        )}
      </Space>
      <Typography.Paragraph type="secondary">
        PDF、Word（.docx）、OFD 或 JPG，不超过 20 MB。案件“答复”后，申请人凭查询码在公开平台下载。
      </Typography.Paragraph>
      {uploadError && <Alert type="error" showIcon title={uploadError} />}
    </section>
  );
}
