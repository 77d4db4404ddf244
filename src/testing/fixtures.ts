import { insertOrg } from '../db/orgs.repo.ts';
import type { Db } from '../db/connect.ts';
import type { LedgerRecord } from '../core/records.ts';
import { systemPrincipal } from '../services/access.ts';
import { createAccount } from '../services/account-writes.ts';
import { actorOf } from '../services/audit.ts';
import { createRecord } from '../services/ledger-writes.ts';
import { toOrg, type Org } from '../services/orgs.ts';
import type { OrgDraft } from '../services/records.ts';
import type { NewUserInput, User } from '../services/users.ts';

export const NOW = '2024-01-15T08:00:00.000Z';

/** A county with two townships; the first has a village and a department. */
export async function smallCounty(h: Db): Promise<{ county: Org; a: Org; b: Org; village: Org; dept: Org }> {
  const county = toOrg(
    await insertOrg(h.db, { code: '430000', name: '测试县', kind: 'county', parentId: null }, NOW),
  );
  const a = toOrg(
    await insertOrg(h.db, { code: '430001', name: '甲镇', kind: 'township', parentId: county.id }, NOW),
  );
  const b = toOrg(
    await insertOrg(h.db, { code: '430002', name: '乙乡', kind: 'township', parentId: county.id }, NOW),
  );
  const village = toOrg(
    await insertOrg(h.db, { code: '430001201', name: '东村', kind: 'village', parentId: a.id }, NOW),
  );
  const dept = toOrg(
    await insertOrg(h.db, { code: '430001901', name: '甲镇司法所', kind: 'department', parentId: a.id }, NOW),
  );
  return { county, a, b, village, dept };
}

/** Test setup acts as the console does: through the audited services, as the system principal. */
export const setup = (() => {
  const p = systemPrincipal('test');
  return { p, actor: actorOf(p, null) };
})();

/** Adds one record to a township's ledger through the audited service. */
export function addRecord(
  h: Db,
  township: Org,
  kind: string,
  draft: OrgDraft,
  at = NOW,
): Promise<LedgerRecord> {
  return createRecord(h, setup.p, setup.actor, { townshipId: township.id, kind, draft }, at);
}

/** Creates an account through the audited service; `mustChangePassword` defaults to true, as there. */
export async function addAccount(h: Db, input: NewUserInput, at = NOW): Promise<User> {
  return (await createAccount(h, setup.p, setup.actor, input, at)).user;
}

/** A short way to add fixture records: `add(township, kind, date, title, data, {org, endDate})`. */
export function recordAdder(h: Db, now = NOW) {
  return (
    t: Org,
    kind: string,
    date: string,
    title: string,
    data: Record<string, unknown>,
    extra: object = {},
  ) => addRecord(h, t, kind, { date, title, data, ...extra }, now);
}
