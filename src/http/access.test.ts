import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleId } from '../catalogue/roles.ts';
import type { Db } from '../db/connect.ts';
import { testDatabases } from '../testing/databases.ts';
import { matrix, type MatrixCase, type MatrixContext, type Where } from '../testing/access-matrix.ts';
import { allRoles, seedWorld, signIn, testApp, usernameOf, type Client } from '../testing/http.ts';

function expected(c: MatrixCase, role: RoleId, where: Where): number {
  const allowed = c.allow === 'public' || c.allow === 'all' || c.allow.includes(role);
  if (!allowed) return where === 'other' && c.seeOnly?.includes(role) ? 404 : 403;
  if (where === 'other' && c.other !== 'same') return c.other;
  return c.ok;
}

const PUBLIC_PROBES: readonly RoleId[] = ['township_staff', 'system_admin'];

for (const tdb of testDatabases()) {
  describe(`access matrix on ${tdb.name}`, () => {
    let h: Db;
    let app: FastifyInstance;
    let ctx: MatrixContext;
    const clients = new Map<RoleId, Client>();
    beforeAll(async () => {
      h = await tdb.open();
      const w = await seedWorld(h);
      app = await testApp(h);
      let n = 0;
      ctx = { h, store: app.fazhi.store, w, next: () => ++n };
      for (const role of allRoles) clients.set(role, await signIn(app, usernameOf(role)));
    });
    afterAll(async () => {
      await app.close();
      await h.close();
    });

    it('has an entry for every registered route, and every route goes through the guard', async () => {
      await app.ready();
      const registered = app.fazhi.registered.map((r) => `${r.method} ${r.url}`).sort();
      expect(registered).toEqual(Object.keys(matrix).sort());
      const guarded = app.fazhi.routes.map((r) => `${r.method} ${r.url}`).sort();
      expect(guarded).toEqual(registered);
    });

    it('answers 401 without a session on every non-public route', async () => {
      for (const [key, c] of Object.entries(matrix)) {
        const r = await app.inject(await c.req(ctx, 'own', 'township_staff'));
        expect(r.statusCode, key).toBe(c.allow === 'public' ? c.ok : 401);
        if (c.allow !== 'public') expect(r.json(), key).toMatchObject({ error: { code: 'unauthenticated' } });
      }
    });

    it('answers every role on own and other data as the table says', async () => {
      const failures: string[] = [];
      for (const [key, c] of Object.entries(matrix)) {
        // A public route reads no session (publicRoute): a business and an administrator's session
        // show it answers them as it answers anyone; each portal submission costs a proof of work.
        const roles = c.allow === 'public' ? PUBLIC_PROBES : allRoles;
        for (const role of roles) {
          for (const where of c.allow === 'public' ? (['own'] as const) : (['own', 'other'] as const)) {
            const client = c.consumesSession ? await signIn(app, usernameOf(role)) : clients.get(role)!;
            const r = await client.request(await c.req(ctx, where, role));
            const want = expected(c, role, where);
            if (r.statusCode !== want)
              failures.push(
                `${key} ${role} ${where}: ${r.statusCode} (want ${want}) ${r.body.slice(0, 160)}`,
              );
            if (r.statusCode < 300) await c.after?.(ctx, role);
          }
        }
      }
      expect(failures).toEqual([]);
      // Every route × every role × own and other data, one request each: its time grows with the routes.
    }, 240_000);
  });
}
