import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ArrivalReview, CrossFinding } from '../../api/types.ts';

const SEVERITY: Readonly<Record<string, { color: string; label: string }>> = {
  error: { color: 'red', label: '错误' },
  warning: { color: 'orange', label: '提示' },
  info: { color: 'blue', label: '参考' },
};

const severityOf = (s: string) => SEVERITY[s] ?? { color: 'default', label: s };

/** A stated figure against the ledger: both values named, the sentence it stands in below. */
function CrossItem({ c }: { c: CrossFinding }) {
  const sev = severityOf(c.severity);
  const ledger = c.ledger === null ? '无记录' : `${c.ledger}${c.ledgerUnit}`;
  return (
    <li className="cycle-cross" data-severity={c.severity}>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color={sev.color}>{sev.label}</Tag>
          <Typography.Text strong>{c.label}</Typography.Text>
          <Typography.Text>
            报告 <b>{c.statedText}</b> · 台账 <b>{ledger}</b>
          </Typography.Text>
        </Space>
        <Typography.Text>{c.message}</Typography.Text>
        {c.sentence && (
          <Typography.Text type="secondary" className="cycle-quote">
            {c.sentence}
          </Typography.Text>
        )}
      </Space>
    </li>
  );
}

/**
 * The review made when the report arrived: the reviewer's findings by severity and every stated
 * figure that differs from the township's own ledger.
 */
export function ReviewPanel({
  review,
  title,
  extra,
}: {
  review: ArrivalReview;
  /** The card's title; the review on arrival names the file reviewed. */
  title?: string;
  /** More at the card's top right, after the counts. */
  extra?: ReactNode;
}) {
  const counts = review.findings.reduce<Record<string, number>>(
    (a, f) => ({ ...a, [f.severity]: (a[f.severity] ?? 0) + 1 }),
    {},
  );
  return (
    <Card
      size="small"
      className="cycle-review"
      title={title ?? `报送审阅：${review.file}`}
      extra={
        <Space size={4}>
          <Typography.Text type="secondary">
            核对数据 {review.figures} 处 · 与台账不符 {review.cross.length} 处
          </Typography.Text>
          {extra}
        </Space>
      }
    >
      {review.error && <Alert type="error" showIcon title={`无法审阅：${review.error}`} />}
      <Typography.Title level={5}>与台账核对（{review.cross.length}）</Typography.Title>
      {review.cross.length === 0 ? (
        <Typography.Text type="success">报告中的数据与本乡镇台账一致</Typography.Text>
      ) : (
        <ul className="cycle-items">
          {review.cross.map((c, i) => (
            <CrossItem key={`${c.key}-${c.start}-${i}`} c={c} />
          ))}
        </ul>
      )}
      <Typography.Title level={5} className="cycle-review-findings">
        审阅意见（
        {Object.keys(SEVERITY)
          .filter((s) => counts[s])
          .map((s) => `${severityOf(s).label} ${counts[s]}`)
          .join('，') || '无'}
        ）
      </Typography.Title>
      {review.findings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现问题" />
      ) : (
        <ul className="cycle-items">
          {review.findings.map((f, i) => (
            <li key={`${f.rule}-${i}`} className="cycle-finding" data-severity={f.severity}>
              <Space orientation="vertical" size={2}>
                <Space size={4}>
                  <Tag color={severityOf(f.severity).color}>{severityOf(f.severity).label}</Tag>
                  <Typography.Text>{f.message}</Typography.Text>
                </Space>
                {f.text && (
                  <Typography.Text type="secondary" className="cycle-quote">
                    {f.text}
                  </Typography.Text>
                )}
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
