import { insertOrg } from '../db/orgs.repo.ts';
import type { Db } from '../db/connect.ts';
import { toOrg, type Org } from '../services/orgs.ts';
import { addRecord } from '../services/records.ts';

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

/** A short way to add fixture records: `add(township, kind, date, title, data, {org, endDate})`. */
export function recordAdder(h: Db, now = NOW) {
  return (
    t: Org,
    kind: string,
    date: string,
    title: string,
    data: Record<string, unknown>,
    extra: object = {},
  ) => addRecord(h, t, kind, { date, title, data, ...extra }, { now });
}
