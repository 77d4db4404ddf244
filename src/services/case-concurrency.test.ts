import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { systemPrincipal } from './access.ts';
import { actorOf, listAudit, verifyAudit } from './audit.ts';
import { registerCase, takeCaseStep } from './case-writes.ts';
import { showCase } from './cases.ts';
import { ALL } from '../core/scope.ts';

const AT = '2025-03-04T02:00:00.000Z';

for (const tdb of testDatabases()) {
  describe(`concurrent steps on one case on ${tdb.name}`, () => {
    let h: Db;
    beforeAll(async () => {
      h = await tdb.open();
    });
    afterAll(async () => h.close());

    it('end in one success and clear refusals, each kept in the history and the audit', async () => {
      const { a } = await smallCounty(h);
      const p = systemPrincipal('tester');
      const actor = actorOf(p, null);
      const c = await registerCase(
        h,
        p,
        actor,
        {
          type: 'dispute',
          townshipId: a.id,
          draft: { date: '2025-03-03', title: '宅基地界址纠纷', data: { disputeType: 'land' } },
        },
        AT,
      );
      const outcomes = await Promise.allSettled(
        [0, 1, 2, 3].map(() =>
          takeCaseStep(h, p, actor, c.id, { action: 'mediate', date: '2025-03-04' }, AT),
        ),
      );
      const done = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(done).toHaveLength(1);
      expect(refused).toHaveLength(3);
      for (const e of refused) {
        expect(e).toBeInstanceOf(UserError);
        expect((e as UserError).status).toBe(409);
      }
      const detail = await showCase(h, ALL, c.id, AT);
      const steps = detail.events.filter((e) => e.action === 'mediate');
      expect(steps.map((e) => e.outcome).sort()).toEqual(['done', 'refused', 'refused', 'refused']);
      expect(new Set(detail.events.map((e) => e.seq)).size).toBe(detail.events.length);
      const audit = (await listAudit(h, { limit: 100 }))
        .map((e) => e.action)
        .filter((x) => x.startsWith('case.'));
      expect(audit.filter((x) => x === 'case.mediate')).toHaveLength(1);
      expect(audit.filter((x) => x === 'case.refused')).toHaveLength(3);
      expect((await verifyAudit(h)).ok).toBe(true);
    });
  });
}
