import { Alert, App, Button, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useMatch, useParams } from 'react-router-dom';
import { api, ApiError, errorText } from '../../api/client.ts';
import { AnswerSaver, type SaveStatus } from './answer-saver.ts';
import { ResultView } from './ResultView.tsx';
import { SittingView } from './SittingView.tsx';
import type { ExamResult, MyExam, Sitting } from './types.ts';
import { useCountdown } from './useCountdown.ts';
import './exams.css';

type Phase =
  | { readonly k: 'loading' }
  | { readonly k: 'sitting' | 'ending'; readonly s: Sitting }
  | { readonly k: 'taken'; readonly message: string }
  | { readonly k: 'result'; readonly r: ExamResult; readonly title?: string; readonly notice?: string }
  | { readonly k: 'error'; readonly message: string };

type Answers = Readonly<Record<number, readonly number[]>>;

const NO_SAVE: SaveStatus = { unsaved: 0, retrying: false, savedAt: null };

function answersOf(s: Sitting): Answers {
  const out: Record<number, readonly number[]> = {};
  for (const [p, a] of Object.entries(s.answers)) out[Number(p)] = a;
  return out;
}

/**
 * 在线考试: starts the sitting or resumes the running one (answers and the server's time left come
 * back after a reload), saves every answer as it is given, submits at the end of time, then shows the
 * result. Another window that opens the same exam takes the sitting over and this one stops.
 */
export default function SitExam() {
  const { id } = useParams();
  const resultOnly = useMatch('/exams/:id/result') !== null;
  const { message, modal } = App.useApp();
  const [phase, setPhase] = useState<Phase>({ k: 'loading' });
  const [answers, setAnswers] = useState<Answers>({});
  const [save, setSave] = useState<SaveStatus>(NO_SAVE);
  const saver = useRef<AnswerSaver | null>(null);
  const sitting = phase.k === 'sitting' || phase.k === 'ending' ? phase.s : null;

  const showResult = useCallback(
    async (notice?: string) => {
      try {
        const [r, mine] = await Promise.all([
          api<ExamResult>(`/api/exams/${id}/result`),
          api<{ items: MyExam[] }>('/api/exams/mine').catch(() => ({ items: [] })),
        ]);
        const title = mine.items.find((x) => String(x.id) === id)?.title;
        setPhase({ k: 'result', r, title, notice });
      } catch (e) {
        setPhase({ k: 'error', message: notice ?? errorText(e) });
      }
    },
    [id],
  );

  const stopped = useCallback(
    (code: string, text: string) => {
      saver.current?.stop();
      if (code === 'taken_over') setPhase({ k: 'taken', message: text });
      else void showResult(code === 'time_up' ? text : undefined);
    },
    [showResult],
  );

  const finish = useCallback(async () => {
    const s = sitting;
    const sv = saver.current;
    if (!s || !sv || phase.k !== 'sitting') return;
    setPhase({ k: 'ending', s });
    await sv.settled();
    try {
      const r = await api<ExamResult>(`/api/exams/${id}/sittings/${s.sittingId}/submit`, {
        json: { token: s.token },
      });
      sv.stop();
      setPhase({ k: 'result', r, title: s.title });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) stopped(e.code, e.message);
      else {
        setPhase({ k: 'sitting', s });
        void message.error(`交卷未成功：${errorText(e)}，请再点“交卷”`);
      }
    }
  }, [id, message, phase.k, sitting, stopped]);

  const { left, sync } = useCountdown(phase.k === 'sitting', () => void finish());

  const start = useCallback(async () => {
    setPhase({ k: 'loading' });
    try {
      const s = await api<Sitting>(`/api/exams/${id}/sittings`, { method: 'POST' });
      saver.current?.stop();
      saver.current = new AnswerSaver(`/api/exams/${id}/sittings/${s.sittingId}`, s.token, {
        synced: sync,
        stopped,
        rejected: (m) => void message.error(m),
        status: setSave,
      });
      setAnswers(answersOf(s));
      setSave(NO_SAVE);
      sync(s.remainingSeconds);
      setPhase({ k: 'sitting', s });
    } catch (e) {
      // Already submitted, or outside the window: the result if there is one, else the reason.
      if (e instanceof ApiError && e.status === 409) await showResult(e.message);
      else setPhase({ k: 'error', message: errorText(e) });
    }
  }, [id, message, showResult, stopped, sync]);

  // One start per page: a second POST would take the sitting over from ourselves.
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (started.current === id) return;
    started.current = id ?? null;
    if (resultOnly) void showResult();
    else void start();
  }, [id, resultOnly, showResult, start]);
  useEffect(() => () => saver.current?.stop(), []);

  // Leaving with an answer still unsaved (no network) asks first.
  useEffect(() => {
    if (save.unsaved === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [save.unsaved]);

  const answer = useCallback((position: number, a: readonly number[]) => {
    setAnswers((x) => ({ ...x, [position]: a }));
    saver.current?.set(position, a);
  }, []);

  const askSubmit = useCallback(() => {
    if (!sitting) return;
    const open = sitting.questions.filter((q) => !(answers[q.position]?.length ?? 0)).length;
    modal.confirm({
      title: '确定交卷吗？',
      content: open > 0 ? `还有 ${open} 题未作答，交卷后不能再修改。` : '已全部作答，交卷后不能再修改。',
      okText: '交卷',
      cancelText: '继续作答',
      rootClassName: 'exam-submit-confirm',
      onOk: finish,
    });
  }, [answers, finish, modal, sitting]);

  const body = useMemo(() => {
    switch (phase.k) {
      case 'loading':
        return <Spin className="page-spin" size="large" />;
      case 'error':
        return (
          <div className="exam-message">
            <Alert type="warning" showIcon title={phase.message} />
            {!resultOnly && (
              <Button size="large" block className="exam-back" onClick={() => void start()}>
                重新加载
              </Button>
            )}
            <Link to="/exams/mine">
              <Button size="large" block className="exam-back">
                返回我的考试
              </Button>
            </Link>
          </div>
        );
      case 'taken':
        return (
          <div className="exam-message">
            <Alert type="warning" showIcon title={phase.message} />
            <Button type="primary" size="large" block className="exam-back" onClick={() => void start()}>
              在此窗口继续
            </Button>
          </div>
        );
      case 'result':
        return (
          <>
            {/* The result says itself when the time ran out. */}
            {phase.notice && phase.r.submittedHow !== 'timeout' && (
              <Alert type="info" showIcon title={phase.notice} className="exam-notice" />
            )}
            <ResultView result={phase.r} title={phase.title} />
          </>
        );
      case 'sitting':
      case 'ending':
        return (
          <SittingView
            s={phase.s}
            answers={answers}
            onAnswer={answer}
            left={left}
            save={save}
            ending={phase.k === 'ending'}
            onSubmit={askSubmit}
          />
        );
    }
  }, [answer, answers, askSubmit, left, phase, resultOnly, save, start]);

  return <div className="exam-sit">{body}</div>;
}
