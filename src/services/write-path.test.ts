import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors.ts';
import { getHead } from '../db/audit.repo.ts';
import { verifyCells } from '../db/indicator-cells.repo.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { systemPrincipal, type Principal } from './access.ts';
import { createAccount } from './account-writes.ts';
import { actorOf, listAudit, verifyAudit } from './audit.ts';
import { openFileStore } from './file-store.ts';
import { createOrg, createRecord } from './ledger-writes.ts';
import type { Org } from './orgs.ts';
import { frontEndReferences, writingServices } from '../testing/write-scan.ts';

import { AT, PASSWORD, draft, nextSeq, writeCases, type World } from '../testing/write-cases.ts';

const TABLES = [
  'orgs',
  'records',
  'indicator_cells',
  'evidence',
  'imports',
  'users',
  'sessions',
  'login_failures',
  'login_address_failures',
  'password_history',
  'password_resets',
  'cases',
  'case_events',
  'calendar_years',
  'calendar_days',
  'cycle_reports',
  'cycle_versions',
  'cycle_events',
  'cycle_headlines',
  'import_layouts',
  'messages',
  'notice_keys',
  'webhooks',
  'webhook_deliveries',
  'public_challenges',
  'public_requests',
  'public_replies',
  'consultations',
  'consultation_comments',
  'feedback_rules',
  'questions',
  'exams',
  'exam_candidates',
  'exam_sittings',
  'exam_answers',
  'exam_records',
  'study_plan_items',
] as const satisfies readonly (keyof Database)[];

/** Every row of every table, so a rolled-back write is seen to have left nothing, updates included. */
async function fingerprint(h: Db): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES) {
    const rows = await h.db.selectFrom(t).selectAll().execute();
    parts.push(
      `${t}:${rows
        .map((r) => JSON.stringify(r))
        .sort()
        .join('\n')}`,
    );
  }
  return parts.join('\n\n');
}

/** Takes the next position of the chain with a stray row, so the next append fails on its key. */
async function blockAudit(h: Db): Promise<void> {
  const head = await getHead(h.db);
  await h.db
    .insertInto('audit_log')
    .values({
      seq: head.seq + 1,
      at: AT,
      actor_id: null,
      actor: null,
      role: null,
      ip: null,
      action: 'blocker',
      target_type: null,
      target_id: null,
      before: null,
      after: null,
      prev_hash: head.hash,
      hash: 'x',
    })
    .execute();
}

async function unblockAudit(h: Db): Promise<void> {
  const head = await getHead(h.db);
  await h.db.deleteFrom('audit_log').where('seq', '>', head.seq).execute();
}

/**
 * Every service export that writes to the database (found from the source by write-scan.ts), in
 * one of three places. A new write service fails this test until it is listed here; a front end
 * (src/cli, src/http) may call only the first two.
 */
