import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../catalogue/roles.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addAccount, setup, smallCounty } from '../testing/fixtures.ts';
import { resetAccountPassword } from './password-resets.ts';
import type { Org } from './orgs.ts';
import {
  checkCredentials,
  findUser,
  generatePassword,
  hashPassword,
  listUsers,
  passwordProblem,
  passwordShapeProblem,
  verifyPassword,
} from './users.ts';

describe('passwords', () => {
  it('applies the policy with Chinese reasons', () => {
    expect(passwordProblem('Ab1!')).toMatch('至少 10 位');
    expect(passwordProblem('Abcdefg1!')).toMatch('至少 10 位，当前只有 9 位');
    expect(passwordProblem('abcdefghij')).toMatch('缺少：大写字母、数字、符号');
    expect(passwordProblem('abcdefghi1')).toMatch('至少 3 类');
    expect(passwordProblem('Abcdefghi1')).toBeNull();
    expect(passwordProblem('abcdefgh1!')).toBeNull();
    // Common passwords are refused whatever their shape, compared case-insensitively.
    for (const weak of [
      'Fazhi@2024',
      'Admin@123456',
      'P@ssw0rd123',
      'Aa123456789',
      'ADMIN@2024',
      'Qwer1234!',
    ])
      expect(passwordProblem(weak), weak).toMatch(/常见弱密码|至少 10 位/);
    expect(passwordProblem('Fazhi@2024')).toMatch('常见弱密码');
    // The demo's published password passes the shape check it is seeded under.
    expect(passwordShapeProblem('Fazhi@2024')).toBeNull();
    for (let i = 0; i < 20; i++) expect(passwordProblem(generatePassword())).toBeNull();
  });

  it('hashes with scrypt and a random salt, and verifies in constant time', async () => {
    const a = await hashPassword('Fazhi@2024');
    const b = await hashPassword('Fazhi@2024');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Fazhi@2024', a)).toBe(true);
    expect(await verifyPassword('fazhi@2024', a)).toBe(false);
    expect(await verifyPassword('Fazhi@2024', 'plain')).toBe(false);
    expect(await verifyPassword('Fazhi@2024', 'scrypt$16384$8$1$$')).toBe(false);
  });

  it('declares every role with a label, org kind and description', () => {
    expect(roles.map((r) => r.id)).toEqual([
      'system_admin',
      'security_admin',
      'auditor',
      'county_officer',
      'township_leader',
      'township_staff',
      'legal_adviser',
      'grid_member',
    ]);
    expect(
      roles.every((r) => r.label && r.description && (r.orgKind === 'county' || r.orgKind === 'township')),
    ).toBe(true);
  });
});

for (const tdb of testDatabases()) {
  describe(`users on ${tdb.name}`, () => {
    let h: Db;
    let org: { county: Org; a: Org; village: Org };
    beforeAll(async () => {
      h = await tdb.open();
      org = await smallCounty(h);
    });
    afterAll(async () => h.close());

    it('creates an account that must change its password, and lists it', async () => {
      const u = await addAccount(
        h,
        {
          username: 'zhang.san',
          name: '张三',
          role: '乡镇法治专干',
          orgId: org.a.id,
          password: 'Start#2024',
        },
        NOW,
      );
      expect(u).toMatchObject({
        role: 'township_staff',
        roleLabel: '乡镇法治专干',
        org: '甲镇',
        orgCode: '430001',
        mustChangePassword: true,
      });
      const list = await listUsers(h);
      expect(list.find((x) => x.username === 'zhang.san')).toMatchObject({
        name: '张三',
        mustChangePassword: true,
        disabled: false,
      });
      expect(await checkCredentials(h, 'zhang.san', 'Start#2024')).toMatchObject({ username: 'zhang.san' });
      expect(await checkCredentials(h, 'zhang.san', 'start#2024')).toBeNull();
      expect(await checkCredentials(h, 'nobody', 'Start#2024')).toBeNull();
    });

    it('refuses duplicates, unknown roles, wrong org kinds, weak passwords and bad names', async () => {
      const base = {
        username: 'li.si',
        name: '李四',
        role: 'county_officer',
        orgId: org.county.id,
        password: 'Start#2024',
      };
      await addAccount(h, base);
      await expect(addAccount(h, base)).rejects.toThrow('用户名“li.si”已存在');
      await expect(addAccount(h, { ...base, username: 'li.si2', role: 'boss' })).rejects.toThrow(
        '未知的角色“boss”',
      );
      await expect(addAccount(h, { ...base, username: 'li.si3', orgId: org.a.id })).rejects.toThrow(
        '应属于县（区），“甲镇”是乡镇（街道）',
      );
      await expect(
        addAccount(h, { ...base, username: 'li.si4', role: 'grid_member', orgId: org.village.id }),
      ).rejects.toThrow('应属于乡镇（街道）');
      await expect(
        addAccount(h, { ...base, username: 'li.si5', password: 'passwordpassword' }),
      ).rejects.toThrow('至少 3 类');
      await expect(addAccount(h, { ...base, username: 'li.si7', password: 'Admin@123456' })).rejects.toThrow(
        '常见弱密码',
      );
      await expect(addAccount(h, { ...base, username: 'Li Si' })).rejects.toThrow('不合规');
      await expect(addAccount(h, { ...base, username: 'li.si6', orgId: 99_999 })).rejects.toThrow('不存在');
      expect((await listUsers(h)).filter((u) => u.username.startsWith('li.si'))).toHaveLength(1);
    });

    it('resets a password, which must be changed at the next login', async () => {
      const u = await addAccount(h, {
        username: 'wang.wu',
        name: '王五',
        role: 'legal_adviser',
        orgId: org.a.id,
        password: 'Start#2024',
        mustChangePassword: false,
      });
      const reset = (pw: string) => resetAccountPassword(h, setup.p, setup.actor, u.id, pw, NOW);
      await expect(reset('short')).rejects.toThrow('至少 10 位');
      await expect(findUser(h, 'nobody')).rejects.toThrow('用户“nobody”不存在');
      await reset('New#Pass2024');
      expect(await checkCredentials(h, 'wang.wu', 'Start#2024')).toBeNull();
      expect(await checkCredentials(h, 'wang.wu', 'New#Pass2024')).toMatchObject({
        mustChangePassword: true,
      });
    });
  });
}
