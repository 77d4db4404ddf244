/** The write cases of the write-path test: how to set up, take and check each audited write. */
import { expect } from 'vitest';
import type { Db } from '../db/connect.ts';
import type { Principal } from '../services/access.ts';
import { deleteAccount, editAccount, setAccountDisabled } from '../services/account-manage.ts';
import { createAccount, grantRole, unlockAccount } from '../services/account-writes.ts';
import type { AuditActor } from '../services/audit.ts';
import { calendarYear, replaceCalendarYears } from '../services/calendar.ts';
import { attachCaseHistories, registerCase, takeCaseStep } from '../services/case-writes.ts';
import { FileStore } from '../services/file-store.ts';
import { approvePasswordReset, resetAccountPassword } from '../services/password-resets.ts';
import { importRecords, recordCommitments } from '../services/ledger-batches.ts';
import {
  addEvidence,
  createOrg,
  createRecord,
  deleteRecord,
  dropEvidence,
  editRecord,
  renameOrganisation,
} from '../services/ledger-writes.ts';
import type { Org } from '../services/orgs.ts';
import { rebuildIndicatorCells } from '../services/indicator-cells.ts';
import { replacePowerList } from '../services/powers.ts';
import { cycleReport, saveDraft } from '../services/cycle.ts';
import { takeStep } from '../services/cycle-steps.ts';
import { chooseHeadline, uploadReport } from '../services/cycle-county.ts';
import { inProcessCycleTools as cycleTools } from '../services/cycle-tools.ts';
import { authenticate, changePassword, login, logout, type Authenticated } from '../services/sessions.ts';
import { deleteWebhookConfig, saveWebhookConfig } from '../services/webhooks.ts';
import { insertPublicRequest } from '../db/public.repo.ts';
import { anonymiseExpired } from '../services/public/retention.ts';
import { correctDisclosureRequest, submitDisclosureRequest } from '../services/public/disclosure.ts';
import { uploadDisclosureReply } from '../services/public/disclosure-staff.ts';
import { publicActor } from '../services/public/guard.ts';
import { PDF, askCorrection, citizenForm, fileRequest, solvedChallenge } from './disclosure.ts';
import { consultationWriteCases } from './write-cases-consultations.ts';
import { questionWriteCases } from './write-cases-questions.ts';
import { examWriteCases } from './write-cases-exams.ts';
import { feedbackWriteCases } from './public-feedback.ts';
import { studyPlanWriteCases } from './write-cases-study-plans.ts';

export const AT = '2025-06-30T02:00:00.000Z';
export const NOW = new Date(AT);
export const PASSWORD = 'Clerk#2025pw';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const CSV =
  '＊活动日期,＊活动主题,村（社区）/部门,＊活动形式,发放资料\r\n2025-03-15,消费者权益日集中宣传,东村,集中宣传,300\r\n';

/** The tables a write can change; the audit tables are checked entry by entry instead. */
export interface World {
  readonly h: Db;
  readonly store: FileStore;
  readonly org: { county: Org; a: Org; b: Org };
  readonly staff: Principal;
  readonly sysAdmin: Principal;
  readonly secAdmin: Principal;
  /** The system principal, as the `fazhi` command acts. */
  readonly console: Principal;
  readonly act: (p: Principal) => AuditActor;
  /** A fresh account of the township's staff, for account and session writes. */
  readonly account: () => Promise<{ id: number; username: string }>;
}

/** One write path: how to set it up, how to take it, and the audit entry it must leave. */
export interface WriteCase {
  /** `file#export` under src/services, as listed in writePaths. */
  readonly service: string;
  readonly action: string;
  /** The write is refused after storing what it must (a refused case step): the error expected. */
  readonly refused?: RegExp;
  /** Entries the write adds after its own, in the same transaction (a calendar update's recomputed cases). */
  readonly then?: readonly string[];
  prepare(w: World): (() => Promise<unknown>) | Promise<() => Promise<unknown>>;
  /** What else must hold once the write was rolled back (files outside the database). */
  afterRollback?(w: World): Promise<void>;
}