const writePaths = {
  /** Authorised and audited in the write's own transaction; each is exercised below. */
  audited: [
    'ledger-writes.ts#createRecord',
    'ledger-writes.ts#editRecord',
    'ledger-writes.ts#deleteRecord',
    'ledger-writes.ts#createOrg',
    'ledger-writes.ts#addEvidence',
    'ledger-writes.ts#dropEvidence',
    'case-writes.ts#registerCase',
    'case-writes.ts#takeCaseStep',
    'case-writes.ts#attachCaseHistories',
    'ledger-batches.ts#importRecords',
    'ledger-batches.ts#recordCommitments',
    'account-writes.ts#createAccount',
    'account-writes.ts#grantRole',
    'account-writes.ts#unlockAccount',
    'account-manage.ts#editAccount',
    'account-manage.ts#setAccountDisabled',
    'account-manage.ts#deleteAccount',
    'ledger-writes.ts#renameOrganisation',
    'password-resets.ts#resetAccountPassword',
    'password-resets.ts#approvePasswordReset',
    'calendar.ts#replaceCalendarYears',
    'indicator-cells.ts#rebuildIndicatorCells',
    'powers.ts#replacePowerList',
    'cycle.ts#saveDraft',
    'cycle-steps.ts#takeStep',
    'cycle-county.ts#uploadReport',
    'cycle-county.ts#chooseHeadline',
    'sessions.ts#login',
    'sessions.ts#logout',
    'sessions.ts#changePassword',
    'webhooks.ts#saveWebhookConfig',
    'webhooks.ts#deleteWebhookConfig',
    'public/retention.ts#anonymiseExpired',
    'public/disclosure.ts#submitDisclosureRequest',
    'public/disclosure.ts#correctDisclosureRequest',
    'public/disclosure-staff.ts#uploadDisclosureReply',
    'public/consultations-staff.ts#publishConsultation',
    'public/consultations-staff.ts#markComment',
    'public/consultations-staff.ts#publishSummary',
    'public/consultations-public.ts#submitComment',
    'public/feedback.ts#submitFeedback',
    'public/feedback.ts#addFeedbackPhoto',
    'public/feedback-status.ts#rateFeedback',
    'public/feedback-rules.ts#saveFeedbackRules',
    'exams/questions.ts#createQuestion',
    'exams/questions.ts#correctQuestion',
    'exams/questions.ts#retireQuestion',
    'exams/question-io.ts#importQuestions',
    'exams/exams.ts#createExam',
    'exams/sitting.ts#startSitting',
    'exams/sitting.ts#submitSitting',
    'exams/close.ts#closeExam',
    'exams/rescore.ts#rescoreQuestion',
    'exams/results.ts#remindCandidates',
    'study-plans.ts#createPlanItem',
    'study-plans.ts#updatePlanItem',
    'study-plans.ts#deletePlanItem',
    'study-plans.ts#linkPlanItem',
    'exams/exam-io.ts#importPaperScores',
  ],
  /** Writes that are not actions of anyone, with the reason; a front end may call these. */
  bookkeeping: {
    'sessions.ts#authenticate': 'session bookkeeping: drops an expired session, notes the last activity',
    'sessions.ts#purgeExpired': 'session bookkeeping: removes expired sessions',
    'demo/index.ts#generateDemo': 'builds the demo county; only into an empty database',
    'demo/index.ts#ensureDemo': 'builds the demo county on first start, only when there are no organisations',
    'demo/study-plan.ts#demoStudyPlans':
      "part of generateDemo: the demo townships' study plans, drawn from the demo ledger just written",
    'demo/cycle.ts#demoCycle':
      "part of generateDemo: takes the demo county's reports through the cycle with the townships' own demo accounts, each step through the audited cycle services",
    'messages.ts#markMessagesRead':
      "a user's own reading state of their own messages: changes nothing any other user sees, like a session's last activity",
    'messages.ts#noteImportOutcome':
      "the user's own last failed import kept as their message (and marked read once an import goes through)",
    'reminders.ts#sendDueNotices':
      'the reminder scheduler: notices of due and overdue cases to messages and the webhook queue',
    'reminders.ts#sendDailyDigests': "the reminder scheduler: each user's and webhook's daily digest",
    'webhooks.ts#deliverQueued':
      'the reminder scheduler: claims, sends and retries queued webhook deliveries',
    'file-store.ts#copyFolderFiles':
      'at start on PostgreSQL, copies the files the data folder still holds into the blobs table: the same bytes under the same names, each stored by an audited write when it came',
    'backup.ts#restoreDatabase':
      "replaces the database file with a checked backup (refused while a server runs); it writes only the migrations' own rows, on the copy",
    'exams/shared.ts#settleOverdue':
      "scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action",
    'exams/sitting.ts#saveAnswer':
      "a sitter's answer appended with its time to the sitting's own append-only answer log (the record of what was given when); the sitting's start and submission are audited",
    'exams/mine.ts#myExams':
      "a sitter's own exams; first scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action; the submission of a paper is audited",
    'exams/mine.ts#sittingResult':
      "a sitter's own result; first scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action; the submission of a paper is audited",
    'exams/exams.ts#getExam':
      "an organiser's read of an exam; first scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action; the submission of a paper is audited",
    'exams/exams.ts#listExams':
      "an organiser's list of exams; first scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action; the submission of a paper is audited",
    'exams/results.ts#examResults':
      "an organiser's results of an exam; first scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action; the submission of a paper is audited",
    'exams/exam-io.ts#exportExamResults':
      "an organiser's results workbook (the export itself is audited as a read); first scores the sittings past their server-side deadline from the answers saved (交卷方式 timeout): the clock's doing, not anyone's action",
  },
  /** Unaudited writes no front end may call, with the reason. */
  internal: {
    'users.ts#createUsers':
      "test and demo setup: the demo county's accounts (part of generateDemo) and test worlds'",
    'public/challenge.ts#acceptChallenge':
      "marks a proof of work used, in the transaction its caller passes: the public submission's own audited one",
    'ledger-io/import.ts#importLedger':
      "the import engine: writes only in the transaction its caller passes, importRecords' audited one",
  },
} as const;

describe('write-path inventory', () => {
  it('knows every service export that writes: audited, or bookkeeping or internal with a reason', () => {
    const found = writingServices();
    const listed = [
      ...writePaths.audited,
      ...Object.keys(writePaths.bookkeeping),
      ...Object.keys(writePaths.internal),
    ];
    expect(
      found.filter((s) => !listed.includes(s)),
      'writes without a place in writePaths',
    ).toEqual([]);
    expect(
      listed.filter((s) => !found.includes(s)),
      'listed in writePaths but no longer writing',
    ).toEqual([]);
  });

  it('lets no front end call an unaudited write', () => {
    const writing = new Set(writingServices());
    const allowed = new Set<string>([...writePaths.audited, ...Object.keys(writePaths.bookkeeping)]);
    const calls = frontEndReferences();
    expect(calls.length, 'front-end files found and read').toBeGreaterThan(20);
    expect(
      calls.filter((c) => writing.has(c.service) && !allowed.has(c.service)),
      'front-end references to unaudited writes',
    ).toEqual([]);
  });

  it('exercises every audited write service below', () => {
    expect([...new Set(writeCases.map((c) => c.service))].sort()).toEqual([...writePaths.audited].sort());
  });
});

