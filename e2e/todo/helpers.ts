import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, todayOf } from '../../src/core/dates.ts';
import type { Db } from '../../src/db/connect.ts';
import { systemPrincipal } from '../../src/services/access.ts';
import { actorOf } from '../../src/services/audit.ts';
import { registerCase } from '../../src/services/case-writes.ts';

/** The township and name of a demo account. */
export async function townshipOf(h: Db, username: string): Promise<{ id: number; name: string }> {
  const r = await h.db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['o.id', 'o.name'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: Number(r.id), name: r.name };
}

/**
 * A 行政应诉 case served long ago and never answered: its 15-day answer period ran out before any
 * of the demo's, so it is the most overdue lawsuit of the township.
 */
export async function overdueLawsuit(h: Db, townshipId: number, title: string): Promise<number> {
  const p = systemPrincipal('e2e');
  const now = new Date().toISOString();
  const draft = { date: addDays(todayOf(now), -1000), title, data: { plaintiff: '原告某某' } };
  const r = await registerCase(
    h,
    p,
    actorOf(p, null),
    { type: 'lawsuit', townshipId, draft, role: 'township_staff' },
    now,
  );
  return r.id;
}

/** A local group robot: keeps every JSON body posted to it and answers as 钉钉 and 企业微信 do. */
export class RobotReceiver {
  readonly posts: unknown[] = [];
  readonly #server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      this.posts.push(JSON.parse(raw));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((ok) => this.#server.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/robot/send?access_token=e2e-token`;
  }
  stop(): Promise<void> {
    return new Promise((ok) => this.#server.close(() => ok()));
  }
}
