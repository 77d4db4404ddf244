import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors.ts';
import { getHead } from '../db/audit.repo.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { systemPrincipal, type Principal } from './access.ts';
import { createAccount, grantRole, unlockAccount } from './account-writes.ts';
import { actorOf, listAudit, verifyAudit, type AuditActor } from './audit.ts';
import { calendarYear, replaceCalendarYears } from './calendar.ts';
import { attachCaseHistories, registerCase, takeCaseStep } from './case-writes.ts';
import { FileStore } from './file-store.ts';
import { approvePasswordReset, resetAccountPassword } from './password-resets.ts';
import { importRecords, recordCommitments } from './ledger-batches.ts';
import {
  addEvidence,
  createOrg,
  createRecord,
  deleteRecord,
  dropEvidence,
  editRecord,
} from './ledger-writes.ts';
import type { Org } from './orgs.ts';
import { replacePowerList } from './powers.ts';
import { authenticate, changePassword, login, logout, type Authenticated } from './sessions.ts';
import { frontEndReferences, writingServices } from '../testing/write-scan.ts';

const AT = '2025-06-30T02:00:00.000Z';
const NOW = new Date(AT);
const PASSWORD = 'Clerk#2025pw';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const CSV =
  '＊活动日期,＊活动主题,村（社区）/部门,＊活动形式,发放资料\r\n2025-03-15,消费者权益日集中宣传,东村,集中宣传,300\r\n';

/** The tables a write can change; the audit tables are checked entry by entry instead. */
const TABLES = [
  'orgs',
  'records',
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

interface World {
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
interface WriteCase {
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
    'password-resets.ts#resetAccountPassword',
    'password-resets.ts#approvePasswordReset',
    'calendar.ts#replaceCalendarYears',
    'powers.ts#replacePowerList',
    'sessions.ts#login',
    'sessions.ts#logout',
    'sessions.ts#changePassword',
  ],
  /** Writes that are not actions of anyone, with the reason; a front end may call these. */
  bookkeeping: {
    'sessions.ts#authenticate': 'session bookkeeping: drops an expired session, notes the last activity',
    'sessions.ts#purgeExpired': 'session bookkeeping: removes expired sessions',
    'demo/index.ts#generateDemo': 'builds the demo county; only into an empty database',
    'demo/index.ts#ensureDemo': 'builds the demo county on first start, only when there are no organisations',
    'backup.ts#restoreDatabase':
      "replaces the database file with a checked backup (refused while a server runs); it writes only the migrations' own rows, on the copy",
  },
  /** Unaudited writes no front end may call, with the reason. */
  internal: {
    'users.ts#createUsers':
      "test and demo setup: the demo county's accounts (part of generateDemo) and test worlds'",
    'ledger-io/import.ts#importLedger':
      "the import engine: writes only in the transaction its caller passes, importRecords' audited one",
  },
} as const;

let seq = 0;
const draft = (title: string) => ({ date: '2025-03-15', title, data: { form: 'street' } });

const writeCases: readonly WriteCase[] = [
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
        { username: `no.role.${++seq}`, name: '待授权', orgId: w.org.a.id },
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
];

async function signedIn(w: World): Promise<Authenticated> {
  const u = await w.account();
  const s = await login(w.h, { username: u.username, password: PASSWORD, ip: null, userAgent: null }, NOW);
  const auth = await authenticate(w.h, s.sessionId, NOW);
  if (!auth) throw new Error('no session');
  return auth;
}

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
        store: new FileStore(dir),
        org,
        staff,
        sysAdmin,
        secAdmin,
        console: op,
        act: (p) => actorOf(p, p.id === null ? null : '10.0.0.1'),
        account: async () => {
          const username = `user.${++seq}`;
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
        const added = await listAudit(h, { limit: 100 }).then((all) => all.filter((e) => e.seq > head.seq));
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
