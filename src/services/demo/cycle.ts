/**
 * The demo county's reporting cycle for its report year, as the county office sees it in the
 * spring: one township's report published (after a return and a fix), one accepted, one
 * submitted, one returned with a comment, one waiting for its leader's 签发, the rest not started.
 * Every step is taken by the township's own demo accounts through the audited services, on dates
 * from mid-January of the next year (never after `now`).
 */
import type { Db } from '../../db/connect.ts';
import type { Principal } from '../access.ts';
import { actorOf } from '../audit.ts';
import { saveDraft } from '../cycle.ts';
import { takeStep, type StepInput } from '../cycle-steps.ts';
import { inProcessCycleTools } from '../cycle-tools.ts';
import type { Org } from '../orgs.ts';
import type { User } from '../users.ts';

/** How far each township gets, by its place in the county (repeating past six). */
const REACHED = [
  'published',
  'accepted',
  'submitted',
  'returned',
  'awaiting_signature',
  'not_started',
] as const;

export async function demoCycle(
  h: Db,
  county: Org,
  townships: readonly Org[],
  users: readonly User[],
  year: number,
  now: string,
): Promise<void> {
  const principal = (role: string, org: Org): Principal | null => {
    const u = users.find((x) => x.role === role && x.orgId === org.id);
    return u
      ? { id: u.id, username: u.username, name: u.name, role, orgId: org.id, orgPath: org.path }
      : null;
  };
  const officer = principal('county_officer', county);
  if (!officer) return;
  let day = 0;
  /** Each step a day later than the one before, from 15 January; never after `now`. */
  const next = (): string => {
    const t = Date.UTC(year + 1, 0, 15 + day++, 2);
    return new Date(Math.min(t, Date.parse(now))).toISOString();
  };
  for (const [i, town] of townships.entries()) {
    const reached = REACHED[i % REACHED.length]!;
    const staff = principal('township_staff', town);
    const leader = principal('township_leader', town);
    if (reached === 'not_started' || !staff || !leader) continue;
    const where = { townshipId: town.id, year };
    const step = (p: Principal, s: string, extra: Partial<StepInput> = {}) =>
      takeStep(h, p, actorOf(p, null), { ...where, step: s, ...extra }, next(), inProcessCycleTools);
    const v = await saveDraft(
      h,
      staff,
      actorOf(staff, null),
      { ...where, baseVersion: 0, edits: {} },
      next(),
    );
    await step(staff, 'request_signature');
    if (reached === 'awaiting_signature') continue;
    await step(leader, 'sign');
    await step(staff, 'submit');
    if (reached === 'submitted') continue;
    if (reached === 'returned' || reached === 'published') {
      await step(officer, 'return', {
        comment: '第二部分所列不足的原因尚未确认，请逐项核实后重新签发报送。',
      });
      if (reached === 'returned') continue;
      const causes = { overdue_dispute: '部分纠纷当事人长期在外务工，无法按期到场调解' };
      await saveDraft(
        h,
        staff,
        actorOf(staff, null),
        { ...where, baseVersion: v.version, edits: { causes } },
        next(),
      );
      await step(staff, 'request_signature');
      await step(leader, 'sign');
      await step(staff, 'submit');
    }
    await step(officer, 'accept', { comment: '审核通过。' });
    if (reached === 'accepted') continue;
    await step(officer, 'clear', { clearance: { reviewer: '县依法治县办保密员', result: 'passed' } });
    await step(officer, 'publish');
  }
}
