import { createServer, connect, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbUnavailableError, openDb, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { runFazhi } from '../testing/cli.ts';
import { scratchPostgres } from '../testing/databases.ts';
import { seedWorld, signIn, testApp, type Client } from '../testing/http.ts';

/** A port on loopback nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('an unreachable database at start-up', () => {
  it('is one plain Chinese line naming the database, with no stack trace', async () => {
    const port = await closedPort();
    const h = openDb(`postgres://fazhi:secret@127.0.0.1:${port}/fazhi`);
    const err = await migrateToLatest(h).then(
      () => null,
      (e: unknown) => e,
    );
    await h.close();
    expect(err).toBeInstanceOf(DbUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toContain(`127.0.0.1:${port}/fazhi`);
    expect(msg).toContain('连接被拒绝');
    expect(msg).not.toContain('secret');
  });

  it('ends every CLI command with that line and exit 1', async () => {
    const port = await closedPort();
    const r = await runFazhi(['orgs', '--db', `postgres://fazhi@127.0.0.1:${port}/fazhi`]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^错误：无法连接数据库 postgres:\/\/fazhi@127\.0\.0\.1:\d+\/fazhi：连接被拒绝。请检查/,
    );
  });
});

/** A TCP relay between the server and PostgreSQL that the test can cut and restore: an outage on demand. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const up = connect(this.target.port, this.target.host);
      for (const s of [client, up]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(up).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    if (s) await new Promise((r) => s.close(r));
  }
}

const pgUrl = process.env.FAZHI_TEST_PG;

describe.runIf(pgUrl)('a PostgreSQL outage while serving', () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  let relay: Relay;
  let h: Db;
  let app: FastifyInstance;
  let staff: Client;

  beforeAll(async () => {
    scratch = await scratchPostgres(pgUrl!);
    const direct = new URL(scratch.url);
    relay = new Relay({ host: direct.hostname, port: Number(direct.port) });
    await relay.start();
    const viaRelay = new URL(scratch.url);
    viaRelay.port = String(relay.port);
    h = openDb(viaRelay.toString());
    await migrateToLatest(h);
    await seedWorld(h);
    app = await testApp(h);
    staff = await signIn(app, 'township.staff');
  });
  afterAll(async () => {
    await app?.close();
    await relay?.cut();
    await h?.close();
    await scratch?.drop();
  });

  it('answers 503 in Chinese during the outage and recovers without a restart', async () => {
    const up = await app.inject({ method: 'GET', url: '/api/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ ok: true, db: 'postgres' });

    await relay.cut();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ error: { code: 'db_unavailable' } });
    expect(health.json<{ error: { message: string } }>().error.message).toMatch(/^无法连接数据库：/);
    const list = await staff.request({ method: 'GET', url: '/api/records?year=2024' });
    expect(list.statusCode).toBe(503);
    expect(list.json()).toEqual({
      error: { code: 'db_unavailable', message: '数据库暂时无法访问，请稍后再试；如持续出现请联系管理员' },
    });

    await relay.start();
    const back = await app.inject({ method: 'GET', url: '/api/health' });
    expect(back.statusCode).toBe(200);
    const again = await staff.request({ method: 'GET', url: '/api/records?year=2024' });
    expect(again.statusCode).toBe(200);
  });
});
