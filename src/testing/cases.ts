import { transitionsOf } from '../catalogue/cases.ts';
import type { Db } from '../db/connect.ts';
import { registerCase, takeCaseStep } from '../services/case-writes.ts';
import { caseTypeOrFail, type CaseDetail } from '../services/cases.ts';
import type { Org } from '../services/orgs.ts';
import type { OrgDraft } from '../services/records.ts';
import { setup } from './fixtures.ts';

/** One back-dated step: the engine's command with its date. */
export interface SeedStep {
  readonly action: string;
  readonly date: string;
  readonly role?: string;
  readonly values?: Readonly<Record<string, unknown>>;
  readonly reason?: string;
}

/**
 * Opens a case on `draft.date` and takes the given back-dated steps in order, from the console
 * through the audited services; a refused step is an error (and stays in the history). Each step
 * is taken in the first role its declaration allows unless one is given.
 */
export async function openCaseAt(
  h: Db,
  township: Org,
  type: string,
  draft: OrgDraft,
  steps: readonly SeedStep[],
  opts: { now: string; role?: string; owner?: string | null },
): Promise<CaseDetail> {
  const { p, actor } = setup;
  const input = { type, townshipId: township.id, draft, owner: opts.owner, role: opts.role };
  let c = await registerCase(h, p, actor, input, opts.now);
  const transitions = transitionsOf(caseTypeOrFail(c.type));
  for (const s of steps) {
    const role = s.role ?? transitions.find((t) => t.id === s.action)?.roles[0] ?? 'township_staff';
    c = await takeCaseStep(h, p, actor, c.id, { ...s, role }, opts.now);
  }
  return c;
}
