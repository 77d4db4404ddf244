import { Checkbox, Radio, Tag } from 'antd';
import { lawLabel } from '../../../../src/catalogue/laws.ts';
import { QUESTION_TYPES } from '../../../../src/catalogue/questions.ts';
import type { SittingQuestion } from './types.ts';

const LETTERS = 'ABCDEFGHIJ';

/** An option as it is read out: A. 选项 (a judgement question's 正确/错误 stand alone). */
export function optionText(q: Pick<SittingQuestion, 'type'>, option: string, i: number): string {
  return q.type === 'judge' ? option : `${LETTERS[i] ?? i + 1}. ${option}`;
}

/** One question with its options: radio buttons for single choice and judgement, boxes for multiple choice. */
export function QuestionCard({
  q,
  index,
  answer,
  onAnswer,
  disabled,
}: {
  q: SittingQuestion;
  /** Its number on the paper, from 1. */
  index: number;
  answer: readonly number[] | undefined;
  onAnswer: (a: number[]) => void;
  disabled: boolean;
}) {
  const id = `q-${q.position}`;
  return (
    <section className="exam-question" aria-labelledby={id} data-position={q.position}>
      <div className="exam-question-meta">
        <Tag color="blue">{QUESTION_TYPES[q.type]}</Tag>
        <span>{lawLabel(q.law)}</span>
        <span className="exam-question-points">{q.points} 分</span>
      </div>
      <h3 className="exam-question-stem" id={id}>
        {index}. {q.stem}
      </h3>
      {q.type === 'multiple' ? (
        <Checkbox.Group
          className="exam-options"
          value={[...(answer ?? [])]}
          disabled={disabled}
          onChange={(v) => onAnswer([...v].sort((a, b) => a - b))}
          options={q.options.map((o, i) => ({ value: i, label: optionText(q, o, i) }))}
        />
      ) : (
        <Radio.Group
          className="exam-options"
          value={answer?.[0]}
          disabled={disabled}
          onChange={(e) => onAnswer([e.target.value as number])}
          options={q.options.map((o, i) => ({ value: i, label: optionText(q, o, i) }))}
        />
      )}
      {q.type === 'multiple' && <div className="exam-question-hint">多选题：选出全部正确选项</div>}
    </section>
  );
}
