import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RoleId } from '../catalogue/roles.ts';
import type { Db } from '../db/connect.ts';
import { insertOrg } from '../db/orgs.repo.ts';
import { NOW, smallCounty } from './fixtures.ts';
import { toOrg, type Org } from '../services/orgs.ts';
import { createUser } from '../services/users.ts';
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
  const users = {} as Record<RoleId, number>;
  for (const role of allRoles) {
    const org = countyRoles.includes(role) ? county : a;
    const u = await createUser(
      h,
      {
        username: role.replace('_', '.'),
        name: role,
        role,
        orgId: org.id,
        password: PASSWORD,
        mustChangePassword: false,
      },
      NOW,
    );
    users[role] = u.id;
  }
  return { county, a, b, village, otherCounty, c, users };
}

/** Rate limits generous enough for a test suite's logins. */
export function testRateLimits(): RateLimits {
  return {
    loginPerIp: new RateLimiter(10_000, 10_000),
    loginPerUser: new RateLimiter(1_000, 1_000),
    uploads: new RateLimiter(1_000, 1_000),
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
