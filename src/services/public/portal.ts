import { UserError } from '../../core/errors.ts';
import { subtree } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import { childOrgs, findOrgs, listOrgs, orgsOfKind } from '../../db/orgs.repo.ts';
import { publicReports } from '../cycle-public.ts';
import { toOrg, type Org } from '../orgs.ts';

/** The counties with a public site (every county in the tree). */
export async function portalCounties(h: Db): Promise<Org[]> {
  return (await orgsOfKind(h.db, 'county')).map(toOrg);
}

export const noSuchCounty = (): UserError => new UserError('没有这个县（区）的公开平台', 'not_found', 404);

/** A county's site by its code, or a 404. */
export async function portalCounty(h: Db, code: string): Promise<Org> {
  const c = (await findOrgs(h.db, code)).map(toOrg).find((o) => o.kind === 'county' && o.code === code);
  if (!c) throw noSuchCounty();
  return c;
}

export interface PortalTownship extends Org {
  readonly villages: readonly Org[];
}

/** The county's townships, each with its villages (the choices of the public's forms). */
export async function portalTownships(h: Db, county: Org): Promise<PortalTownship[]> {
  // One statement for the county's whole subtree (its townships and their villages).
  const all = (await listOrgs(h.db, subtree(county.path))).map(toOrg);
  return all
    .filter((o) => o.kind === 'township' && o.parentId === county.id)
    .sort((a, b) => a.id - b.id)
    .map((t) => ({
      ...t,
      villages: all.filter((v) => v.kind === 'village' && v.parentId === t.id).sort((a, b) => a.id - b.id),
    }));
}

/** A township of the county chosen on a form, by id; anything else is the requester's error. */
export async function portalTownship(h: Db, county: Org, townshipId: number): Promise<Org> {
  const t = (await childOrgs(h.db, county.id, 'township')).map(toOrg).find((o) => o.id === townshipId);
  if (!t) throw new UserError('请选择本县（区）的乡镇（街道）', 'invalid_township', 400);
  return t;
}

/** The county's published annual reports, newest year first. */
export async function portalReports(h: Db, county: Org) {
  return (await publicReports(h, county.id)).sort(
    (a, b) => b.year - a.year || a.township.localeCompare(b.township, 'zh-CN'),
  );
}