let seq = 0;
/** A fresh number for names that must not repeat within a run. */
export const nextSeq = (): number => ++seq;
export const draft = (title: string) => ({ date: '2025-03-15', title, data: { form: 'street' } });

export const writeCases: readonly WriteCase[] = [
  ...feedbackWriteCases,
  {
    service: 'public/retention.ts#anonymiseExpired',
    action: 'public.anonymise',
    prepare: async (w) => {
      const filed = '2021-05-06T02:00:00.000Z';
      const c = await registerCase(
        w.h,
        w.console,
        w.act(w.console),
        {
          type: 'disclosure_request',
          townshipId: w.org.a.id,
          draft: { date: '2021-05-06', title: `申请公开${nextSeq()}`, data: { applicant: '李四' } },
        },
        filed,
      );
      await insertPublicRequest(w.h.db, {
        kind: 'disclosure',
        codeHash: `code${nextSeq()}`,
        countyId: w.org.county.id,
        townshipId: w.org.a.id,
        recordId: c.id,
        person: JSON.stringify({ name: '李四' }),
        content: JSON.stringify({ description: '申请内容' }),
        contentHash: `content${nextSeq()}`,
        createdAt: filed,
      });
      return () => anonymiseExpired(w.h, NOW, 1095);
    },
  },
  {
    service: 'webhooks.ts#saveWebhookConfig',
    action: 'webhook.save',
    prepare: (w) => () =>
      saveWebhookConfig(
        w.h,
        w.sysAdmin,
        w.act(w.sysAdmin),
        {
          orgId: w.org.b.id,
          kind: 'wecom',
          url: `https://qyapi.example.cn/send?key=k${nextSeq()}`,
          enabled: true,
        },
        AT,
      ),
  },
  {
    service: 'webhooks.ts#deleteWebhookConfig',
    action: 'webhook.delete',
    prepare: async (w) => {
      const input = {
        orgId: w.org.county.id,
        kind: 'dingtalk',
        url: 'https://oapi.example.cn/robot?access_token=t',
        enabled: true,
      };
      const { id } = await saveWebhookConfig(w.h, w.console, w.act(w.console), input, AT);
      return () => deleteWebhookConfig(w.h, w.sysAdmin, w.act(w.sysAdmin), id, AT);
    },
  },
  {
    service: 'ledger-writes.ts#createRecord',
    action: 'record.create',
    prepare: (w) => () =>
      createRecord(w.h, w.staff, w.act(w.staff), { kind: 'publicity_event', draft: draft('宪法宣传') }, AT),
  },
  {
    service: 'ledger-writes.ts#editRecord',
    action: 'record.update',
    prepare: async (w) => {
      const r = await createRecord(
        w.h,
        w.staff,
        w.act(w.staff),
        { kind: 'publicity_event', draft: draft('待改') },
        AT,
      );
      return () => editRecord(w.h, w.staff, w.act(w.staff), r.id, draft('已改'), AT);
    },
  },
  {
    service: 'ledger-writes.ts#deleteRecord',
    action: 'record.delete',
    prepare: async (w) => {
      const r = await createRecord(
        w.h,
        w.staff,
        w.act(w.staff),
        { kind: 'publicity_event', draft: draft('待删') },
        AT,
      );
      return () => deleteRecord(w.h, w.store, w.staff, w.act(w.staff), r.id, AT);
    },
  },
  {
    service: 'ledger-writes.ts#createOrg',
    action: 'org.create',
    prepare: (w) => () =>
      createOrg(
        w.h,
        w.sysAdmin,
        w.act(w.sysAdmin),
        { code: '430001202', name: '西村', kind: 'village', parentId: w.org.a.id },
        AT,
      ),
  },
  {
    service: 'ledger-writes.ts#addEvidence',
    action: 'evidence.create',
    // No other evidence has these bytes yet, so the stored file must have gone with the row.
    afterRollback: async (w) => {
      await expect(w.store.get(FileStore.sha256(PNG))).rejects.toThrow();
    },
    prepare: async (w) => {
      const r = await createRecord(
        w.h,
        w.staff,
        w.act(w.staff),
        { kind: 'publicity_event', draft: draft('有照片') },
        AT,
      );
      return () =>
        addEvidence(w.h, w.store, w.staff, w.act(w.staff), r.id, { name: '现场.png', bytes: PNG }, AT);
    },
  },
  {
    service: 'ledger-writes.ts#dropEvidence',
    action: 'evidence.delete',
    prepare: async (w) => {
      const r = await createRecord(
        w.h,
        w.staff,
        w.act(w.staff),
        { kind: 'publicity_event', draft: draft('删照片') },
        AT,
      );
      const e = await addEvidence(
        w.h,
        w.store,
        w.staff,
        w.act(w.staff),
        r.id,
        { name: 'a.png', bytes: PNG },
        AT,
      );
      return () => dropEvidence(w.h, w.store, w.staff, w.act(w.staff), e.id, AT);
    },
  },
  {
    service: 'case-writes.ts#registerCase',
    action: 'case.open',
    prepare: (w) => () =>
      registerCase(
        w.h,
        w.staff,
        w.act(w.staff),
        {
          type: 'dispute',
          draft: { date: '2025-05-01', title: '宅基地纠纷', data: { disputeType: 'land' } },
        },
        AT,
      ),
  },
  {
    service: 'case-writes.ts#takeCaseStep',
    action: 'case.resolve',
    prepare: async (w) => {
      const c = await registerCase(
        w.h,
        w.staff,
        w.act(w.staff),
        { type: 'dispute', draft: { date: '2025-05-01', title: '债务纠纷', data: { disputeType: 'debt' } } },
        AT,
      );
      return () =>
        takeCaseStep(w.h, w.staff, w.act(w.staff), c.id, { action: 'resolve', date: '2025-05-02' }, AT);
    },
  },
  {
    service: 'case-writes.ts#takeCaseStep',
    action: 'case.refused',
    refused: /不能「回访」/,
    prepare: async (w) => {
      const c = await registerCase(
        w.h,
        w.staff,
        w.act(w.staff),
        {
          type: 'dispute',
          draft: { date: '2025-05-01', title: '相邻纠纷', data: { disputeType: 'other' } },
        },
        AT,
      );
      const step = { action: 'revisit', date: '2025-05-02', values: { satisfaction: '满意' } };
      return () => takeCaseStep(w.h, w.staff, w.act(w.staff), c.id, step, AT);
    },
  },
  {
    service: 'case-writes.ts#attachCaseHistories',
    action: 'case.attach',
    prepare: async (w) => {
      // A case-kind record entered as a plain ledger row (as an import does) has no case yet.
      await createRecord(
        w.h,
        w.console,
        w.act(w.console),
        {
          townshipId: w.org.b.id,
          kind: 'dispute',
          draft: {
            date: '2025-02-01',
            title: '导入的纠纷',
            data: { disputeType: 'other', status: 'pending' },
          },
        },
        AT,
      );
      return () => attachCaseHistories(w.h, w.console, w.act(w.console), w.org.b.id, AT);
    },
  },
  {
    service: 'ledger-batches.ts#importRecords',
    action: 'ledger.import',
    prepare: (w) => () =>
      importRecords(
        w.h,
        w.staff,
        w.act(w.staff),
        { fileName: '普法宣传活动.csv', bytes: Buffer.from(CSV, 'utf8') },
        AT,
      ),
  },
  {
    service: 'powers.ts#replacePowerList',
    action: 'powers.replace',
    prepare: (w) => () =>
      replacePowerList(
        w.h,
        w.staff,
        w.act(w.staff),
        {
          year: 2025,
          fileName: '权力清单.csv',
          bytes: Buffer.from(
            '事项名称,权力类别,设定依据,权力来源\r\n对露天焚烧秸秆的处罚,行政处罚,大气污染防治法,法定\r\n',
          ),
        },
        AT,
      ),
  },
  {
    service: 'cycle.ts#saveDraft',
    action: 'report.draft.save',
    prepare: async (w) => {
      const r = await cycleReport(w.h, w.staff, w.org.a.id, 2024);
      return () =>
        saveDraft(
          w.h,
          w.staff,
          w.act(w.staff),
          { townshipId: w.org.a.id, year: 2024, baseVersion: r.version, edits: { other: ['补充说明。'] } },
          AT,
        );
    },
  },
  {
    service: 'cycle-steps.ts#takeStep',
    action: 'report.request_signature',
    prepare: async (w) => {
      const r = await cycleReport(w.h, w.staff, w.org.a.id, 2024);
      const at = { townshipId: w.org.a.id, year: 2024 };
      if (r.state !== 'drafting')
        await saveDraft(w.h, w.staff, w.act(w.staff), { ...at, baseVersion: r.version, edits: {} }, AT);
      return () =>
        takeStep(w.h, w.staff, w.act(w.staff), { ...at, step: 'request_signature' }, AT, cycleTools);
    },
  },
  {
    service: 'cycle-steps.ts#takeStep',
    action: 'report.step.refused',
    refused: /不能报送县依法治县办/,
    prepare: (w) => () =>
      takeStep(
        w.h,
        w.staff,
        w.act(w.staff),
        { townshipId: w.org.a.id, year: 2024, step: 'submit' },
        AT,
        cycleTools,
      ),
  },
  {
    service: 'cycle-county.ts#uploadReport',
    action: 'report.upload',
    prepare: (w) => {
      const officer = {
        ...w.staff,
        role: 'county_officer',
        orgId: w.org.county.id,
        orgPath: w.org.county.path,
      };
      const text =
        '乙乡人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年开展普法宣传活动3次。\n';
      return () =>
        uploadReport(
          w.h,
          officer,
          w.act(officer),
          { townshipId: w.org.b.id, year: 2024, fileName: '乙乡.txt', bytes: Buffer.from(text) },
          AT,
          cycleTools,
        );
    },
  },
  {
    service: 'cycle-county.ts#chooseHeadline',
    action: 'report.headline',
    prepare: async (w) => {
      const officer = {
        ...w.staff,
        role: 'county_officer',
        orgId: w.org.county.id,
        orgPath: w.org.county.path,
      };
      const year = 2000 + (nextSeq() % 20);
      const text = `乙乡人民政府关于${year}年度法治政府建设情况的报告\n一、主要举措和成效\n组织法治宣讲3次。全年共开展普法宣传活动28次。\n`;
      const b = { townshipId: w.org.b.id, year };
      await uploadReport(
        w.h,
        officer,
        w.act(officer),
        { ...b, fileName: '乙乡.txt', bytes: Buffer.from(text) },
        AT,
        cycleTools,
      );
      const pick = (await cycleReport(w.h, officer, b.townshipId, year)).review!.headlines![0]!;
      return () =>
        chooseHeadline(
          w.h,
          officer,
          w.act(officer),
          { ...b, key: pick.key, starts: [pick.figure.start] },
          AT,
        );
    },
  },
  {
    service: 'ledger-batches.ts#recordCommitments',
    action: 'commitment.create',
    prepare: (w) => () =>
      recordCommitments(
        w.h,
        w.staff,
        w.act(w.staff),
        { year: 2025, items: [{ area: 'publicity', title: '普法宣传', text: '开展宪法宣传周活动' }] },
        AT,
      ),
  },
  {
    service: 'account-writes.ts#createAccount',
    action: 'user.create',
    prepare: (w) => () =>
      createAccount(
        w.h,
        w.sysAdmin,
        w.act(w.sysAdmin),
        // 三员分立: the system administrator's account has no role until the security administrator grants one.
        { username: 'new.clerk', name: '新同事', orgId: w.org.a.id },
        AT,
      ),
  },
  {
    service: 'account-writes.ts#grantRole',
    action: 'user.grant_role',
    prepare: async (w) => {
      const made = await createAccount(
        w.h,
        w.sysAdmin,
        w.act(w.sysAdmin),
        { username: `no.role.${nextSeq()}`, name: '待授权', orgId: w.org.a.id },
        AT,
      );
      return () =>
        grantRole(w.h, w.secAdmin, w.act(w.secAdmin), made.user.id, { role: 'township_staff' }, AT);
    },
  },
  {
    service: 'password-resets.ts#resetAccountPassword',
    action: 'user.reset_requested',
    prepare: async (w) => {
      const u = await w.account();
      return () => resetAccountPassword(w.h, w.secAdmin, w.act(w.secAdmin), u.id, undefined, AT);
    },
  },
  {
    service: 'password-resets.ts#resetAccountPassword',
    action: 'user.reset_password',
    prepare: async (w) => {
      const u = await w.account();
      return () => resetAccountPassword(w.h, w.console, w.act(w.console), u.id, undefined, AT);
    },
  },
  {
    service: 'password-resets.ts#approvePasswordReset',
    action: 'user.reset_password',
    prepare: async (w) => {
      const u = await w.account();
      const r = await resetAccountPassword(w.h, w.secAdmin, w.act(w.secAdmin), u.id, undefined, AT);
      return () => approvePasswordReset(w.h, w.sysAdmin, w.act(w.sysAdmin), r.pendingReset!, AT);
    },
  },
  {
    service: 'account-writes.ts#unlockAccount',
    action: 'user.unlock',
    prepare: async (w) => {
      const u = await w.account();
      await login(w.h, { username: u.username, password: 'wrong', ip: null, userAgent: null }, NOW).catch(
        () => null,
      );
      return () => unlockAccount(w.h, w.secAdmin, w.act(w.secAdmin), u.id, AT);
    },
  },
  {
    service: 'account-manage.ts#editAccount',
    action: 'user.update',
    prepare: async (w) => {
      const u = await w.account();
      return () => editAccount(w.h, w.sysAdmin, w.act(w.sysAdmin), u.id, { orgId: w.org.b.id }, AT);
    },
  },
  {
    service: 'account-manage.ts#setAccountDisabled',
    action: 'user.disable',
    prepare: async (w) => {
      const u = await w.account();
      return () => setAccountDisabled(w.h, w.secAdmin, w.act(w.secAdmin), u.id, true, AT);
    },
  },
  {
    service: 'account-manage.ts#deleteAccount',
    action: 'user.delete',
    prepare: async (w) => {
      const u = await w.account();
      return () => deleteAccount(w.h, w.sysAdmin, w.act(w.sysAdmin), u.id, AT);
    },
  },
  {
    service: 'ledger-writes.ts#renameOrganisation',
    action: 'org.update',
    prepare: (w) => () =>
      renameOrganisation(w.h, w.sysAdmin, w.act(w.sysAdmin), w.org.b.id, `乙乡${nextSeq()}`, AT),
  },
  {
    service: 'indicator-cells.ts#rebuildIndicatorCells',
    action: 'indicators.rebuild',
    // A stray cell for the rebuild to remove, so the write changes what it must.
    prepare: async (w) => {
      await w.h.db
        .insertInto('indicator_cells')
        .values({
          county_id: w.org.county.id,
          township_id: w.org.a.id,
          agg: 'ffffffffffffffff',
          grain: 'y',
          bucket: 2025,
          end_bucket: 0,
          from_bucket: 0,
          value: '',
          n: 7,
          total: 0,
        })
        .execute();
      return () => rebuildIndicatorCells(w.h, w.console, w.act(w.console), { county: w.org.county }, AT);
    },
  },
  {
    service: 'calendar.ts#replaceCalendarYears',
    action: 'calendar.replace',
    // A year far from every open case here, so no due date moves: the one entry is the year's.
    prepare: (w) => () =>
      replaceCalendarYears(
        w.h,
        w.sysAdmin,
        w.act(w.sysAdmin),
        {
          arrangements: [
            {
              year: 2040,
              source: 'json:2040.json',
              entries: [{ date: '2040-01-01', kind: 'holiday', name: '元旦' }],
            },
          ],
        },
        AT,
      ),
  },
  {
    service: 'sessions.ts#login',
    action: 'login',
    prepare: async (w) => {
      const u = await w.account();
      return () =>
        login(w.h, { username: u.username, password: PASSWORD, ip: '10.0.0.1', userAgent: null }, NOW);
    },
  },
  {
    service: 'sessions.ts#login',
    action: 'login_failed',
    refused: /用户名或密码错误/,
    prepare: async (w) => {
      const u = await w.account();
      return () =>
        login(w.h, { username: u.username, password: 'wrong', ip: '10.0.0.1', userAgent: null }, NOW);
    },
  },
  {
    service: 'sessions.ts#logout',
    action: 'logout',
    prepare: async (w) => {
      const auth = await signedIn(w);
      return () => logout(w.h, auth, w.act(auth.user), AT);
    },
  },
  {
    service: 'sessions.ts#changePassword',
    action: 'password.change',
    prepare: async (w) => {
      const auth = await signedIn(w);
      return () =>
        changePassword(w.h, auth, w.act(auth.user), { current: PASSWORD, next: 'Changed#2025pw' }, AT);
    },
  },
  // Portal requests are dated in May, so their due dates lie before the day the calendar case adds.
  {
    service: 'public/disclosure.ts#submitDisclosureRequest',
    action: 'public.disclosure_request',
    prepare: (w) => {
      const at = new Date('2025-05-06T02:00:00Z');
      const input = { form: citizenForm(w.org.a), challenge: solvedChallenge(w.h, at) };
      return () => submitDisclosureRequest(w.h, publicActor('203.0.113.9'), w.org.county, input, at);
    },
  },
  {
    service: 'public/disclosure.ts#correctDisclosureRequest',
    action: 'public.disclosure_correction',
    prepare: async (w) => {
      const { code, caseId } = await fileRequest(
        w.h,
        w.org.county,
        w.org.a,
        new Date('2025-05-06T03:00:00Z'),
      );
      await askCorrection(w.h, w.staff, caseId, new Date('2025-05-07T02:00:00Z'));
      const at = new Date('2025-05-08T02:00:00Z');
      const input = { form: { description: '补正后的申请内容' }, challenge: solvedChallenge(w.h, at) };
      return () => correctDisclosureRequest(w.h, publicActor('203.0.113.9'), code, input, at);
    },
  },
  {
    service: 'public/disclosure-staff.ts#uploadDisclosureReply',
    action: 'public.disclosure_reply',
    // No other file has these bytes, so the stored file must have gone with the row.
    afterRollback: async (w) => {
      await expect(w.store.get(FileStore.sha256(PDF))).rejects.toThrow();
    },
    prepare: async (w) => {
      const { caseId } = await fileRequest(w.h, w.org.county, w.org.a, new Date('2025-05-06T04:00:00Z'));
      const file = { name: '答复书.pdf', bytes: PDF };
      return () => uploadDisclosureReply(w.h, w.store, w.staff, w.act(w.staff), caseId, file, AT);
    },
  },
  {
    service: 'calendar.ts#replaceCalendarYears',
    action: 'calendar.replace',
    // An open case's 20个工作日 run over the day the arrangement adds: its recompute is audited too.
    then: ['case.due_recomputed'],
    prepare: async (w) => {
      // 20个工作日 from 2025-06-30 run past 2025-07-02, the one day this arrangement adds to 2025's.
      await registerCase(
        w.h,
        w.staff,
        w.act(w.staff),
        { type: 'disclosure_request', draft: { date: '2025-06-30', title: '申请公开补偿标准', data: {} } },
        AT,
      );
      const y = await calendarYear(w.h, w.sysAdmin, 2025);
      const entries = [
        ...y.holidays.map((d) => ({ ...d, kind: 'holiday' as const })),
        { date: '2025-07-02', name: '测试假日', kind: 'holiday' as const },
        ...y.workdays.map((d) => ({ ...d, kind: 'workday' as const })),
      ];
      const arrangements = [{ year: 2025, source: '国务院办公厅通知（测试）', entries }];
      return () => replaceCalendarYears(w.h, w.sysAdmin, w.act(w.sysAdmin), { arrangements }, AT);
    },
  },
  ...consultationWriteCases,
  ...questionWriteCases,
  ...examWriteCases,
  ...studyPlanWriteCases,
];

async function signedIn(w: World): Promise<Authenticated> {
  const u = await w.account();
  const s = await login(w.h, { username: u.username, password: PASSWORD, ip: null, userAgent: null }, NOW);
  const auth = await authenticate(w.h, s.sessionId, NOW);
  if (!auth) throw new Error('no session');
  return auth;
}
