import type { FastifyInstance } from 'fastify';
import { indicators } from '../../catalogue/indicators.ts';
import { groups, kinds } from '../../catalogue/kinds.ts';
import { roles } from '../../catalogue/roles.ts';
import { actionLabels, isSecurityRole, permissions } from '../../services/access.ts';
import { orgKinds } from '../../services/orgs.ts';
import { caseCatalogue } from '../case-catalogue.ts';
import { route } from '../route.ts';

/** The catalogue the web app builds its forms, menus and tables from. */
export function registerCatalogueRoutes(app: FastifyInstance): void {
  const tag = '目录';
  route(
    app,
    {
      method: 'GET',
      url: '/catalogue/kinds',
      summary: '台账类型及其字段',
      tag,
      access: 'catalogue.read',
      cache: true,
    },
    () => ({ groups, kinds }),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/catalogue/indicators',
      summary: '指标及其口径',
      tag,
      access: 'catalogue.read',
      cache: true,
    },
    () => ({
      items: indicators.map((i) => ({
        key: i.key,
        label: i.label,
        unit: i.unit,
        group: i.group,
        basis: i.basis,
        formula: i.formula,
      })),
    }),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/catalogue/roles',
      summary: '角色及其权限',
      tag,
      access: 'catalogue.read',
      cache: true,
    },
    () => ({
      actions: actionLabels,
      orgKinds,
      items: roles.map((r) => ({
        ...r,
        ...permissions[r.id as keyof typeof permissions],
        // 三员 accounts are made only on the server (fazhi users add), never through the API.
        security: isSecurityRole(r.id),
      })),
    }),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/catalogue/cases',
      summary: '案件类型：状态、步骤及可办理角色、法定时限及其依据',
      tag,
      access: 'catalogue.read',
      cache: true,
    },
    () => caseCatalogue(),
  );
}
