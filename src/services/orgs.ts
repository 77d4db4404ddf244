import { UserError, notFound } from '../core/errors.ts';
import { ALL, type Scope } from '../core/scope.ts';
import type { Db } from '../db/connect.ts';
import { childOrgs, findOrgs, getOrg, listOrgs, pathIds } from '../db/orgs.repo.ts';
import type { OrgRow } from '../db/schema.ts';
import type { OrgFilter } from '../db/records.repo.ts';

/** Kinds of organisation in the tree, with their Chinese names. */
export const orgKinds = {
  county: '县（区）',
  township: '乡镇（街道）',
  village: '村（社区）',
  department: '部门',
} as const;
export type OrgKind = keyof typeof orgKinds;

export interface Org {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly parentId: number | null;
  readonly path: string;
}

/** An organisation as the services use it, from its row (or the row's columns read with another table's). */
export function toOrg(r: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind' | 'parent_id' | 'path'>): Org {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as OrgKind,
    parentId: r.parent_id,
    path: r.path,
  };
}

/** Finds one organisation by Chinese name or code; unknown or ambiguous names are user errors. */
export async function resolveOrg(h: Db, nameOrCode: string, expect?: readonly OrgKind[]): Promise<Org> {
  const s = nameOrCode.trim();
  let found = (await findOrgs(h.db, s)).map(toOrg);
  if (expect) found = found.filter((o) => expect.includes(o.kind));
  if (found.length === 0) {
    const what = expect ? expect.map((k) => orgKinds[k]).join('或') : '组织';
    throw notFound(`找不到${what}“${s}”：请用 fazhi orgs 查看名称和代码`);
  }
  if (found.length > 1) {
    throw new UserError(
      `“${s}”对应多个组织（${found.map((o) => `${o.name} ${o.code}`).join('、')}），请改用代码`,
      'ambiguous',
    );
  }
  return found[0]!;
}

export async function requireOrg(h: Db, id: number): Promise<Org> {
  const r = await getOrg(h.db, id);
  if (!r) throw notFound(`组织 ${id} 不存在`);
  return toOrg(r);
}

/** An organisation by id; a user's own comes with the session (`org`) and is not read again. */
export function orgOf(h: Db, p: { readonly org?: Org }, id: number): Promise<Org> {
  return p.org?.id === id ? Promise.resolve(p.org) : requireOrg(h, id);
}

export async function allOrgs(h: Db, scope: Scope = ALL): Promise<Org[]> {
  return (await listOrgs(h.db, scope)).map(toOrg);
}

export async function townshipsOf(h: Db, county: Org): Promise<Org[]> {
  return (await childOrgs(h.db, county.id, 'township')).map(toOrg);
}

/** The township an organisation belongs to (itself, or its parent for a village or department). */
export async function townshipOf(h: Db, org: Org): Promise<Org> {
  if (org.kind === 'township') return org;
  if ((org.kind === 'village' || org.kind === 'department') && org.parentId !== null) {
    const p = await requireOrg(h, org.parentId);
    if (p.kind === 'township') return p;
  }
  throw new UserError(
    `“${org.name}”不是乡镇（街道），也不隶属于乡镇：台账记录须归属某个乡镇`,
    'not_township',
  );
}

/** The county of a township. */
export async function countyOf(h: Db, township: Org): Promise<Org> {
  if (township.parentId === null) throw new UserError(`“${township.name}”没有上级县（区）`, 'no_county');
  return requireOrg(h, township.parentId);
}

/** Which records belong to an organisation, for indicators and lists. */
export function orgFilter(org: Org): OrgFilter {
  const countyId = countyIdOf(org);
  const path = org.path;
  switch (org.kind) {
    case 'county':
      return { column: 'county_id', id: org.id, countyId, path };
    case 'township':
      return { column: 'township_id', id: org.id, countyId, path };
    case 'village':
    case 'department':
      return { column: 'org_id', id: org.id, countyId, path };
  }
}

/** The county an organisation belongs to (or is): the first step of its path. */
export function countyIdOf(org: Pick<Org, 'path'>): number {
  return pathIds(org.path)[0]!;
}
