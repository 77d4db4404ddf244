import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RoleId } from '../catalogue/roles.ts';
import type { Db } from '../db/connect.ts';
import { insertOrg } from '../db/orgs.repo.ts';
import { updatePassword } from '../db/users.repo.ts';
import { NOW, smallCounty } from './fixtures.ts';
import type { Principal } from '../services/access.ts';
import { toOrg, type Org } from '../services/orgs.ts';
import { createUsers, hashPassword } from '../services/users.ts';
import { buildApp } from '../http/app.ts';
import type { AppOptions } from '../http/context.ts';
import { RateLimiter, type RateLimits } from '../http/rate-limit.ts';

export const PASSWORD = 'Test@2024pw';

const countyRoles: readonly RoleId[] = ['system_admin', 'security_admin', 'auditor', 'county_officer'];
const townshipRoles: readonly RoleId[] = [
  'township_leader',
  'township_staff',
  'legal_adviser',
  'grid_member',
];
export const allRoles: readonly RoleId[] = [...countyRoles, ...townshipRoles];

export interface World {
  readonly county: Org;
  /** The township every township-level test user belongs to. */
  readonly a: Org;
  /** Another township of the same county. */
  readonly b: Org;
  readonly village: Org;
  /** Another county and its township: outside every test user's scope. */
  readonly otherCounty: Org;
  readonly c: Org;
  /** The test accounts' ids by role. */
  readonly users: Readonly<Record<RoleId, number>>;
}

/**
 * Two counties: 测试县 (townships 甲镇 with a village and a department, and 乙乡) and 外县 (丙镇).
 * One account per role, named after the role: county roles in 测试县, township roles in 甲镇.
 */
export async function seedWorld(h: Db): Promise<World> {
  const { county, a, b, village } = await smallCounty(h);
  const otherCounty = toOrg(
    await insertOrg(h.db, { code: '440000', name: '外县', kind: 'county', parentId: null }, NOW),
  );
  const c = toOrg(
    await insertOrg(h.db, { code: '440001', name: '丙镇', kind: 'township', parentId: otherCounty.id }, NOW),
  );
  // Accounts ready to sign in, made like the demo county's and left out of the audit log, so a
  // test sees only the entries its own requests make.
  const made = await createUsers(
    h,
    allRoles.map((role) => ({
      username: usernameOf(role),
      name: role,
      role,
      orgId: (countyRoles.includes(role) ? county : a).id,
      password: PASSWORD,
      mustChangePassword: false,
    })),
    NOW,
  );
  const users = Object.fromEntries(made.map((u) => [u.role, u.id])) as Record<RoleId, number>;
  return { county, a, b, village, otherCounty, c, users };
}

/** The principal of a world's test account, as a signed-in request of that role acts. */
export function principalOf(w: World, role: RoleId): Principal {
  const org = countyRoles.includes(role) ? w.county : w.a;
  return {
    id: w.users[role],
    username: usernameOf(role),
    name: role,
    role,
    orgId: org.id,
    orgPath: org.path,
  };
}

/**
 * Puts a test account's password back, with no change required at the next login: state no
 * service offers (a reset always requires a change), so set directly, for test setup only.
 */
export async function restorePassword(h: Db, userId: number, password: string): Promise<void> {
  await updatePassword(h.db, userId, await hashPassword(password), false);
}

/** Rate limits generous enough for a test suite's logins. */
export function testRateLimits(): RateLimits {
  return {
    loginPerIp: new RateLimiter(10_000, 10_000),
    loginPerUser: new RateLimiter(1_000, 1_000),
    uploads: new RateLimiter(1_000, 1_000),
    passwordChange: new RateLimiter(1_000, 1_000),
    publicSubmit: new RateLimiter(1_000, 1_000),
    publicCode: new RateLimiter(1_000, 1_000),
    publicRead: new RateLimiter(10_000, 10_000),
  };
}

export function testApp(h: Db, opts: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return buildApp(h, {
    dataDir: mkdtempSync(join(tmpdir(), 'fazhi-http-')),
    rateLimits: testRateLimits(),
    webDir: null,
    ...opts,
  });
}

/** A signed-in client: its cookie and CSRF header go on every request. */
export interface Client {
  readonly cookie: string;
  readonly csrf: string;
  request(o: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const cookie = [r.headers['set-cookie']]
    .flat()
    .map((c) => String(c).split(';')[0])
    .join('; ');
  const csrf = r.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrf,
    request: (o) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...o.headers } }),
  };
}

export const usernameOf = (role: RoleId): string => role.replace('_', '.');

/** A real 1×1 PNG: evidence types are sniffed from the bytes. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The API's error answer, for typed assertions. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}
