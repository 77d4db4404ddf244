/** Shapes the API answers with: the server's own declarations (type-only imports), never copies. */
import type { Field, FieldValue } from '../../../src/catalogue/fields.ts';
import type { Indicator } from '../../../src/catalogue/indicators.ts';
import type { GroupId, RecordKind } from '../../../src/catalogue/kinds.ts';
import type { CrossFinding } from '../../../src/cycle/crosscheck.ts';
import type { Role } from '../../../src/catalogue/roles.ts';
import type { IndicatorValue } from '../../../src/core/indicators.ts';
import type { FieldError, LedgerRecord as ServerRecord } from '../../../src/core/records.ts';
import type { CaseClockInfo, CaseStepInfo, CaseTypeInfo } from '../../../src/http/case-catalogue.ts';
import type { describeUser } from '../../../src/http/routes/auth.ts';
import type { Action } from '../../../src/services/access.ts';
import type { GroupActivity, MonthlyActivity } from '../../../src/services/activity.ts';
import type { Evidence } from '../../../src/services/evidence.ts';
import type { RecordCase } from '../../../src/services/records.ts';
import type { Explanation } from '../../../src/services/indicators.ts';
import type { Org, OrgKind } from '../../../src/services/orgs.ts';
import type { ReportModel } from '../../../src/report/model/types.ts';
import type { ColumnMapping } from '../../../src/services/ledger-io/drafts.ts';
import type { ImportIssue, ImportReport, SheetSummary } from '../../../src/services/ledger-io/report.ts';
import type { ArrivalReview } from '../../../src/services/cycle-shared.ts';
import type { HeadlineChoice, HeadlinePick } from '../../../src/cycle/headlines.ts';
import type { CycleRow, cycleReport, draftModel } from '../../../src/services/cycle.ts';

export type {
  Action,
  CaseClockInfo,
  CaseStepInfo,
  CaseTypeInfo,
  Explanation,
  ColumnMapping,
  Field,
  FieldError,
  FieldValue,
  GroupActivity,
  GroupId,
  ImportIssue,
  ImportReport,
  IndicatorValue,
  MonthlyActivity,
  Org,
  OrgKind,
  RecordKind,
  SheetSummary,
};

/** The signed-in user as GET /api/auth/me gives it. */
export type User = ReturnType<typeof describeUser>;

/** A ledger record as GET /api/records gives it, with its evidence count. */
export interface LedgerRecord extends ServerRecord {
  readonly evidenceCount?: number;
  /** Stored due dates (办结期限…) counted on statutory holidays only: field key → 按法定节日推算 mark. */
  readonly marks?: Readonly<Record<string, string>>;
  /** For a case's record (lists only): its state and the case type's label for it. */
  readonly case?: RecordCase | null;
}

export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
}

/** An indicator as GET /api/catalogue/indicators lists it. */
export type IndicatorInfo = Pick<Indicator, 'key' | 'label' | 'unit' | 'group' | 'basis'>;

/** A role as GET /api/catalogue/roles lists it; `security` marks the 三员, whose accounts are made only on the server. */
export type RoleInfo = Role & { readonly security?: boolean };

export type EvidenceFile = Evidence;

export type { ArrivalReview, CrossFinding, CycleRow, HeadlineChoice, HeadlinePick, ReportModel };

/** One township's report in the cycle as GET /api/cycle/:townshipId/:year gives it. */
export type CycleReport = Awaited<ReturnType<typeof cycleReport>>;

/** The draft's text as GET /api/cycle/:townshipId/:year/draft gives it: the model and its keyed paragraphs. */
export type CycleDraft = Awaited<ReturnType<typeof draftModel>>;

import type { ParagraphChange } from '../../../src/services/cycle-versions.ts';

export type { ParagraphChange };

/** What the ledger changed in the draft since its last saved version (GET /api/cycle/:townshipId/:year/ledger-changes). */
export interface LedgerChanges {
  /** The saved version the draft generated now is compared with (0: nothing saved yet). */
  readonly since: number;
  readonly changes: readonly ParagraphChange[];
}

export type { TodoCategory, TodoItem, TodoList } from '../../../src/services/todo.ts';
export type { Message, MessagePage } from '../../../src/services/messages.ts';
export type { WebhookConfig, WebhookKind } from '../../../src/services/webhooks.ts';
