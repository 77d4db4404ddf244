import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../catalogue/roles.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { addAccount } from '../testing/fixtures.ts';
import {
  PASSWORD,
  seedWorld,
  signIn,
  testApp,
  usernameOf,
  type Client,
  type World,
} from '../testing/http.ts';

/**
 * 三员分立, shown by search: a depth-first walk over every sequence of three of one administrator's
 * API actions (create accounts with and without a role, grant roles to itself, its peer, a business
 * account and the accounts it made, move accounts to another township, ask for and approve password
 * resets, reset its own), each step continuing from the state the walk left, so later sequences
 * start from everything earlier ones built. After each sequence, no session that administrator holds or can open with a password it
 * was shown reaches business data of any township. SQLite only: the rules are in the services.
 */

type Admin = Extract<RoleId, 'system_admin' | 'security_admin' | 'auditor'>;

interface Run {
  readonly app: FastifyInstance;
  readonly w: World;
  readonly role: Admin;
  me: Client;
  /** Accounts this administrator made, newest last. */
  readonly made: number[];
  /** Passwords the administrator was shown, to try after each sequence. */
  readonly learnt: Map<string, string>;
  /** An account the console made without a role, whose password the administrator does not know. */
  readonly roleless: number;
  next: number;
}

type Step = (r: Run) => Promise<void>;

async function send(r: Run, o: InjectOptions): Promise<Record<string, unknown>> {
  const res = await r.me.request(o);
  const body = res.json<Record<string, unknown>>();
  const user = body.user as { username?: string } | undefined;
  if (typeof body.initialPassword === 'string' && user?.username)
    r.learnt.set(user.username, body.initialPassword);
  return body;
}

const peerOf = (role: Admin): Admin => (role === 'system_admin' ? 'security_admin' : 'system_admin');
const lastMade = (r: Run): number => r.made.at(-1) ?? r.roleless;

async function usernameOfId(r: Run, id: number): Promise<string> {
  const u = await r.app.fazhi.h.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return u.username;
}

async function reset(r: Run, id: number): Promise<void> {
  const body = await send(r, { method: 'POST', url: `/api/users/${id}/password`, payload: {} });
  if (typeof body.initialPassword === 'string') r.learnt.set(await usernameOfId(r, id), body.initialPassword);
}

async function grant(r: Run, id: number, role: RoleId, orgId?: number): Promise<void> {
  await send(r, {
    method: 'POST',
    url: `/api/users/${id}/role`,
    payload: { role, ...(orgId ? { orgId } : {}) },
  });
}

const steps: Readonly<Record<string, Step>> = {
  createWithoutRole: async (r) => {
    const username = `seq.made${++r.next}`;
    const body = await send(r, {
      method: 'POST',
      url: '/api/users',
      payload: { username, name: '新账号', orgId: r.w.a.id },
    });
    const user = body.user as { id?: number } | undefined;
    if (user?.id) r.made.push(user.id);
  },
  createWithRole: async (r) => {
    await send(r, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `seq.role${++r.next}`,
        name: '带角色',
        role: 'county_officer',
        orgId: r.w.county.id,
      },
    });
  },
  grantMadeAccount: (r) => grant(r, lastMade(r), 'township_staff', r.w.a.id),
  grantSelf: (r) => grant(r, r.w.users[r.role], 'county_officer'),
  grantPeer: (r) => grant(r, r.w.users[peerOf(r.role)], 'county_officer'),
  // Moving an account takes its role away: the security administrator grants the new scope.
  moveMade: async (r) => {
    await send(r, { method: 'PATCH', url: `/api/users/${lastMade(r)}`, payload: { orgId: r.w.b.id } });
  },
  moveBusiness: async (r) => {
    const to = ++r.next % 2 ? r.w.b.id : r.w.a.id;
    await send(r, { method: 'PATCH', url: `/api/users/${r.w.users.township_staff}`, payload: { orgId: to } });
  },
  resetBusiness: (r) => reset(r, r.w.users.township_staff),
  resetMade: (r) => reset(r, lastMade(r)),
  resetSelf: (r) => reset(r, r.w.users[r.role]),
  approveAll: async (r) => {
    const list = await send(r, { method: 'GET', url: '/api/password-resets' });
    for (const p of (list.items as { id: number; userId: number }[] | undefined) ?? []) {
      const body = await send(r, { method: 'POST', url: `/api/password-resets/${p.id}/approve` });
      if (typeof body.initialPassword === 'string')
        r.learnt.set(await usernameOfId(r, p.userId), body.initialPassword);
    }
  },
};

