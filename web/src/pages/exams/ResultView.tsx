import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { lawLabel } from '../../../../src/catalogue/laws.ts';
import { optionText } from './QuestionCard.tsx';
import { chinaTime, GRADE_COLORS, type ExamResult, type ReviewItem } from './types.ts';

const choices = (r: ReviewItem, picked: readonly number[]): string =>
  picked.length === 0 ? '未作答' : picked.map((i) => optionText(r, r.options[i] ?? '', i)).join('；');

function Review({ items }: { items: readonly ReviewItem[] }) {
  return (
    <ol className="exam-review" aria-label="答题情况">
      {items.map((r, i) => (
        <li key={r.position} className={r.right ? 'exam-review-right' : 'exam-review-wrong'}>
          <div className="exam-question-stem">
            {r.right ? <CheckCircleFilled /> : <CloseCircleFilled />} {i + 1}. {r.stem}
          </div>
          <div>你的答案：{choices(r, r.given)}</div>
          <div>正确答案：{choices(r, r.answer)}</div>
          <div className="exam-review-basis">
            依据：《{lawLabel(r.law)}》{r.article}
            {r.note ? `。${r.note}` : ''}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The score of a submitted paper; the right answers with their articles once the exam's window has closed. */
export function ResultView({ title, result }: { title?: string; result: ExamResult }) {
  return (
    <div className="exam-result">
      {title && <h2 className="exam-result-title">{title}</h2>}
      <div className="exam-score" aria-label="得分">
        <span className="exam-score-value">{result.score}</span>
        <span className="exam-score-total"> / {result.total} 分</span>
      </div>
      <div className="exam-result-grade">
        <Tag color={GRADE_COLORS[result.grade]} className="exam-grade-tag">
          {result.gradeLabel}
        </Tag>
        <span>合格分 {result.passMark} 分</span>
      </div>
      <div className="exam-result-meta">
        {result.submittedHow === 'timeout' ? '考试时间到，系统自动交卷' : '已交卷'}（
        {chinaTime(result.submittedAt)}）
      </div>
      {result.review ? (
        <Review items={result.review} />
      ) : (
        <Alert
          type="info"
          showIcon
          title="考试（含补考）结束后，可在此查看正确答案和法条依据"
          className="exam-review-later"
        />
      )}
      <Link to="/exams/mine">
        <Button size="large" block className="exam-back">
          返回我的考试
        </Button>
      </Link>
    </div>
  );
}
