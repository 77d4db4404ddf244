import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { insertOrg } from '../db/orgs.repo.ts';
import { testDatabases } from '../testing/databases.ts';
import { NOW, addAccount, smallCounty } from '../testing/fixtures.ts';
import type { Principal } from './access.ts';
import { accountList, deleteAccount, editAccount, setAccountDisabled } from './account-manage.ts';
import { actorOf, listAudit } from './audit.ts';
import { renameOrganisation } from './ledger-writes.ts';
import { toOrg, type Org } from './orgs.ts';
import { authenticate, login } from './sessions.ts';

const PASSWORD = 'Manage#Acct2024';
const now = new Date(NOW);
const signIn = (h: Db, username: string) =>
  login(h, { username, password: PASSWORD, ip: '10.0.0.5', userAgent: null }, now);

for (const tdb of testDatabases()) {
  describe(`account and organisation upkeep on ${tdb.name}`, () => {
    let h: Db;
    let w: Awaited<ReturnType<typeof smallCounty>>;
    let other: Org;
    let sys: Principal;
    let sec: Principal;
    let n = 0;
    const staffAccount = async (org: Org = w.a) =>
      addAccount(h, {
        username: `clerk${++n}`,
        name: `专干${n}`,
        role: 'township_staff',
        orgId: org.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
    const lastAudit = async () => (await listAudit(h, { limit: 10_000 })).at(-1)!;
    beforeAll(async () => {
      h = await tdb.open();
      w = await smallCounty(h);
      const county2 = toOrg(
        await insertOrg(h.db, { code: '440000', name: '别县', kind: 'county', parentId: null }, NOW),
      );
      other = toOrg(
        await insertOrg(h.db, { code: '440001', name: '丙镇', kind: 'township', parentId: county2.id }, NOW),
      );
      const admin = async (username: string, role: string): Promise<Principal> => {
        const u = await addAccount(h, {
          username,
          name: username,
          role,
          orgId: w.county.id,
          password: PASSWORD,
        });
        return { id: u.id, username, role, orgId: w.county.id, orgPath: w.county.path };
      };
      sys = await admin('sys.admin', 'system_admin');
      sec = await admin('sec.admin', 'security_admin');
    });
    afterAll(async () => h.close());

    it('renames an account and keeps its role; a move takes the role away and ends its sessions', async () => {
      const u = await staffAccount();
      const session = await signIn(h, u.username);
      const renamed = await editAccount(h, sys, actorOf(sys, null), u.id, { name: '王小二' }, NOW);
      expect(renamed).toMatchObject({ name: '王小二', role: 'township_staff', orgId: w.a.id });
      expect(await authenticate(h, session.sessionId, now)).not.toBeNull();
      expect(await lastAudit()).toMatchObject({
        action: 'user.update',
        actor: 'sys.admin',
        targetId: String(u.id),
        before: { name: u.name, orgId: w.a.id, role: 'township_staff' },
        after: { name: '王小二', orgId: w.a.id, role: 'township_staff' },
      });

      const moved = await editAccount(h, sys, actorOf(sys, null), u.id, { orgId: w.b.id }, NOW);
      expect(moved).toMatchObject({ orgId: w.b.id, org: '乙乡', role: '' });
      expect(await authenticate(h, session.sessionId, now)).toBeNull();
      await expect(signIn(h, u.username)).rejects.toMatchObject({ code: 'no_role' });
      const listed = (await accountList(h, sys)).find((x) => x.id === u.id);
      expect(listed).toMatchObject({ name: '王小二', orgId: w.b.id, role: '' });
    });

    it('refuses edits outside 三员分立 and the administrator’s scope', async () => {
      const u = await staffAccount();
      await expect(editAccount(h, sec, actorOf(sec, null), u.id, { name: 'x' }, NOW)).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        editAccount(h, sys, actorOf(sys, null), sys.id!, { name: 'x' }, NOW),
      ).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        editAccount(h, sys, actorOf(sys, null), sec.id!, { name: '改安全员' }, NOW),
      ).rejects.toMatchObject({ status: 403 });
      const far = await staffAccount(other);
      await expect(editAccount(h, sys, actorOf(sys, null), far.id, { name: 'x' }, NOW)).rejects.toMatchObject(
        {
          status: 404,
        },
      );
      await expect(
        editAccount(h, sys, actorOf(sys, null), u.id, { orgId: w.village.id }, NOW),
      ).rejects.toMatchObject({ code: 'role_org_mismatch' });
      await expect(
        editAccount(h, sys, actorOf(sys, null), u.id, { name: u.name }, NOW),
      ).rejects.toMatchObject({
        status: 409,
      });
    });

    it('the security administrator disables an account: its sessions end, it cannot sign in; enabled, it can again; the system administrator may not', async () => {
      const u = await staffAccount();
      const session = await signIn(h, u.username);
      await setAccountDisabled(h, sec, actorOf(sec, null), u.id, true, NOW);
      expect(await authenticate(h, session.sessionId, now)).toBeNull();
      await expect(signIn(h, u.username)).rejects.toMatchObject({ code: 'account_disabled', status: 403 });
      // A wrong password still reads as one: being disabled is told only to whoever knows the password.
      await expect(
        login(h, { username: u.username, password: 'Wrong#Pass2024', ip: null, userAgent: null }, now),
      ).rejects.toMatchObject({ code: 'bad_credentials' });
      await expect(setAccountDisabled(h, sec, actorOf(sec, null), u.id, true, NOW)).rejects.toMatchObject({
        status: 409,
      });
      expect((await accountList(h, sys)).find((x) => x.id === u.id)?.disabled).toBe(true);
      await setAccountDisabled(h, sec, actorOf(sec, null), u.id, false, NOW);
      expect(await lastAudit()).toMatchObject({
        action: 'user.enable',
        before: { disabled: true },
        after: { disabled: false },
      });
      expect((await signIn(h, u.username)).user.username).toBe(u.username);
      await expect(setAccountDisabled(h, sys, actorOf(sys, null), u.id, true, NOW)).rejects.toMatchObject({
        status: 403,
      });
    });

    it('deletes only an account that never acted', async () => {
      const unused = await staffAccount();
      const used = await staffAccount();
      await signIn(h, used.username);
      const list = await accountList(h, sys);
      expect(list.find((x) => x.id === unused.id)?.deletable).toBe(true);
      expect(list.find((x) => x.id === used.id)?.deletable).toBe(false);
      await expect(deleteAccount(h, sys, actorOf(sys, null), used.id, NOW)).rejects.toMatchObject({
        code: 'account_used',
        status: 409,
      });
      await deleteAccount(h, sys, actorOf(sys, null), unused.id, NOW);
      expect((await accountList(h, sys)).some((x) => x.id === unused.id)).toBe(false);
      expect(await lastAudit()).toMatchObject({
        action: 'user.delete',
        targetId: String(unused.id),
        before: { username: unused.username },
      });
    });

    it('renames an organisation inside the administrator’s scope', async () => {
      const org = await renameOrganisation(h, sys, actorOf(sys, null), w.village.id, '东风村', NOW);
      expect(org).toMatchObject({ id: w.village.id, name: '东风村', code: w.village.code });
      expect(await lastAudit()).toMatchObject({
        action: 'org.update',
        before: { name: '东村' },
        after: { name: '东风村' },
      });
      await expect(
        renameOrganisation(h, sys, actorOf(sys, null), other.id, '改名', NOW),
      ).rejects.toMatchObject({
        status: 404,
      });
      await expect(renameOrganisation(h, sec, actorOf(sec, null), w.a.id, '改名', NOW)).rejects.toMatchObject(
        {
          status: 403,
        },
      );
      await expect(renameOrganisation(h, sys, actorOf(sys, null), w.a.id, '  ', NOW)).rejects.toMatchObject({
        code: 'bad_name',
      });
    });

    it("reads the user's own organisation with the session, with its new name after a rename", async () => {
      const u = await staffAccount(w.b);
      const session = await signIn(h, u.username);
      expect((await authenticate(h, session.sessionId, now))!.user.org).toEqual(w.b);
      await renameOrganisation(h, sys, actorOf(sys, null), w.b.id, '乙新乡', NOW);
      expect((await authenticate(h, session.sessionId, now))!.user.org).toEqual({ ...w.b, name: '乙新乡' });
      await renameOrganisation(h, sys, actorOf(sys, null), w.b.id, w.b.name, NOW);
    });
  });
}
