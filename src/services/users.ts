import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { commonPasswords } from '../catalogue/common-passwords.ts';
import { findRole, roleLabel, roles, type Role } from '../catalogue/roles.ts';
import { UserError, notFound } from '../core/errors.ts';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import * as repo from '../db/users.repo.ts';
import { orgKinds, requireOrg, type Org } from './orgs.ts';

/** An account as services and front ends see it; never carries the password hash. */
export interface User {
  readonly id: number;
  readonly username: string;
  /** Display name (显示名). */
  readonly name: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly orgId: number;
  readonly org: string;
  readonly orgCode: string;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
}

// scrypt cost: N=2^14, r=8, p=1 (the RFC 7914 interactive-login figures), 16 MiB of memory.
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function derive(
  password: string,
  salt: Buffer,
  o: { N: number; r: number; p: number },
  len: number,
): Promise<Buffer> {
  const opts: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r * o.p };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, len, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password with scrypt and a random salt: `scrypt$N$r$p$salt$hash` (salt and hash base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT, KEY_LEN);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; compares in constant time. Malformed hashes never match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const key = await derive(password, salt, { N, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}

const CLASSES: readonly (readonly [RegExp, string])[] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];
export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 128;
/** How many of an account's latest passwords a new one may not repeat (the current one included). */
export const PASSWORD_HISTORY = 5;
const common = new Set(commonPasswords.map((p) => p.toLowerCase()));

/** Why a password fails the policy (≥ 10 characters, 3 of 4 classes, not a common one), or null. */
export function passwordProblem(password: string): string | null {
  const shape = passwordShapeProblem(password);
  if (shape) return shape;
  if (common.has(password.toLowerCase())) return '该密码是常见弱密码，容易被猜中，请换一个';
  return null;
}

