import { Descriptions, Divider, Tag } from 'antd';
import type { CaseFeedback } from '../../../../src/services/public/feedback-status.ts';
import { useApi } from '../../lib/useApi.ts';
import '../feedback/feedback.css';

const RATING_COLOR: Readonly<Record<string, string>> = { 满意: 'green', 基本满意: 'blue', 不满意: 'red' };

/**
 * The resident behind a case filed on the public portal (群众诉求): what was reported and how to
 * reach them. Personal information: the server shows it only within the user's scope and logs the read.
 */
export function FeedbackPanel({ id }: { id: number }) {
  const { data } = useApi<{ feedback: CaseFeedback | null }>(`/api/cases/${id}/feedback`);
  const f = data?.feedback;
  if (!f) return null;
  const dash = (v: string | null) => (v && v !== '' ? v : '—');
  return (
    <div className="feedback-panel" data-testid="feedback-panel">
      <Divider titlePlacement="start">群众诉求</Divider>
      {f.anonymised ? (
        <p>保存期限已过，联系人信息和反映内容已匿名化处理。</p>
      ) : (
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'c', label: '问题类别', children: f.category },
            { key: 'v', label: '村（社区）', children: dash(f.village) },
            { key: 'n', label: '联系人', children: dash(f.name) },
            { key: 'p', label: '联系电话', children: dash(f.phone) },
            {
              key: 'd',
              label: '反映内容',
              span: 2,
              children: <div className="feedback-panel-text">{f.description}</div>,
            },
            { key: 'f', label: '照片', children: f.photos > 0 ? `${f.photos} 张（见佐证材料）` : '无' },
            {
              key: 's',
              label: '提交时间',
              children: new Date(f.submittedAt).toLocaleString('zh-CN', {
                timeZone: 'Asia/Shanghai',
                hour12: false,
              }),
            },
            {
              key: 'r',
              label: '群众评价',
              span: 2,
              children: f.rating ? (
                <>
                  <Tag color={RATING_COLOR[f.rating] ?? 'default'}>{f.rating}</Tag>
                  {f.ratingComment && <span className="feedback-panel-text">{f.ratingComment}</span>}
                </>
              ) : (
                '尚未评价'
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
