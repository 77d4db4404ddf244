import { ReadOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PlanProgress } from '../../../../src/services/study-plans.ts';
import { useApi } from '../../lib/useApi.ts';

/** The year's study plan against what was done: 计划N次，完成N次, and the items overdue. */
export function StudyPlanCard({ org, year, own }: { org: number; year: number; own?: string }) {
  const { data, error } = useApi<PlanProgress>('/api/study-plans/progress', { query: { orgId: org, year } });
  if (error) return null;
  const t = data?.total;
  return (
    <Card
      size="small"
      className="study-plan-card"
      loading={!data}
      title={
        <span>
          <ReadOutlined /> 学法计划{own ? `（${own}）` : ''}
        </span>
      }
      extra={<Link to="/study/plan">查看计划</Link>}
    >
      {t && t.planned > 0 ? (
        <div className="study-plan-figures">
          <span>
            计划<b>{t.planned}</b>次，完成<b>{t.done}</b>次
          </span>
          {t.overdue > 0 ? <Tag color="red">逾期 {t.overdue} 项</Tag> : <Tag color="green">无逾期</Tag>}
        </div>
      ) : (
        <Typography.Text type="secondary">{year}年尚未制定学法计划</Typography.Text>
      )}
    </Card>
  );
}
