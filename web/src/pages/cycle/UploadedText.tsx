import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { download } from '../../api/client.ts';
import type { CycleReport } from '../../api/types.ts';

/**
 * A report written outside fazhi and uploaded on the township's behalf: its text as the reviewer
 * read it, paragraph by paragraph, and the file itself. Its paragraphs are not fazhi's draft, so
 * they carry no figure chips and no paragraph notes: a return says what to change in its comment.
 */
export function UploadedText({ r }: { r: CycleReport }) {
  const u = r.uploaded;
  if (!u) return null;
  return (
    <Card
      size="small"
      className="cycle-document cycle-uploaded"
      title={`代为上传的报告：${u.fileName}`}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          onClick={() =>
            void download(`/api/cycle/${r.townshipId}/${r.year}/versions/${u.seq}/file`, u.fileName)
          }
        >
          下载原文件
        </Button>
      }
    >
      <div className="cycle-paper">
        {u.text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line, i) => (
            <Typography.Paragraph key={i}>{line}</Typography.Paragraph>
          ))}
      </div>
    </Card>
  );
}
