import { findCaseType } from '../catalogue/cases.ts';
import type { FieldValue } from '../catalogue/fields.ts';
import { UserError, notFound } from '../core/errors.ts';
import { ALL } from '../core/scope.ts';
import * as repo from '../db/cases.repo.ts';
import type { Db } from '../db/connect.ts';
import {
  allowedKinds,
  forbidden,
  isSystem,
  kindAllowed,
  requireAction,
  scopeOf,
  type Principal,
} from './access.ts';
import { withAudit, type AuditActor } from './audit.ts';
import { insertCase, refusalError, showCase, stepCase, townshipContext, type CaseDetail } from './cases.ts';
import { insertCaseHistories, planCaseHistories, type SeedResult } from './cases/seed.ts';
import { writableTownship } from './ledger-writes.ts';
import { requireOrg } from './orgs.ts';
import type { OrgDraft } from './records.ts';

/**
 * Case writes (open, step, attach histories) made by a principal: checked against its rights,
 * scope and readable kinds, and audited in the same transaction as the case's rows.
 */

/**
 * Who takes a step in the case history: a user acts as itself, in its own role; the console names
 * the role and the person it enters the step for (default: the township's staff).
 */
function handler(p: Principal, given: { role?: string; actor?: string | null }) {
  return isSystem(p)
    ? { role: given.role ?? 'township_staff', actor: given.actor ?? null }
    : { role: p.role, actor: p.name ?? p.username };
}

/** Opens a case in a township inside the principal's scope (a new ledger record with its clocks). */
export async function registerCase(
  h: Db,
  p: Principal,
  actor: AuditActor,
  input: {
    type: string;
    townshipId?: number;
    draft: OrgDraft;
    owner?: string | null;
    /** The console only: the role and person the case is entered for. */
    role?: string;
    actor?: string | null;
  },
  at: string,
): Promise<CaseDetail> {
  requireAction(p, 'cases.write');
  const type = findCaseType(input.type);
  if (!type) throw new UserError(`未知的案件类型“${input.type}”`, 'unknown_case_type');
  if (!kindAllowed(p.role, 'write', type.kind)) throw forbidden('当前角色无权登记此类案件');
  const ctx = await townshipContext(h, await writableTownship(h, p, input.townshipId));
  const id = await withAudit(h, actor, at, async (trx) => {
    const id = await insertCase(h, trx, ctx, type, input.draft, {
      ...handler(p, input),
      owner: input.owner,
      now: at,
      createdBy: p.id,
    });
    const c = await repo.getCase(trx, ALL, id);
    if (!c) throw notFound('案件写入后未能读回');
    const data = h.dialect.readJson(c.data) as Record<string, FieldValue>;
    return {
      result: id,
      events: [
        {
          action: 'case.open',
          targetType: 'case',
          targetId: id,
          after: { type: c.type, state: c.state, title: c.title, data },
        },
      ],
    };
  });
  return showCase(h, scopeOf(p), id, at);
}

/** A step as entered: the engine's command without the role and person, which come from the principal. */
export interface CaseStep {
  readonly action: string;
  readonly date?: string;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly reason?: string | null;
  /** The console only: the role and person the step is entered for. */
  readonly role?: string;
  readonly actor?: string | null;
}

/**
 * Takes one step of a case the principal may see. A refused step is kept in the case history and
 * audited as `case.refused`, then reported as a UserError.
 */
export async function takeCaseStep(
  h: Db,
  p: Principal,
  actor: AuditActor,
  id: number,
  step: CaseStep,
  at: string,
): Promise<CaseDetail> {
  requireAction(p, 'cases.act');
  const scope = scopeOf(p);
  const found = await repo.getCase(h.db, scope, id);
  if (!found || !kindAllowed(p.role, 'read', found.type)) throw notFound(`案件 ${id} 不存在或无权查看`);
  const ctx = await townshipContext(h, await requireOrg(h, found.township_id));
  const cmd = { ...step, ...handler(p, step) };
  const out = await withAudit(h, actor, at, async (trx) => {
    const o = await stepCase(h, trx, ctx, scope, id, cmd, at);
    const event = o.refusal
      ? {
          action: 'case.refused',
          targetType: 'case',
          targetId: id,
          after: { action: step.action, error: o.refusal.error },
        }
      : { action: `case.${step.action}`, targetType: 'case', targetId: id, before: o.before, after: o.after };
    return { result: o, events: [event] };
  });
  if (out.refusal) throw refusalError(out.refusal);
  return showCase(h, scope, id, at);
}

/**
 * Gives every case-kind record of a township that has no case (imported or demo rows) a case with
 * a history rebuilt by the engine; the records' data stays as it is.
 */
export async function attachCaseHistories(
  h: Db,
  p: Principal,
  actor: AuditActor,
  townshipId: number,
  at: string,
): Promise<SeedResult> {
  requireAction(p, 'cases.write');
  if (allowedKinds(p.role, 'write') !== undefined)
    throw forbidden('当前角色无权为全部案件类台账补建办理记录');
  const township = await writableTownship(h, p, townshipId);
  const plan = await planCaseHistories(h, township.id, at);
  if (plan.cases.length === 0) return plan.result;
  return withAudit(h, actor, at, async (trx) => {
    await insertCaseHistories(trx, plan);
    return {
      result: plan.result,
      events: [{ action: 'case.attach', targetType: 'org', targetId: township.id, after: plan.result }],
    };
  });
}
