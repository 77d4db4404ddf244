import { Alert, Button, Card, Empty, Spin, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { EXAM_DISPLAYS } from '../../../../src/catalogue/questions.ts';
import { useUser } from '../../auth/AuthProvider.tsx';
import { useApi } from '../../lib/useApi.ts';
import { MobileShell } from '../mobile/MobileShell.tsx';
import { GRADE_COLORS, STATUS_TAGS, windowText, type MyExam } from './types.ts';
import './exams.css';

/** What the card's button does, by the sitter's status; null when there is nothing to do. */
function actionOf(e: MyExam): { label: string; to: string; primary: boolean } | null {
  switch (e.status) {
    case 'open':
      return { label: '开始考试', to: `/exams/${e.id}/sit`, primary: true };
    case 'in_progress':
      return { label: '继续作答', to: `/exams/${e.id}/sit`, primary: true };
    case 'makeup_open':
      return { label: '参加补考', to: `/exams/${e.id}/sit`, primary: true };
    case 'submitted':
    case 'closed':
    case 'missed':
      return e.result ? { label: '查看成绩', to: `/exams/${e.id}/result`, primary: false } : null;
    case 'upcoming':
      return null;
  }
}

function ExamCard({ e }: { e: MyExam }) {
  const nav = useNavigate();
  const tag = STATUS_TAGS[e.status];
  const act = actionOf(e);
  return (
    <li>
      <Card
        className="my-exam-card"
        size="small"
        title={e.title}
        extra={<Tag color={tag.color}>{tag.label}</Tag>}
      >
        <div className="my-exam-facts">
          <div>考试时间：{windowText(e)}</div>
          {e.makeup && <div>补考时间：{windowText(e.makeup)}</div>}
          <div>
            限时 {e.durationMin} 分钟 · {e.questionCount} 题 · 满分 {e.total} 分 · {e.passMark} 分合格
          </div>
          <div>
            {e.organiser} · {EXAM_DISPLAYS[e.display]}
          </div>
        </div>
        {e.result && (
          <div className="my-exam-score">
            成绩：<strong>{e.result.score}</strong> 分{' '}
            <Tag color={GRADE_COLORS[e.result.grade]}>{e.result.gradeLabel}</Tag>
          </div>
        )}
        {act && (
          <Button
            block
            size="large"
            className="my-exam-action"
            type={act.primary ? 'primary' : 'default'}
            onClick={() => void nav(act.to)}
          >
            {act.label}
          </Button>
        )}
      </Card>
    </li>
  );
}

function ExamList() {
  const { data, error, loading } = useApi<{ items: MyExam[] }>('/api/exams/mine');
  if (error) return <Alert type="error" showIcon title={error} />;
  if (loading && !data) return <Spin className="page-spin" />;
  const items = data?.items ?? [];
  if (items.length === 0) return <Empty description="目前没有需要参加的考试" />;
  return (
    <ul className="my-exams" aria-label="我的考试">
      {items.map((e) => (
        <ExamCard key={e.id} e={e} />
      ))}
    </ul>
  );
}

/** 我的考试: the exams the signed-in person must sit, with their windows, status and own scores. */
export default function MyExams() {
  const user = useUser();
  // A grid member works on the phone pages only.
  if (user.role === 'grid_member')
    return (
      <MobileShell title="我的考试">
        <ExamList />
      </MobileShell>
    );
  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>我的考试</Typography.Title>
      </div>
      <ExamList />
    </div>
  );
}