/** Length and character classes only, without the list of common passwords. */
export function passwordShapeProblem(password: string): string | null {
  const len = [...password].length;
  if (len < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位，当前只有 ${len} 位`;
  if (len > PASSWORD_MAX) return `密码不能超过 ${PASSWORD_MAX} 位`;
  const missing = CLASSES.filter(([re]) => !re.test(password)).map(([, name]) => name);
  if (missing.length > 1) {
    return `密码须包含大写字母、小写字母、数字、符号中的至少 3 类，当前缺少：${missing.join('、')}`;
  }
  return null;
}

export function assertPasswordPolicy(password: string): void {
  const p = passwordProblem(password);
  if (p) throw new UserError(p, 'weak_password');
}

/** A random 14-character password holding all four classes; look-alike characters left out. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?!'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

/** The role with this id or Chinese label, or a Chinese error listing the roles. */
export function roleOrFail(idOrLabel: string): Role {
  const r = findRole(idOrLabel);
  if (!r)
    throw new UserError(
      `未知的角色“${idOrLabel}”，应为：${roles.map((x) => `${x.id}（${x.label}）`).join('、')}`,
      'unknown_role',
    );
  return r;
}

function toUser(r: repo.UserWithOrgRow): User {
  return {
    id: r.id,
    username: r.username,
    name: r.display_name,
    role: r.role,
    roleLabel: roleLabel(r.role),
    orgId: r.org_id,
    org: r.org_name,
    orgCode: r.org_code,
    mustChangePassword: r.must_change_password === 1,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

/** The role of an account made by the system administrator until the security administrator grants one. */
export const NO_ROLE = '';

export interface NewUserInput {
  readonly username: string;
  readonly name: string;
  /** Role id or Chinese label; absent for an account waiting for the security administrator's grant. */
  readonly role?: string;
  readonly orgId: number;
  readonly password: string;
  /** Force a new password at first login (default true: whoever set this one knows it). */
  readonly mustChangePassword?: boolean;
}

/**
 * Creates several accounts, checking them all before writing any; passwords are hashed in parallel
 * (scrypt runs on libuv's pool) and rows inserted in the given order in one transaction. Not
 * audited: the demo county's and test worlds' accounts only; front ends call `createAccount`.
 */
export async function createUsers(h: Db, inputs: readonly NewUserInput[], now: string): Promise<User[]> {
  const ready = await prepareUsers(h, inputs, { seeded: true });
  return h.db.transaction().execute((trx) => insertUsers(trx, ready, now));
}

/** A new account checked against the rules and the database, with its password hashed. */
export interface PreparedUser extends NewUserChecked {
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

/**
 * Checks new accounts (reads only) and hashes their passwords, before any transaction opens.
 * `seeded`: the demo county's and test worlds' accounts, whose published password (`Fazhi@2024`,
 * which the README tells users to sign in with) is on the common-password list; they are checked
 * for length and character classes only. Passwords people choose always meet the whole policy.
 */
export async function prepareUsers(
  h: Db,
  inputs: readonly NewUserInput[],
  o: { seeded?: boolean } = {},
): Promise<PreparedUser[]> {
  const checked: NewUserChecked[] = [];
  const names = new Set<string>();
  for (const input of inputs) {
    const c = await checkNewUser(h, input, o.seeded ?? false);
    if (names.has(c.username)) throw new UserError(`用户名“${c.username}”重复`, 'duplicate', 409);
    names.add(c.username);
    checked.push(c);
  }
  const hashes = await Promise.all(inputs.map((i) => hashPassword(i.password)));
  return checked.map((c, i) => ({
    ...c,
    passwordHash: hashes[i]!,
    mustChangePassword: inputs[i]!.mustChangePassword ?? true,
  }));
}

/** Inserts prepared accounts on the caller's transaction, in order. */
export async function insertUsers(
  trx: Transaction<Database>,
  ready: readonly PreparedUser[],
  now: string,
): Promise<User[]> {
  const out: User[] = [];
  for (const c of ready) {
    const id = await repo.insertUser(trx, {
      username: c.username,
      display_name: c.name,
      role: c.role?.id ?? NO_ROLE,
      org_id: c.org.id,
      password_hash: c.passwordHash,
      must_change_password: c.mustChangePassword ? 1 : 0,
      disabled: 0,
      created_at: now,
    });
    await repo.addPasswordHistory(trx, id, c.passwordHash, now);
    out.push({
      id,
      username: c.username,
      name: c.name,
      role: c.role?.id ?? NO_ROLE,
      roleLabel: c.role?.label ?? '未分配角色',
      orgId: c.org.id,
      org: c.org.name,
      orgCode: c.org.code,
      mustChangePassword: c.mustChangePassword,
      disabled: false,
      createdAt: now,
    });
  }
  return out;
}

export interface NewUserChecked {
  readonly username: string;
  readonly name: string;
  /** Absent: the account waits for a role (and cannot sign in until then). */
  readonly role?: Role;
  readonly org: Org;
}

/** Refuses an organisation of the wrong kind for the role (or, without a role, for any role). */
export function checkRoleOrg(role: Role | undefined, org: Org): void {
  if (role && org.kind !== role.orgKind) {
    throw new UserError(
      `角色“${role.label}”的账号应属于${orgKinds[role.orgKind]}，“${org.name}”是${orgKinds[org.kind]}`,
      'role_org_mismatch',
    );
  }
  if (!role && org.kind !== 'county' && org.kind !== 'township')
    throw new UserError(
      `账号应属于县（区）或乡镇（街道），“${org.name}”是${orgKinds[org.kind]}`,
      'role_org_mismatch',
    );
}

async function checkNewUser(h: Db, input: NewUserInput, seeded: boolean): Promise<NewUserChecked> {
  const username = input.username.trim();
  if (!USERNAME.test(username)) {
    throw new UserError(
      `用户名“${username}”不合规：应为 3–32 位小写字母、数字或 . _ -，以字母开头`,
      'bad_username',
    );
  }
  const name = input.name.trim();
  if (!name || [...name].length > 50) throw new UserError('显示名不能为空，且不超过 50 字', 'bad_name');
  const role = input.role === undefined ? undefined : roleOrFail(input.role);
  const org = await requireOrg(h, input.orgId);
  checkRoleOrg(role, org);
  const weak = seeded ? passwordShapeProblem(input.password) : passwordProblem(input.password);
  if (weak) throw new UserError(weak, 'weak_password');
  if (await repo.findUserByUsername(h.db, username))
    throw new UserError(`用户名“${username}”已存在`, 'duplicate', 409);
  return { username, name, role, org };
}

export async function listUsers(h: Db): Promise<User[]> {
  return (await repo.listUsers(h.db)).map(toUser);
}

/** The stored hash of a new password, after checking the policy. */
export async function newPasswordHash(password: string): Promise<string> {
  assertPasswordPolicy(password);
  return hashPassword(password);
}

/** Refuses a password the account had among its last five (the current one included). */
export async function assertNotReused(h: Db, userId: number, password: string): Promise<void> {
  const current = await repo.passwordHashOf(h.db, userId);
  const hashes = new Set([
    ...(current ? [current] : []),
    ...(await repo.recentPasswordHashes(h.db, userId, PASSWORD_HISTORY)),
  ]);
  for (const hash of [...hashes].slice(0, PASSWORD_HISTORY))
    if (await verifyPassword(password, hash))
      throw new UserError(`新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`, 'password_reused');
}

/**
 * Checks a username and password; null for an unknown user or a wrong password. A disabled account
 * with the right password comes back with `disabled` set, so the caller can say why it is refused.
 */
export async function checkCredentials(h: Db, username: string, password: string): Promise<User | null> {
  const row = await repo.findUserWithOrg(h.db, username.trim());
  if (!row) return null;
  return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
}

/** An account by username, for the console (`fazhi users passwd`). */
export async function findUser(h: Db, username: string): Promise<User> {
  const row = await repo.findUserWithOrg(h.db, username.trim());
  if (!row) throw notFound(`用户“${username}”不存在`);
  return toUser(row);
}
