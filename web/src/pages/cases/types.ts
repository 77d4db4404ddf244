/** Case shapes the API answers with (GET /api/cases, /api/cases/:id): the server's own types. */
export type { CaseDetail, CaseSummary } from '../../../../src/services/cases.ts';
export type { CaseEvent, ClockView } from '../../../../src/core/cases.ts';
export type { Deadline } from '../../../../src/core/deadlines.ts';
