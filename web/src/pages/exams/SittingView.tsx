import { CheckOutlined, ClockCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import type { SaveStatus } from './answer-saver.ts';
import { QuestionCard } from './QuestionCard.tsx';
import { clockText, type Sitting } from './types.ts';

type Answers = Readonly<Record<number, readonly number[]>>;

const given = (answers: Answers, position: number): boolean => (answers[position]?.length ?? 0) > 0;

function SaveMark({ save }: { save: SaveStatus }) {
  if (save.retrying)
    return (
      <span className="exam-save exam-save-error" role="status">
        <WarningOutlined /> 网络中断，正在重试保存
      </span>
    );
  if (save.unsaved > 0)
    return (
      <span className="exam-save" role="status">
        <LoadingOutlined /> 保存中
      </span>
    );
  if (save.savedAt)
    return (
      <span className="exam-save exam-save-done" role="status">
        <CheckOutlined /> 已保存
      </span>
    );
  return <span className="exam-save" role="status" />;
}

/** 答题卡: every question's number, the answered ones filled in; a tap goes to it. */
function Navigator({
  s,
  answers,
  at,
  go,
}: {
  s: Sitting;
  answers: Answers;
  at: number;
  go: (i: number) => void;
}) {
  return (
    <nav className="exam-nav" aria-label="答题卡">
      {s.questions.map((q, i) => {
        const done = given(answers, q.position);
        return (
          <button
            key={q.position}
            type="button"
            className={`exam-nav-item${done ? ' exam-nav-done' : ''}${i === at ? ' exam-nav-current' : ''}`}
            aria-label={`第${i + 1}题${done ? '（已答）' : '（未答）'}`}
            aria-current={i === at ? 'step' : undefined}
            onClick={() => go(i)}
          >
            {i + 1}
          </button>
        );
      })}
    </nav>
  );
}

/** The paper being sat: the time left and the saving in a bar that stays in view, then the questions. */
export function SittingView({
  s,
  answers,
  onAnswer,
  left,
  save,
  ending,
  onSubmit,
}: {
  s: Sitting;
  answers: Answers;
  onAnswer: (position: number, a: readonly number[]) => void;
  left: number | null;
  save: SaveStatus;
  ending: boolean;
  onSubmit: () => void;
}) {
  const key = `fazhi.exam.${s.sittingId}.at`;
  const [at, setAt] = useState(() =>
    Math.min(Number(sessionStorage.getItem(key) ?? 0) || 0, Math.max(0, s.questions.length - 1)),
  );
  useEffect(() => sessionStorage.setItem(key, String(at)), [key, at]);
  const done = s.questions.filter((q) => given(answers, q.position)).length;
  const short = left !== null && left <= 300;
  const q = s.questions[at];

  const card = (x: Sitting['questions'][number], i: number) => (
    <QuestionCard
      key={x.position}
      q={x}
      index={i + 1}
      answer={answers[x.position]}
      onAnswer={(a) => onAnswer(x.position, a)}
      disabled={ending}
    />
  );

  return (
    <>
      <header className="exam-bar">
        <div className="exam-bar-title">
          {s.title}
          {s.attempt > 1 ? '（补考）' : ''}
        </div>
        <div className="exam-bar-row">
          <span
            className={`exam-timer${short ? ' exam-timer-short' : ''}`}
            role="timer"
            aria-label="剩余时间"
          >
            <ClockCircleOutlined /> {left === null ? '--:--' : clockText(left)}
          </span>
          <span className="exam-progress">
            已答 {done}/{s.questions.length}
          </span>
          <SaveMark save={save} />
          <Button type="primary" className="exam-submit" loading={ending} onClick={onSubmit}>
            交卷
          </Button>
        </div>
      </header>
      <main className="exam-paper">
        {s.display === 'one' && q ? (
          <>
            {card(q, at)}
            <div className="exam-steps">
              <Button size="large" disabled={at === 0} onClick={() => setAt(at - 1)}>
                上一题
              </Button>
              {at < s.questions.length - 1 ? (
                <Button size="large" type="primary" ghost onClick={() => setAt(at + 1)}>
                  下一题
                </Button>
              ) : (
                <Button size="large" type="primary" loading={ending} onClick={onSubmit}>
                  交卷
                </Button>
              )}
            </div>
            <Navigator s={s} answers={answers} at={at} go={setAt} />
          </>
        ) : (
          <>
            {s.questions.map(card)}
            <Button type="primary" size="large" block loading={ending} onClick={onSubmit}>
              交卷
            </Button>
          </>
        )}
      </main>
    </>
  );
}
