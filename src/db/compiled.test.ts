import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Org } from '../services/orgs.ts';
import { testDatabases } from '../testing/databases.ts';
import { smallCounty } from '../testing/fixtures.ts';
import { compiledOnce, runCompiled, slot } from './compiled.ts';
import type { Db } from './connect.ts';

for (const tdb of testDatabases()) {
  describe(`statements compiled once on ${tdb.name}`, () => {
    let h: Db;
    let orgs: { county: Org; a: Org; b: Org };
    beforeAll(async () => {
      h = await tdb.open();
      orgs = await smallCounty(h);
    });
    afterAll(async () => h.close());

    const owner = {};
    const byParent = () =>
      compiledOnce(h.db, owner, 'children', () =>
        h.db
          .selectFrom('orgs')
          .select('name')
          .where('parent_id', '=', slot<number>('parent'))
          .where('kind', 'in', ['township', 'village'])
          .where('name', '<>', slot<string>('not'))
          .orderBy('id'),
      );

    it('builds a shape once and runs it with each call’s values in its slots', async () => {
      const c = byParent();
      expect(byParent()).toBe(c);
      // The constants stay; only the slots change from run to run.
      expect(c.parameters.filter((p) => p === 'township' || p === 'village')).toHaveLength(2);
      const names = async (parent: number, not: string) =>
        (await runCompiled<{ name: string }>(h.db, c, { parent, not })).map((r) => r.name);
      expect(await names(orgs.county.id, '')).toEqual([orgs.a.name, orgs.b.name]);
      expect(await names(orgs.county.id, orgs.a.name)).toEqual([orgs.b.name]);
      expect(await names(orgs.a.id, '')).toEqual(['东村']);
      // Another shape of the same owner is compiled on its own.
      expect(compiledOnce(h.db, owner, 'other', () => h.db.selectFrom('orgs').select('id'))).not.toBe(c);
    });

    it('refuses to run with a slot left without a value', async () => {
      await expect(runCompiled(h.db, byParent(), { parent: orgs.county.id })).rejects.toThrow(
        'no value for slot not',
      );
    });
  });
}
