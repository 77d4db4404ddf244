export type { Question } from '../../../../src/services/exams/questions.ts';
export type { QuestionImportReport } from '../../../../src/services/exams/question-io.ts';

export interface QuestionPage {
  readonly items: readonly import('../../../../src/services/exams/questions.ts').Question[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface QuestionCounts {
  readonly items: readonly { law: string; lawLabel: string; type: string; n: number }[];
  readonly total: number;
}
