/**
 * A question's rules, shared by the forms, the .xlsx import and the starter bank's check: what a
 * well-formed question is, how answers read as letters, and when two versions say the same.
 */
import { findLaw, laws } from '../catalogue/laws.ts';
import {
  DIFFICULTIES,
  JUDGE_OPTIONS,
  QUESTION_TYPES,
  type Difficulty,
  type QuestionDraft,
  type QuestionType,
} from '../catalogue/questions.ts';

export const MAX_STEM = 500;
export const MAX_OPTION = 200;
export const MAX_ARTICLE = 60;
export const MAX_NOTE = 1000;
/** Options A to F. */
export const MAX_OPTIONS = 6;
export const LETTERS = 'ABCDEF';

const NUM = '[零〇一二三四五六七八九十百千]+';
const ONE_ARTICLE = `第${NUM}条(之${NUM})?(第${NUM}款)?(第[（(]?${NUM}[）)]?项)?`;
/** 第二十条, 第一千零四十二条第一款, 第八条第（三）项; several joined by 、 or ，. */
const ARTICLE = new RegExp(`^${ONE_ARTICLE}([、，,]${ONE_ARTICLE})*$`);

export const letterOf = (i: number): string => LETTERS[i] ?? `第${i + 1}项`;

/** An answer as a person writes it: letters (A, ACD), or 正确/错误 for a judgement question. */
export function answerText(type: string, answer: readonly number[]): string {
  if (type === 'judge') return answer.map((i) => JUDGE_OPTIONS[i as 0 | 1] ?? letterOf(i)).join('');
  return answer.map(letterOf).join('');
}

/** Trims the text, reads the law by any of its names, sorts and de-duplicates the answer. */
export function normaliseDraft(d: QuestionDraft): QuestionDraft {
  const law = findLaw(d.law.trim());
  const note = d.note?.trim();
  return {
    law: law?.id ?? d.law.trim(),
    type: d.type,
    difficulty: d.difficulty,
    stem: d.stem.trim(),
    options:
      d.type === 'judge' && d.options.length === 0 ? [...JUDGE_OPTIONS] : d.options.map((o) => o.trim()),
    answer: [...new Set(d.answer)].sort((a, b) => a - b),
    article: d.article.trim().replace(/\s+/g, ''),
    ...(note ? { note } : {}),
  };
}

/** Every problem with a question, in Chinese; empty when it may be stored. */
export function validateQuestion(d: QuestionDraft): string[] {
  const errors: string[] = [];
  if (!findLaw(d.law)) errors.push(`未知的法律法规“${d.law}”：可填 ${laws.map((l) => l.label).join('、')}`);
  if (!(d.type in QUESTION_TYPES))
    errors.push(`未知的题型“${d.type}”：应为${Object.values(QUESTION_TYPES).join('、')}`);
  if (!(d.difficulty in DIFFICULTIES))
    errors.push(`未知的难度“${d.difficulty}”：应为${Object.values(DIFFICULTIES).join('、')}`);
  if (d.stem === '') errors.push('缺少题干');
  else if (d.stem.length > MAX_STEM) errors.push(`题干超过 ${MAX_STEM} 字`);
  errors.push(...optionErrors(d), ...answerErrors(d));
  if (d.article === '') errors.push('缺少条文出处（如“第二十条”）');
  else if (d.article.length > MAX_ARTICLE) errors.push(`条文出处超过 ${MAX_ARTICLE} 字`);
  else if (!ARTICLE.test(d.article))
    errors.push(`条文出处“${d.article}”格式不对：应写作“第二十条”“第一千零四十二条第一款”“第八条第（三）项”`);
  if ((d.note?.length ?? 0) > MAX_NOTE) errors.push(`解析超过 ${MAX_NOTE} 字`);
  return errors;
}

function optionErrors(d: QuestionDraft): string[] {
  const o = d.options;
  if (d.type === 'judge')
    return o.length === 2 && o[0] === JUDGE_OPTIONS[0] && o[1] === JUDGE_OPTIONS[1]
      ? []
      : ['判断题的选项应为“正确”“错误”，其他选项请留空'];
  const errors: string[] = [];
  if (o.length < 2) errors.push('选择题至少要有 A、B 两个选项');
  if (o.length > MAX_OPTIONS) errors.push(`选项最多 ${MAX_OPTIONS} 个（A 至 F）`);
  o.forEach((text, i) => {
    if (text === '') errors.push(`选项${letterOf(i)}为空`);
    else if (text.length > MAX_OPTION) errors.push(`选项${letterOf(i)}超过 ${MAX_OPTION} 字`);
  });
  const dup = o.find((text, i) => text !== '' && o.indexOf(text) !== i);
  if (dup !== undefined) errors.push(`选项“${dup}”重复`);
  return errors;
}

function answerErrors(d: QuestionDraft): string[] {
  const a = d.answer;
  if (a.length === 0) return ['缺少答案'];
  const outside = a.filter((i) => !Number.isInteger(i) || i < 0 || i >= d.options.length);
  if (outside.length > 0)
    return outside.map((i) =>
      d.type === 'judge' ? '判断题的答案应为“正确”或“错误”' : `答案“${letterOf(i)}”不在选项中`,
    );
  if ((d.type === 'single' || d.type === 'judge') && a.length !== 1)
    return [`${QUESTION_TYPES[d.type]}只能有一个答案，收到“${answerText(d.type, a)}”`];
  if (d.type === 'multiple' && a.length < 2)
    return ['多选题至少要有两个正确答案；只有一个答案的请改为单选题'];
  return [];
}

/** The draft's content compared field by field: same content, no new version. */
export function sameContent(a: QuestionDraft, b: QuestionDraft): boolean {
  return (
    a.law === b.law &&
    a.type === b.type &&
    a.difficulty === b.difficulty &&
    a.stem === b.stem &&
    a.article === b.article &&
    (a.note ?? '') === (b.note ?? '') &&
    a.options.length === b.options.length &&
    a.options.every((o, i) => o === b.options[i]) &&
    a.answer.length === b.answer.length &&
    a.answer.every((x, i) => x === b.answer[i])
  );
}

export const isQuestionType = (s: string): s is QuestionType => s in QUESTION_TYPES;
export const isDifficulty = (s: string): s is Difficulty => s in DIFFICULTIES;
