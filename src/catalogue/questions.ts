/**
 * 学法考法 vocabulary: question types and difficulties, exam display modes and paper modes, and the
 * audiences of a study plan's items, each with the Chinese label users read.
 */
export const QUESTION_TYPES = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
} as const;
export type QuestionType = keyof typeof QUESTION_TYPES;

export const DIFFICULTIES = {
  easy: '容易',
  medium: '中等',
  hard: '较难',
} as const;
export type Difficulty = keyof typeof DIFFICULTIES;

/** A judgement question's two options, in this order: the answer is [0] for 正确, [1] for 错误. */
export const JUDGE_OPTIONS = ['正确', '错误'] as const;

/** How a paper is shown: one question at a time, or all on one page. */
export const EXAM_DISPLAYS = { one: '逐题作答', all: '整卷作答' } as const;
export type ExamDisplay = keyof typeof EXAM_DISPLAYS;

/** Random: each person draws by the rules; fixed: everyone sits the same questions (order still shuffled). */
export const PAPER_MODES = { random: '每人随机组卷', fixed: '统一试卷' } as const;
export type PaperMode = keyof typeof PAPER_MODES;

/** Who must attend a planned study item. */
export const STUDY_AUDIENCES = {
  leaders: '领导班子（中心组）成员',
  cadres: '全体机关干部',
  village: '村（社区）干部',
  enforcement: '执法人员',
} as const;
export type StudyAudience = keyof typeof STUDY_AUDIENCES;

/** A question as the bank holds it (one version). `answer` lists option indexes, ascending. */
export interface QuestionDraft {
  readonly law: string;
  readonly type: QuestionType;
  readonly difficulty: Difficulty;
  readonly stem: string;
  readonly options: readonly string[];
  readonly answer: readonly number[];
  /** The source article: 第二十条, 第一千零四十二条第一款. */
  readonly article: string;
  /** An optional explanation shown with the right answer after the window closes. */
  readonly note?: string;
}

/** A starter-bank question: a stable code (XF-001) so a correction in a later release is a new version. */
export interface StarterQuestion extends QuestionDraft {
  readonly code: string;
}