/** Business reads of every township, in and out of the county: none may answer 200. */
function businessReads(w: World): string[] {
  return [
    ...[w.a, w.b, w.c].map((t) => `/api/records?org=${t.id}&year=2024`),
    `/api/cases?org=${w.a.id}`,
    `/api/export?org=${w.a.id}&year=2024`,
  ];
}

async function reaches(c: Client, w: World): Promise<string[]> {
  const hits: string[] = [];
  for (const url of businessReads(w))
    if ((await c.request({ method: 'GET', url })).statusCode === 200) hits.push(url);
  return hits;
}

const [sqlite] = testDatabases();

describe('三员分立: no sequence of one administrator’s own actions reaches business data', () => {
  const opened: { h: Db; app: FastifyInstance }[] = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.app.close();
      await o.h.close();
    }
  });

  for (const role of ['system_admin', 'security_admin', 'auditor'] as const) {
    it(
      `${role}: every sequence of 3 of ${Object.keys(steps).length} actions`,
      { timeout: 600_000 },
      async () => {
        const h = await sqlite!.open();
        const w = await seedWorld(h);
        const app = await testApp(h);
        opened.push({ h, app });
        const roleless = (
          await addAccount(h, { username: 'await.grant', name: '待授权', orgId: w.a.id, password: PASSWORD })
        ).id;
        const r: Run = {
          app,
          w,
          role,
          me: await signIn(app, usernameOf(role)),
          made: [],
          learnt: new Map(),
          roleless,
          next: 0,
        };
        const names = Object.keys(steps);
        const tried = new Set<string>();
        const breaches: string[] = [];
        let sequences = 0;
        const check = async (seq: string) => {
          sequences++;
          for (const url of await reaches(r.me, w)) breaches.push(`${seq}: own session ${url}`);
          for (const [username, password] of r.learnt) {
            // Tried again once the account's role or organisation changed.
            const now = await h.db
              .selectFrom('users')
              .select(['role', 'org_id'])
              .where('username', '=', username)
              .executeTakeFirstOrThrow();
            const key = `${username}\u0000${password}\u0000${now.role}\u0000${now.org_id}`;
            if (tried.has(key)) continue;
            tried.add(key);
            const res = await app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username, password },
            });
            if (res.statusCode !== 200) continue;
            const cookie = [res.headers['set-cookie']]
              .flat()
              .map((x) => String(x).split(';')[0])
              .join('; ');
            const csrf = res.json<{ csrfToken: string }>().csrfToken;
            const client: Client = {
              cookie,
              csrf,
              request: (o) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...o.headers } }),
            };
            // An initial password is changed first, as whoever holds it would.
            if (res.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword) {
              const next = `Taken#2024x${++r.next}`;
              await client.request({
                method: 'POST',
                url: '/api/auth/password',
                payload: { currentPassword: password, newPassword: next },
              });
              r.learnt.set(username, next);
            }
            for (const url of await reaches(client, w)) breaches.push(`${seq}: as ${username} ${url}`);
          }
        };
        const walk = async (path: string[]): Promise<void> => {
          if (path.length === 3) return check(path.join(' → '));
          for (const n of names) {
            await steps[n]!(r);
            await walk([...path, n]);
          }
        };
        await walk([]);
        expect(sequences).toBe(names.length ** 3);
        expect(breaches).toEqual([]);
        // The search did something: the system administrator made accounts and learnt their passwords.
        if (role === 'system_admin') expect(r.learnt.size).toBeGreaterThan(50);
        // Only the system administrator moves accounts, and a moved account has lost its role.
        const staff = await h.db
          .selectFrom('users')
          .select('role')
          .where('id', '=', w.users.township_staff)
          .executeTakeFirstOrThrow();
        expect(staff.role).toBe(role === 'system_admin' ? '' : 'township_staff');
      },
    );
  }
});
