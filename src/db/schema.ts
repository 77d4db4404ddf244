import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types shared by SQLite and PostgreSQL. Dates are `YYYY-MM-DD` text in both (a `date`
 * column in PostgreSQL, read back as text); timestamps are ISO-8601 text; flags are 0/1 integers;
 * `data` is JSON (text in SQLite, jsonb in PostgreSQL; see dialect.ts).
 */
export interface OrgTable {
  id: Generated<number>;
  /** Stable code used on the command line and in files (e.g. 431228101). */
  code: string;
  name: string;
  /** county | township | village | department */
  kind: string;
  parent_id: number | null;
  /** Materialised path of ids, `/1/4/`, for subtree scope with one indexed LIKE. */
  path: string;
  created_at: string;
}

/** One ledger (台账) row. Keyed by county and township so it can be partitioned or distributed by county. */
export interface RecordTable {
  id: Generated<number>;
  county_id: number;
  township_id: number;
  org_id: number | null;
  kind: string;
  date: string;
  end_date: string | null;
  title: string;
  data: ColumnType<unknown, string, string>;
  dedup_key: string;
  import_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** An evidence file (photo, scan, PDF) of a record; the bytes live in the content-addressed store. */
export interface EvidenceTable {
  id: Generated<number>;
  record_id: number;
  township_id: number;
  /** The record's county (0026): the table is partitioned by it on PostgreSQL. */
  county_id: number;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_by: number | null;
  created_at: string;
}

/** One spreadsheet import, so every imported row can be traced back to its file. */
export interface ImportTable {
  id: Generated<number>;
  township_id: number;
  file_name: string;
  file_sha256: string;
  rows: number;
  inserted: number;
  skipped: number;
  created_by: number | null;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  org_id: number;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  /** Who last reset the password (shown to the owner at the next login); null once they change it. */
  password_reset_by: ColumnType<string | null, string | null | undefined, string | null>;
  password_reset_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Every password hash an account has had, newest last: no reuse of the last five. */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

/** A password reset asked for by one administrator and waiting for the other's approval (三员分立). */
export interface PasswordResetTable {
  id: Generated<number>;
  user_id: number;
  /** `pending`, `approved` */
  status: string;
  requested_by_id: number | null;
  requested_by: string;
  requested_role: string;
  requested_at: string;
  decided_by_id: number | null;
  decided_by: string | null;
  decided_at: string | null;
}

/** Failed logins from one source address, whatever the username, and the back-off they caused. */
export interface LoginAddressFailureTable {
  address: string;
  failures: number;
  locked_until: string | null;
  last_failed_at: string;
}

/** One version of a question; `owner` 0 is the starter bank. options/answer are JSON arrays. */
export interface QuestionTable {
  id: Generated<number>;
  owner: number;
  org_id: number | null;
  code: string;
  version: number;
  /** 1 for the version new exams draw, 0 for superseded or retired ones. */
  current: number;
  law: string;
  type: string;
  difficulty: string;
  stem: string;
  options: string;
  answer: string;
  article: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
  retired_at: string | null;
}

/** An exam: its window (ISO instants), paper rules (JSON) and marks; `state` open or closed. */
export interface ExamTable {
  id: Generated<number>;
  org_id: number;
  county_id: number;
  title: string;
  opens_at: string;
  closes_at: string;
  duration_min: number;
  display: string;
  mode: string;
  rules: string;
  fixed_paper: string | null;
  total: number;
  pass_mark: number;
  excellent_mark: number;
  makeup_opens_at: string | null;
  makeup_closes_at: string | null;
  state: string;
  created_by: number | null;
  created_at: string;
  closed_by: number | null;
  closed_at: string | null;
}

/** Who must sit an exam, with the name and unit its score record will carry. */
export interface ExamCandidateTable {
  exam_id: number;
  user_id: number;
  township_id: number;
  name: string;
  unit: string | null;
}

/** One person's attempt (online, or a paper score imported); the paper as drawn is JSON. */
export interface ExamSittingTable {
  id: Generated<number>;
  exam_id: number;
  user_id: number | null;
  township_id: number;
  name: string;
  unit: string | null;
  attempt: number;
  source: string;
  paper: string | null;
  token: string | null;
  started_at: string;
  deadline_at: string | null;
  submitted_at: string | null;
  submitted_how: string | null;
  score: number | null;
  grade: string | null;
}

/** Every answer as it was given, with its time; the latest per position counts. */
export interface ExamAnswerTable {
  id: Generated<number>;
  sitting_id: number;
  position: number;
  answer: string;
  saved_at: string;
}

/** The ledger records (exam and exam_score) a closed exam wrote. */
export interface ExamRecordTable {
  exam_id: number;
  record_id: number;
}

/** An item of a year's study plan, linked to the study-session record that fulfilled it. */
export interface StudyPlanItemTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  session_type: string;
  topic: string;
  laws: string | null;
  month: number;
  audience: string;
  record_id: number | null;
  created_by: number | null;
  created_at: string;
}

/**
 * Pre-summed records per township, aggregate and month or year (see src/core/indicator-cells.ts):
 * `n` rows counted and `total` the sum of a sum aggregate's field, kept in the transaction of every
 * write of `records`.
 */
export interface IndicatorCellTable {
  county_id: number;
  township_id: number;
  /** First 16 hex chars of sha256 of the aggregate's id. */
  agg: string;
  /** 'y' a calendar year, 'm' a month; 'yv', 'mv' a distinct count's values at those grains. */
  grain: string;
  /** YYYY or YYYYMM of the record's date. */
  bucket: number;
  /** Registry kinds: YYYY or YYYYMM of end_date, 9999 or 999999 when none; event kinds 0. */
  end_bucket: number;
  /** The period end (YYYY or YYYYMM) from which the record's conditions hold; 0 always. */
  from_bucket: number;
  /** Distinct aggregates: the field's value as text; '' otherwise. */
  value: string;
  n: number;
  total: number;
}

/** The aggregates the cells hold: `definition` is the aggregate's id. */
export interface IndicatorCellPlanTable {
  agg: string;
  definition: string;
}

export interface Database {
  orgs: OrgTable;
  records: RecordTable;
  evidence: EvidenceTable;
  imports: ImportTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  login_address_failures: LoginAddressFailureTable;
  password_history: PasswordHistoryTable;
  password_resets: PasswordResetTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  cycle_reports: CycleReportTable;
  cycle_versions: CycleVersionTable;
  cycle_events: CycleEventTable;
  cycle_headlines: CycleHeadlineTable;
  rate_buckets: RateBucketTable;
  change_feed: ChangeFeedTable;
  /** PostgreSQL only: stored files (SQLite keeps them in the data folder). */
  blobs: BlobTable;
  public_challenges: PublicChallengeTable;
  public_requests: PublicRequestTable;
  public_replies: PublicReplyTable;
  consultations: ConsultationTable;
  consultation_comments: ConsultationCommentTable;
  feedback_rules: FeedbackRulesTable;
  questions: QuestionTable;
  exams: ExamTable;
  exam_candidates: ExamCandidateTable;
  exam_sittings: ExamSittingTable;
  exam_answers: ExamAnswerTable;
  exam_records: ExamRecordTable;
  study_plan_items: StudyPlanItemTable;
  indicator_cells: IndicatorCellTable;
  indicator_cell_plan: IndicatorCellPlanTable;
  import_layouts: ImportLayoutTable;
  messages: MessageTable;
  notice_keys: NoticeKeyTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
}

/** A ledger layout a township mapped by hand, applied again to sheets whose header reads the same. */
export interface ImportLayoutTable {
  id: Generated<number>;
  township_id: number;
  /** Hash of the header as read (labels folded, in order). */
  signature: string;
  kind: string;
  /** JSON: column letter → column id (date, title, org, endDate, data.<field>) or ignore. */
  columns: string;
  /** JSON: the header labels, for the person who looks at the list. */
  headers: string;
  created_by: number | null;
  updated_at: string;
}

/** A township's annual report in the reporting cycle (one per township and year). */
export interface CycleReportTable {
  id: Generated<number>;
  township_id: number;
  county_id: number;
  year: number;
  state: string;
  /** The latest version's seq (0 before the first save). */
  version: Generated<number>;
  signed_seq: number | null;
  published_seq: number | null;
  signed_by: string | null;
  /** The 成文日期: the day the leader signed (ISO date). */
  signed_on: string | null;
  submitted_at: string | null;
  published_at: string | null;
  updated_at: string;
}

/** A version of a report: a saved draft, the signed original, an upload, a published copy. */
export interface CycleVersionTable {
  id: Generated<number>;
  report_id: number;
  seq: number;
  /** draft | signed | upload | published */
  kind: string;
  /** The township's edits (JSON): causes, shortcomings, part 5 paragraphs, paragraph texts. */
  edits: string;
  /** The report's plain text as it stood (for comparing versions and the public page). */
  text: string | null;
  file_name: string | null;
  /** The .docx of a signed, uploaded or published version. */
  file: Uint8Array | null;
  /** The review and ledger cross-check made on arrival (JSON). */
  review: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
}

/** A step taken or refused on a report, with who, when and why. */
export interface CycleEventTable {
  id: Generated<number>;
  report_id: number;
  step: string;
  from_state: string;
  to_state: string | null;
  /** done | refused */
  outcome: string;
  comment: string | null;
  /** The step's own record (JSON): a 保密审查's reviewer, result and redactions. */
  detail: string | null;
  actor: string;
  role: string;
  created_at: string;
}

/** The county office's headline figure of an indicator in a reviewed version of a report. */
export interface CycleHeadlineTable {
  id: Generated<number>;
  report_id: number;
  seq: number;
  key: string;
  /** Offset of the figure in the version's text as the reviewer read it. */
  start: number;
  value: number;
  text: string;
  /** 1: the figure the rules chose, confirmed; 0: another figure chosen instead. */
  kept: number;
  /** Several figures added up: every figure's offset, a JSON array; null for one figure. */
  parts: string | null;
  chosen_by: string;
  chosen_at: string;
}

/** A rate limit's token bucket, shared by every server on the database. */
export interface RateBucketTable {
  name: string;
  key: string;
  tokens: number;
  /** Milliseconds since the epoch. */
  at: number;
}

/** One write seen by every server: the cached answers and sessions it may have changed. */
export interface ChangeFeedTable {
  seq: Generated<number>;
  /** The organisation path written (its subtree and ancestors); null: anything. */
  scope: string | null;
  /** 1 when accounts or sessions may have changed. */
  accounts: number;
  /** ISO time written, for pruning. */
  at: string;
  /** The writing server's random id; null from the CLI. */
  origin: string | null;
}

/** A stored file on PostgreSQL, named by the SHA-256 of its bytes. */
export interface BlobTable {
  sha256: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

/** A proof-of-work challenge already answered (kept until it expires, so it is answered once). */
export interface PublicChallengeTable {
  id: string;
  expires_at: string;
}

/** A request filed on the public portal without an account, tracked by a code. */
export interface PublicRequestTable {
  id: Generated<number>;
  /** disclosure (依申请公开) | feedback (群众诉求) */
  kind: string;
  /** SHA-256 of the tracking code; the code itself is shown once, to the requester. */
  code_hash: string;
  county_id: number;
  township_id: number;
  /** The case it opened. */
  record_id: number | null;
  /** Personal information (JSON): name, phone, ID number, address… `{}` once anonymised. */
  person: string;
  /** What was asked or reported (JSON), as submitted and later corrected. */
  content: string;
  /** SHA-256 of the normalised submission, for the 12-hour duplicate guard. */
  content_hash: string;
  created_at: string;
  /** The requester's rating once the case closed: satisfied | basically | dissatisfied. */
  rating: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  anonymised_at: string | null;
}

export type PublicRequestRow = Selectable<PublicRequestTable>;

/** The reply document (答复文书) of a disclosure request from the portal, in the file store. */
export interface PublicReplyTable {
  request_id: number;
  sha256: string;
  /** The name it was uploaded under, offered to the applicant's download. */
  file_name: string;
  mime: string;
  size: number;
  uploaded_by: number | null;
  uploaded_at: string;
}

export type PublicReplyRow = Selectable<PublicReplyTable>;
/** A major decision's draft published for public comment (公开征求意见), one per decision case. */
export interface ConsultationTable {
  id: Generated<number>;
  /** The major_decision case's record. */
  record_id: number;
  county_id: number;
  township_id: number;
  title: string;
  /** 起草说明: background and main content. */
  explanation: string;
  /** The draft's text. */
  draft: string;
  /** First and last day comments are taken (YYYY-MM-DD, China time), both included. */
  opens_on: string;
  closes_on: string;
  /** Why the window is shorter than 30 days (重大行政决策程序暂行条例 第15条); null otherwise. */
  short_reason: string | null;
  published_by: number | null;
  created_at: string;
  /** The published 意见采纳情况 and its counts; null until published. */
  summary: string | null;
  summary_at: string | null;
  received: number | null;
  adopted: number | null;
  partly: number | null;
  rejected: number | null;
}

/** A comment left on the portal; `name` and `contact` are personal information, seen by staff in scope only. */
export interface ConsultationCommentTable {
  id: Generated<number>;
  consultation_id: number;
  body: string;
  name: string | null;
  contact: string | null;
  /** SHA-256 of the folded text, for the 12-hour duplicate guard. */
  content_hash: string;
  created_at: string;
  /** adopted (采纳) | partly (部分采纳) | rejected (不采纳); null until handled. */
  decision: string | null;
  reason: string | null;
  /** 意见摘要: what is published in place of the comment's own text. */
  digest: string | null;
  decided_by: number | null;
  decided_at: string | null;
}

export type ConsultationRow = Selectable<ConsultationTable>;
export type ConsultationCommentRow = Selectable<ConsultationCommentTable>;
/** A county's 群众诉求 categories and the case type each becomes (absent: the catalogue's defaults). */
export interface FeedbackRulesTable {
  county_id: number;
  /** JSON: FeedbackCategory[] (src/catalogue/feedback.ts). */
  categories: string;
  updated_at: string;
  updated_by: number | null;
}
export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type RecordRow = Selectable<RecordTable>;
export type NewRecordRow = Insertable<RecordTable>;
export type RecordUpdate = Updateable<RecordTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type ImportRow = Selectable<ImportTable>;
export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;

/** A login session. Only the SHA-256 of the session id (and of its CSRF token) is stored. */
export interface SessionTable {
  id_hash: string;
  user_id: number;
  csrf_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  /** Refreshed at most once a minute; the idle timeout runs from it. */
  last_seen_at: string;
}

/** Consecutive failed logins per username, and the lockout they caused. */
export interface LoginFailureTable {
  username: string;
  failures: number;
  locked_until: string | null;
  last_failed_at: string;
}

/** One append-only audit entry, chained to the previous one by `prev_hash`. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: number | null;
  actor: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Canonical JSON of the record before and after the write (null when absent). */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** The single row (id 1) holding the chain's last sequence number and hash. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export type SessionRow = Selectable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

/** The workflow of a case around its ledger record (a `records` row of a case-type kind). */
export interface CaseTable {
  record_id: number;
  county_id: number;
  township_id: number;
  /** The record kind, which is the case type (dispute, petition…). */
  type: string;
  /** A state id of the case type's declaration (catalogue/cases.ts). */
  state: string;
  /** The person responsible (承办人). */
  owner: string | null;
  opened_on: string;
  /** Earliest due date of the case's running limit clocks; null when none runs. */
  next_due: string | null;
  /** 1 once the case reached a state with no way out. */
  closed: number;
  created_at: string;
  updated_at: string;
}

/** One step of a case, or a refused attempt with its reason. `detail` is JSON: {values, clocks}. */
export interface CaseEventTable {
  id: Generated<number>;
  record_id: number;
  township_id: number;
  /** The record's county (0026): the table is partitioned by it on PostgreSQL. */
  county_id: number;
  seq: number;
  action: string;
  label: string;
  from_state: string | null;
  to_state: string | null;
  date: string;
  role: string;
  actor: string | null;
  /** done | refused */
  outcome: string;
  reason: string | null;
  error: string | null;
  detail: ColumnType<unknown, string, string>;
  created_at: string;
}

export type CaseRow = Selectable<CaseTable>;
export type NewCaseRow = Insertable<CaseTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type NewCaseEventRow = Insertable<CaseEventTable>;

/** A year of the working calendar: whether its official arrangement (国务院办公厅通知) is known. */
export interface CalendarYearTable {
  year: number;
  /** 1 when the year's holidays and make-up workdays are the announced ones. */
  official: number;
  /** Where they came from: `chinese-days`, `国务院办公厅通知 国办发明电〔2026〕N号`, `ics:<file>`, `json:<file>`. */
  source: string;
  /** Who stored them (the audit actor's name); null for the first seeding. */
  stored_by: string | null;
  stored_at: string;
}

/** One day of an arrangement: a holiday, or a weekend day worked (调休上班日). */
export interface CalendarDayTable {
  date: string;
  /** holiday | workday */
  kind: string;
  /** The festival: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆节. */
  name: string;
  /** The arrangement it belongs to (a December 元旦 day belongs to the next year's). */
  year: number;
  source: string;
  stored_by: string | null;
  stored_at: string;
}

export type CalendarYearRow = Selectable<CalendarYearTable>;
export type CalendarDayRow = Selectable<CalendarDayTable>;
export type NewCalendarDayRow = Insertable<CalendarDayTable>;

/** A notice in a user's message centre: a due or overdue case, the daily digest, a failed import. */
export interface MessageTable {
  id: Generated<number>;
  user_id: number;
  /** due | overdue | digest | import_failed | exam */
  kind: string;
  /** The item and its state (`case:12:penalty.decide:2024-05-01:overdue`); one message per user and key. */
  key: string;
  title: string;
  body: string;
  /** Where in the web app the item is worked on. */
  link: string | null;
  created_at: string;
  /** Null while unread. */
  read_at: string | null;
}

/** An item state a recipient (`user:<id>`, `webhook:<id>`) has been told of: told once, whatever restarts. */
export interface NoticeKeyTable {
  target: string;
  key: string;
  created_at: string;
}

/** An organisation's group-robot webhook (群机器人), set by the system administrator. */
export interface WebhookTable {
  id: Generated<number>;
  org_id: number;
  /** wecom (企业微信) | dingtalk (钉钉) */
  kind: string;
  url: string;
  enabled: number;
  updated_by: string | null;
  updated_at: string;
}

/** One markdown message for a webhook: waiting, claimed by a server, sent, or given up after retries. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  key: string;
  title: string;
  text: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_at: string | null;
  /** The server (process) that claimed it. */
  claimed_by: string | null;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
  created_at: string;
}

export type MessageRow = Selectable<MessageTable>;
export type NewMessageRow = Insertable<MessageTable>;
export type WebhookRow = Selectable<WebhookTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type NewWebhookDeliveryRow = Insertable<WebhookDeliveryTable>;
