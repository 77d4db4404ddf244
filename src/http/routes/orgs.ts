import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../core/errors.ts';
import { getOrg } from '../../db/orgs.repo.ts';
import { inScope } from '../../services/access.ts';
import { createOrg, renameOrganisation } from '../../services/ledger-writes.ts';
import { allOrgs, toOrg, type Org } from '../../services/orgs.ts';
import { route } from '../route.ts';
import { idParams } from '../schemas.ts';

type OrgNode = Org & { children: OrgNode[] };

/** Nests a flat, path-ordered list; the roots are the orgs whose parent is outside the list. */
function tree(list: readonly Org[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>(list.map((o) => [o.id, { ...o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

const newOrg = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_-]{1,32}$/, '代码应为 1–32 位字母、数字、_ 或 -'),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(['township', 'village', 'department']),
  parentId: z.number().int().positive(),
});

export function registerOrgRoutes(app: FastifyInstance): void {
  const tag = '组织';
  route(
    app,
    { method: 'GET', url: '/orgs', summary: '本人数据范围内的组织树', tag, access: 'orgs.read', cache: true },
    async ({ deps, scope }) => {
      const list = await allOrgs(deps.h, scope);
      return { items: list, tree: tree(list) };
    },
  );
  route(
    app,
    { method: 'GET', url: '/orgs/:id', summary: '一个组织', tag, access: 'orgs.read', params: idParams },
    async ({ deps, params, user }) => {
      const r = await getOrg(deps.h.db, params.id);
      if (!r || !inScope(user, r.path)) throw notFound(`组织 ${params.id} 不存在或无权查看`);
      return toOrg(r);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/orgs',
      summary: '新增乡镇、村（社区）或部门',
      tag,
      access: 'orgs.manage',
      body: newOrg,
      status: 201,
    },
    async ({ deps, body, user, actor, at }) => createOrg(deps.h, user, actor, body, at),
  );
  route(
    app,
    {
      method: 'PATCH',
      url: '/orgs/:id',
      summary: '修改组织名称',
      tag,
      access: 'orgs.manage',
      params: idParams,
      body: z.object({ name: z.string().trim().min(1).max(60) }),
    },
    async ({ deps, params, body, user, actor, at }) =>
      renameOrganisation(deps.h, user, actor, params.id, body.name, at),
  );
}