for (const tdb of testDatabases()) {
  describe(`every write and its audit entry commit together, ${tdb.name}`, () => {
    let w: World;
    let dir: string;
    beforeAll(async () => {
      const h = await tdb.open();
      const org = await smallCounty(h);
      dir = mkdtempSync(join(tmpdir(), 'fazhi-wp-'));
      const op = systemPrincipal('operator');
      const newAccount = async (input: { username: string; name: string; role: string; orgId: number }) =>
        (await createAccount(h, op, actorOf(op, null), { ...input, password: PASSWORD }, AT)).user;
      const principal = async (username: string, role: string, o: Org): Promise<Principal> => {
        const u = await newAccount({ username, name: username, role, orgId: o.id });
        return { id: u.id, username, name: u.name, role, orgId: o.id, orgPath: o.path };
      };
      const staff = await principal('clerk', 'township_staff', org.a);
      const sysAdmin = await principal('sys.admin', 'system_admin', org.county);
      const secAdmin = await principal('sec.admin', 'security_admin', org.county);
      w = {
        h,
        store: openFileStore(h, dir),
        org,
        staff,
        sysAdmin,
        secAdmin,
        console: op,
        act: (p) => actorOf(p, p.id === null ? null : '10.0.0.1'),
        account: async () => {
          const username = `user.${nextSeq()}`;
          const u = await newAccount({ username, name: '测试', role: 'township_staff', orgId: org.a.id });
          return { id: u.id, username };
        },
      };
    });
    afterAll(async () => {
      await w.h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const c of writeCases) {
      it(`${c.service} → ${c.action}`, async () => {
        const { h } = w;
        const run = await c.prepare(w);
        const untouched = await fingerprint(h);

        // The audit append fails: the write must be gone with it.
        await blockAudit(h);
        const err = await run().then(
          () => null,
          (e: unknown) => e,
        );
        await unblockAudit(h);
        expect(err, 'the write went through although its audit entry failed').not.toBeNull();
        expect(err, 'the write failed before reaching its audit entry').not.toBeInstanceOf(UserError);
        expect(await fingerprint(h)).toEqual(untouched);
        await c.afterRollback?.(w);

        // The audit append works: the write is stored with exactly one entry of the expected action.
        const head = await getHead(h.db);
        if (c.refused) await expect(run()).rejects.toThrow(c.refused);
        else await run();
        expect(await fingerprint(h)).not.toEqual(untouched);
        // Whatever it did to the ledger, the indicator cells still equal a scan of the records.
        expect((await verifyCells(h)).differences).toEqual([]);
        // The newest entries, back in chain order: the chain holds every earlier case's entries too.
        const added = await listAudit(h, { limit: 100, order: 'desc' }).then((all) =>
          all.filter((e) => e.seq > head.seq).reverse(),
        );
        const want = [c.action, ...(c.then ?? [])];
        expect(added.map((e) => e.action)).toEqual(want);
        expect(await verifyAudit(h)).toMatchObject({ ok: true, count: head.seq + want.length });
      });
    }

    it('audits the console as 命令行（系统） with the OS user, and stores no user as the author', async () => {
      const op = systemPrincipal('operator');
      const r = await createRecord(
        w.h,
        op,
        actorOf(op, null),
        { townshipId: w.org.b.id, kind: 'publicity_event', draft: draft('命令行录入') },
        AT,
      );
      const last = (await listAudit(w.h, { limit: 1000 })).at(-1);
      expect(last).toMatchObject({
        action: 'record.create',
        actor: '命令行（系统）：operator',
        role: 'system',
        ip: null,
      });
      const row = await w.h.db
        .selectFrom('records')
        .select('created_by')
        .where('id', '=', r.id)
        .executeTakeFirst();
      expect(row?.created_by).toBeNull();
    });

    it('lets only the console create the three security roles’ accounts', async () => {
      const input = { username: 'sec.two', name: '安全员', role: 'security_admin', orgId: w.org.county.id };
      await expect(createAccount(w.h, w.sysAdmin, w.act(w.sysAdmin), input, AT)).rejects.toThrow('三员');
      const op = systemPrincipal('operator');
      const made = await createAccount(w.h, op, actorOf(op, null), input, AT);
      expect(made.user.role).toBe('security_admin');
      expect(made.initialPassword).toBeTruthy();
    });

    it('checks the right in the service, whatever the front end checked', async () => {
      const input = { username: 'x.clerk', name: '越权', role: 'township_staff', orgId: w.org.a.id };
      await expect(createAccount(w.h, w.staff, w.act(w.staff), input, AT)).rejects.toThrow(
        '当前角色无权创建用户账号',
      );
      await expect(
        createOrg(
          w.h,
          w.staff,
          w.act(w.staff),
          { code: 'x1', name: '某村', kind: 'village', parentId: w.org.a.id },
          AT,
        ),
      ).rejects.toThrow('当前角色无权维护组织机构');
    });
  });
}
